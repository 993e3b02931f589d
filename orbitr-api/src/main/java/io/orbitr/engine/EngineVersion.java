package io.orbitr.engine;

import java.util.Objects;

/**
 * The engine's build, as {@code docker version} shows the server side.
 *
 * @param version       the engine's version, for example {@code 20.10.24}
 * @param apiVersion    the newest API it speaks, for example {@code 1.41}
 * @param minApiVersion the oldest API it speaks
 * @param os            its operating system, for example {@code linux}
 * @param architecture  its architecture, for example {@code amd64}
 * @param kernelVersion the host's kernel
 * @param gitCommit     the commit it was built from
 * @param goVersion     the Go version it was built with
 */
public record EngineVersion(String version, String apiVersion, String minApiVersion, String os, String architecture,
        String kernelVersion, String gitCommit, String goVersion) {

    /** Refuses nulls: a field the engine omits is an empty string. */
    public EngineVersion {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(minApiVersion, "minApiVersion");
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(kernelVersion, "kernelVersion");
        Objects.requireNonNull(gitCommit, "gitCommit");
        Objects.requireNonNull(goVersion, "goVersion");
    }
}
