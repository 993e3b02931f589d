package io.orbitr.core.extension;

import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.ContainerSpec;
import io.orbitr.engine.EngineSettings;
import io.orbitr.engine.PortBinding;
import io.orbitr.extension.ExtensionRoute;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * The engine endpoint an extension runs on, and how Orbitr reaches the extension's containers there.
 *
 * <p>An endpoint on this machine (a unix socket, or TCP to a loopback address) runs containers whose addresses on
 * their networks this host routes to: routes and checks use the main container's address, as they always did. An
 * endpoint reached over TCP at another address runs them on another machine (or network namespace), whose container
 * networks this host cannot reach: there the main service is reached through the port it publishes on the engine's
 * host, at the endpoint's address (or the address the port is bound to, when the manifest names one).
 *
 * @param name       the endpoint's name
 * @param client     its engine client
 * @param remoteHost the endpoint's address when it is another machine; empty for this machine
 */
record ExtensionEngine(String name, ContainerEngine client, Optional<String> remoteHost) {

    /**
     * @param settings the endpoint
     * @param client   its client
     * @return the endpoint, with its address when it is another machine
     */
    static ExtensionEngine of(EngineSettings settings, ContainerEngine client) {
        return new ExtensionEngine(settings.name(), client, remoteHost(settings.host()));
    }

    /** @return whether the containers run on another machine, reached through published ports */
    boolean remote() {
        return remoteHost.isPresent();
    }

    /**
     * @param host an endpoint's URI
     * @return its address when it names another machine: TCP (or HTTP) to an address that is not loopback
     */
    static Optional<String> remoteHost(URI host) {
        String scheme = host.getScheme() == null ? "" : host.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("tcp") && !scheme.equals("http") && !scheme.equals("https")) {
            return Optional.empty();
        }
        String address = host.getHost();
        if (address == null || loopback(address)) {
            return Optional.empty();
        }
        return Optional.of(address.startsWith("[") ? address.substring(1, address.length() - 1) : address);
    }

    /**
     * Where a route or check reaches the main service's port on a remote endpoint: the host port it is published on.
     *
     * @param main  the main service's container spec
     * @param route the route (its port and protocol)
     * @return the address and port, or empty when the manifest does not publish the route's port
     */
    Optional<Upstream> published(ContainerSpec main, ExtensionRoute route) {
        PortBinding.Protocol protocol = route.protocol() == io.orbitr.proxy.Protocol.UDP ? PortBinding.Protocol.UDP
                : PortBinding.Protocol.TCP;
        return main.ports().stream()
                .filter(p -> p.isPublished() && p.containerPort() == route.port() && p.protocol() == protocol)
                .findFirst()
                .map(p -> new Upstream(wildcard(p.hostIp()) ? remoteHost.orElseThrow() : p.hostIp(), p.hostPort()));
    }

    /**
     * An address and port Orbitr (and the proxy on its host) connects to.
     *
     * @param host the address
     * @param port the port
     */
    record Upstream(String host, int port) {
        /** @return whether the address is loopback: on a remote endpoint, its own loopback, unreachable from here */
        boolean loopback() {
            return ExtensionEngine.loopback(host);
        }
    }

    /** @return whether a port bound to this address is bound to every address of its host */
    static boolean wildcard(String hostIp) {
        return hostIp.isEmpty() || hostIp.equals("0.0.0.0") || hostIp.equals("::") || hostIp.equals("[::]");
    }

    /** @return whether the address is a loopback one (by its text: no lookup) */
    static boolean loopback(String address) {
        String a = address.toLowerCase(Locale.ROOT);
        return a.equals("localhost") || a.startsWith("127.") || a.equals("::1") || a.equals("[::1]");
    }
}
