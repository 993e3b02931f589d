package io.orbitr.extension;

/** Where an installed extension stands. */
public enum ExtensionState {
    /** Being installed; an extension left in this state by a crash is undone at the next start. */
    INSTALLING,
    /** Installed and meant to run. */
    RUNNING,
    /** Installed and stopped by the user. */
    STOPPED,
    /** Being upgraded; left in this state by a crash, it is rolled back at the next start. */
    UPGRADING,
    /** Being removed; left in this state by a crash, the removal is completed at the next start. */
    REMOVING
}
