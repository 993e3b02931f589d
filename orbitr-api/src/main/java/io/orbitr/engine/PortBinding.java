package io.orbitr.engine;

import io.orbitr.InvalidValueException;
import java.util.Locale;
import java.util.Objects;

/**
 * A container port and where it is published on the host. In a {@link ContainerSpec} a host port of 0 lets the
 * engine pick a free one; in what the engine reports, a host port of 0 means the port is exposed but not published.
 *
 * <pre>{@code
 * PortBinding.tcp(8080).onHost("127.0.0.1", 18080)
 * }</pre>
 *
 * @param containerPort the port inside the container, 1 to 65535
 * @param protocol      its protocol
 * @param hostIp        the host address it is published on; empty for every address
 * @param hostPort      the host port, 0 to 65535
 */
public record PortBinding(int containerPort, Protocol protocol, String hostIp, int hostPort) {

    /** A port's transport protocol. */
    public enum Protocol {
        /** TCP. */
        TCP,
        /** UDP. */
        UDP,
        /** SCTP. */
        SCTP;

        /** @return the engine's name, for example {@code tcp} */
        public String engineName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * @param name the engine's name, in any case
         * @return the protocol
         */
        public static Protocol fromEngineName(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidValueException("protocol", name, "must be tcp, udp or sctp");
            }
        }
    }

    /** Validates the ports. */
    public PortBinding {
        if (containerPort < 1 || containerPort > 65535) {
            throw new InvalidValueException("container port", containerPort, "must be between 1 and 65535");
        }
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(hostIp, "hostIp");
        if (hostPort < 0 || hostPort > 65535) {
            throw new InvalidValueException("host port", hostPort, "must be between 0 and 65535");
        }
    }

    /**
     * @param containerPort the port inside the container
     * @return the TCP port published on a free host port of every address
     */
    public static PortBinding tcp(int containerPort) {
        return new PortBinding(containerPort, Protocol.TCP, "", 0);
    }

    /**
     * @param containerPort the port inside the container
     * @return the UDP port published on a free host port of every address
     */
    public static PortBinding udp(int containerPort) {
        return new PortBinding(containerPort, Protocol.UDP, "", 0);
    }

    /**
     * @param port the host port, or 0 for a free one
     * @return a copy published on this host port of every address
     */
    public PortBinding onHost(int port) {
        return new PortBinding(containerPort, protocol, "", port);
    }

    /**
     * @param ip   the host address, for example {@code 127.0.0.1}
     * @param port the host port, or 0 for a free one
     * @return a copy published on this address and port
     */
    public PortBinding onHost(String ip, int port) {
        return new PortBinding(containerPort, protocol, ip, port);
    }

    /** @return whether a host port is known (always true for a spec that names one) */
    public boolean isPublished() {
        return hostPort != 0;
    }

    /** @return the container side in the engine's notation, for example {@code 8080/tcp} */
    public String containerSide() {
        return containerPort + "/" + protocol.engineName();
    }
}
