package io.orbitr.core.assembly;

import java.util.Objects;

/**
 * Where one provider came from, for status output and error messages.
 *
 * @param kind      the SPI's label
 * @param id        the provider's id
 * @param className the provider's class
 * @param location  the jar or directory it was loaded from, or {@code unknown}
 * @param explicit  whether the host registered it with the builder (rather than discovery)
 */
public record ProviderInfo(String kind, String id, String className, String location, boolean explicit) {

    /** Refuses nulls. */
    public ProviderInfo {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(location, "location");
    }
}
