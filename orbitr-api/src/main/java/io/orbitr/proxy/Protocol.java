package io.orbitr.proxy;

import io.orbitr.InvalidValueException;
import java.util.Locale;

/**
 * How the proxy speaks to a route's target. {@link #HTTP} and {@link #HTTPS} are routed by host and path (layer 7);
 * {@link #TCP} and {@link #UDP} are forwarded as byte streams or datagrams (layer 4) and need an entry point of their
 * own. Written in lowercase in JSON and on the command line.
 */
public enum Protocol {
    /** Plain HTTP to the target. */
    HTTP,
    /** HTTPS to the target (the target terminates TLS itself). */
    HTTPS,
    /** Raw TCP: databases, brokers, game servers. */
    TCP,
    /** Raw UDP: DNS, VPNs, game servers. */
    UDP;

    /** @return the lowercase name used in JSON and configuration: {@code http}, {@code https}, {@code tcp}, {@code udp} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return whether routes of this protocol are matched by host and path (HTTP or HTTPS) */
    public boolean routedByHost() {
        return this == HTTP || this == HTTPS;
    }

    /**
     * @param id a protocol's lowercase name
     * @return the protocol
     * @throws InvalidValueException naming {@code protocol} when the name is not one of the four
     */
    public static Protocol of(String id) {
        for (Protocol protocol : values()) {
            if (protocol.id().equals(id)) {
                return protocol;
            }
        }
        throw new InvalidValueException("protocol", id, "must be one of http, https, tcp, udp");
    }

    @Override
    public String toString() {
        return id();
    }
}
