package io.orbitr.core.extension;

/**
 * One journaled step of an install or upgrade: written before the resource is created, so that undoing a failure or a
 * crash finds everything that may exist.
 *
 * @param kind     what kind of resource
 * @param resource its name (a service's name for {@link Kind#REPLACED})
 */
record JournalStep(Kind kind, String resource) {
    /** The kinds of resource. */
    enum Kind {
        /** The extension's network. */
        NETWORK,
        /** A named volume this operation created. */
        VOLUME,
        /** The extension's data directory, created by this operation. */
        DIRECTORY,
        /** A container this operation created. */
        CONTAINER,
        /** A swarm service this operation created (an extension installed as services). */
        SERVICE,
        /** An upgrade removed the previous container of this service; a rollback recreates it. */
        REPLACED,
        /** A health target. */
        TARGET,
        /** A proxy route. */
        ROUTE
    }
}
