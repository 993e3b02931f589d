package io.orbitr.health.checks;

import io.orbitr.health.CheckSpec;
import java.time.Duration;
import java.util.Map;

/**
 * A {@code tcp} check, typed: a TCP connection to a host and port can be opened.
 *
 * <pre>{@code
 * CheckSpec spec = TcpCheckSpec.to("127.0.0.1", 5432).toSpec();
 * }</pre>
 */
public final class TcpCheckSpec {
    private final Map<String, Object> options;

    private TcpCheckSpec(Map<String, Object> options) {
        this.options = options;
    }

    /**
     * @param host a host name or IP address
     * @param port the TCP port, 1-65535
     * @return a check of that address
     */
    public static TcpCheckSpec to(String host, int port) {
        return new TcpCheckSpec(SpecOptions.with(SpecOptions.of("host", host), "port", port));
    }

    /**
     * @param timeout the bound when the check is run directly rather than by the monitor (default 48 s)
     * @return a copy with that bound
     */
    public TcpCheckSpec timeout(Duration timeout) {
        return new TcpCheckSpec(SpecOptions.with(options, "timeout", timeout.toMillis()));
    }

    /** @return the spec, as a host could have written it by hand */
    public CheckSpec toSpec() {
        return new CheckSpec("tcp", options);
    }
}
