package io.orbitr.extension;

/**
 * How an extension's services run on its engine endpoint, chosen at install and kept with it.
 *
 * <pre>{@code
 * extensions.install(manifest, Map.of(), InstallOptions.onEngine("edge").asServices());
 * }</pre>
 */
public enum Deployment {
    /** One container per service, on the extension's own bridge network (the default). */
    CONTAINERS,
    /**
     * One swarm service per service (one replica each), on the extension's own attachable overlay network: the
     * endpoint must be a swarm manager. Routes and checks reach the main service through its published port.
     */
    SERVICES
}
