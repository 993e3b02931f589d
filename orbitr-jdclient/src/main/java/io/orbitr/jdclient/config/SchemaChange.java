package io.orbitr.jdclient.config;

import java.util.Objects;

/**
 * One edit that brings an older jd-client file to the current schema.
 *
 * @param key         the old key, as written in the file (for example {@code downstream_address} or
 *                    {@code upstreams[0].jd_address})
 * @param instruction what to write instead, for example {@code replace with listening_address = "0.0.0.0:34265"}
 */
public record SchemaChange(String key, String instruction) {

    /** Refuses nulls. */
    public SchemaChange {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(instruction, "instruction");
    }

    @Override
    public String toString() {
        return key + ": " + instruction;
    }
}
