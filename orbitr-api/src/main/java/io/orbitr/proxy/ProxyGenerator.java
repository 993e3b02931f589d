package io.orbitr.proxy;

import io.orbitr.spi.Provider;
import java.util.List;

/**
 * Renders routes into one reverse proxy's configuration. One provider per proxy, named by {@link #id()}:
 * {@code traefik}, {@code caddy}. Found by {@link java.util.ServiceLoader}.
 */
public interface ProxyGenerator extends Provider {

    /**
     * Renders every route into the proxy's configuration files. Pure: writes nothing; the proxy manager writes
     * the files atomically.
     *
     * @param routes   the routes, already validated
     * @param settings the proxy settings (default domain, ACME email, resolver)
     * @return the files to write; empty when there are no routes
     * @throws io.orbitr.InvalidValueException when a route uses something this proxy cannot serve, naming it
     */
    List<ProxyFile> render(List<Route> routes, ProxySettings settings);
}
