package io.orbitr.extension;

import java.util.Objects;

/**
 * A Compose volume mount: {@code SOURCE:TARGET[:ro]}. A source that starts with {@code /} or {@code ${EXTENSION_DATA}}
 * is a bind mount of a host path; otherwise it names one of the manifest's top-level volumes.
 *
 * @param source   the volume's name or the host path
 * @param target   the absolute path inside the container
 * @param readOnly whether it is mounted read-only
 */
public record ServiceVolume(String source, String target, boolean readOnly) {
    /** Checks for nulls. */
    public ServiceVolume {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
    }

    /** @return whether the source is a host path rather than a named volume */
    public boolean bind() {
        return source.startsWith("/") || source.startsWith("${EXTENSION_DATA}") || source.startsWith(".");
    }

    /** @return the Compose short syntax */
    @Override
    public String toString() {
        return source + ":" + target + (readOnly ? ":ro" : "");
    }
}
