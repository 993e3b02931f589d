package io.orbitr.extension;

/** What a named volume holds, which decides whether uninstall keeps it. */
public enum VolumeKind {
    /** The user's data: kept on uninstall unless purged, kept on upgrade. */
    DATA,
    /** Rebuildable content: removed on uninstall. */
    CACHE
}
