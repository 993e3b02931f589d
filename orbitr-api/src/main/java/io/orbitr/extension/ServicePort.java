package io.orbitr.extension;

import io.orbitr.engine.PortBinding;
import java.util.Objects;

/**
 * A Compose port: {@code [HOST_IP:][PUBLISHED:]TARGET[/PROTOCOL]}.
 *
 * @param hostIp    the host address to bind, empty for every address
 * @param published the host port as written: empty (not published), a number, or {@code ${inputs.NAME}}
 * @param target    the port inside the container
 * @param protocol  tcp or udp
 */
public record ServicePort(String hostIp, String published, int target, PortBinding.Protocol protocol) {
    /** Checks for nulls. */
    public ServicePort {
        Objects.requireNonNull(hostIp, "hostIp");
        Objects.requireNonNull(published, "published");
        Objects.requireNonNull(protocol, "protocol");
    }

    /**
     * @param target the container port, not published on the host
     * @return a TCP port
     */
    public static ServicePort internal(int target) {
        return new ServicePort("", "", target, PortBinding.Protocol.TCP);
    }

    /**
     * @param published the host port (a number or an input reference)
     * @param target    the container port
     * @return a published TCP port
     */
    public static ServicePort published(String published, int target) {
        return new ServicePort("", published, target, PortBinding.Protocol.TCP);
    }

    /** @return the Compose short syntax */
    @Override
    public String toString() {
        String hostSide = (hostIp.isEmpty() ? "" : hostIp + ":") + (published.isEmpty() ? "" : published + ":");
        return hostSide + target + (protocol == PortBinding.Protocol.TCP ? "" : "/" + protocol.engineName());
    }
}
