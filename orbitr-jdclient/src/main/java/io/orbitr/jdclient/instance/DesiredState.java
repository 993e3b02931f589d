package io.orbitr.jdclient.instance;

/**
 * What the user last asked of an instance. It survives a platform restart: instances that should run are started
 * again when the platform comes back.
 */
public enum DesiredState {
    /** Started and not stopped since. */
    RUNNING,
    /** Created and never started, or stopped. */
    STOPPED
}
