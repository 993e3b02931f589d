package io.orbitr.extension;

import java.util.Objects;

/**
 * An extension available to install.
 *
 * @param manifest the manifest
 * @param source   where it was found ({@code built-in} or a file path)
 */
public record CatalogEntry(ExtensionManifest manifest, String source) {
    /** Checks for nulls. */
    public CatalogEntry {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(source, "source");
    }

    /** @return the extension's id */
    public String id() {
        return manifest.id();
    }
}
