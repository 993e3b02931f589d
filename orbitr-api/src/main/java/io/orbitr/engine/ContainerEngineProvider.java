package io.orbitr.engine;

import io.orbitr.spi.Provider;

/**
 * Connects Orbitr to a container engine. {@code orbitr-docker} provides the {@code docker} engine; orbitr-core
 * knows engines only through this interface, never through an engine's client library.
 */
public interface ContainerEngineProvider extends Provider {

    /**
     * Creates a client for one engine. Must not block: the first request opens the connection.
     *
     * @param settings where the engine listens and how long a request may take
     * @return a client; the caller closes it
     */
    ContainerEngine connect(EngineSettings settings);
}
