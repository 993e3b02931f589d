package io.orbitr.core.health.check;

import io.orbitr.health.AsyncHealthCheck;
import io.orbitr.health.CheckOption;
import io.orbitr.health.CheckSpec;
import io.orbitr.health.HealthCheck;
import io.orbitr.health.HealthCheckProvider;
import io.orbitr.health.HealthResult;
import io.orbitr.health.OptionType;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code tcp} check: a TCP connection to {@code host} and {@code port} (both required) can be opened. Records
 * the connect time. Connects are driven by one selector thread for every TCP target; host names are resolved on a
 * small pool (the JDK caches answers), IP literals not at all. {@code timeout} bounds a direct run (default 48 s).
 */
public final class TcpCheckProvider implements HealthCheckProvider {
    private static final List<CheckOption> OPTIONS = List.of(
            CheckOption.required("host", OptionType.TEXT, "a host name or IP address"),
            CheckOption.required("port", OptionType.INTEGER, "the TCP port, 1-65535"),
            CheckOption.optional("timeout", OptionType.DURATION, "48s", "the bound on a direct run"));
    private final TcpConnector connector = new TcpConnector();
    private final HostResolver resolver = new HostResolver("orbitr-tcp-resolver");

    @Override
    public String id() {
        return "tcp";
    }

    @Override
    public List<CheckOption> options() {
        return OPTIONS;
    }

    @Override
    public HealthCheck create(CheckSpec spec) {
        String host = spec.requireString("host").trim();
        int port = spec.requireInt("port", 1, 65_535);
        Duration timeout = spec.duration("timeout", Duration.ofSeconds(48));
        // An IP literal never changes: parse it once, not at every check.
        return new TcpCheck(host, port, HostResolver.literal(host, port).orElse(null), timeout);
    }

    @Override
    public void stop() {
        connector.close();
        resolver.close();
    }

    /** One {@code tcp} check. */
    private final class TcpCheck implements AsyncHealthCheck {
        private final String host;
        private final int port;
        private final InetSocketAddress literal;
        private final Duration defaultTimeout;

        TcpCheck(String host, int port, InetSocketAddress literal, Duration defaultTimeout) {
            this.host = host;
            this.port = port;
            this.literal = literal;
            this.defaultTimeout = defaultTimeout;
        }

        @Override
        public CompletableFuture<HealthResult> start(Duration timeout) {
            if (literal != null) {
                return connect(literal);
            }
            CompletableFuture<HealthResult> result = new CompletableFuture<>();
            resolver.resolve(host, port).whenComplete((resolved, error) -> {
                if (error != null) {
                    Throwable cause = error.getCause() != null ? error.getCause() : error;
                    result.complete(HealthResult.down("cannot resolve " + host + ": " + cause.getMessage()));
                } else if (!result.isDone()) {
                    CompletableFuture<HealthResult> connected = connect(resolved);
                    Futures.cancelWith(result, connected);
                    connected.whenComplete((value, failure) -> result.complete(value));
                }
            });
            return result;
        }

        private CompletableFuture<HealthResult> connect(InetSocketAddress address) {
            CompletableFuture<Long> connect = connector.connect(address);
            CompletableFuture<HealthResult> result = new CompletableFuture<>();
            Futures.cancelWith(result, connect);
            connect.whenComplete((nanos, failure) -> result.complete(failure == null
                    ? HealthResult.up("connected to " + host + ":" + port)
                            .withDetail("connectMs", nanos / 1_000_000.0)
                    : HealthResult.down("cannot connect to " + host + ":" + port + ": " + describe(failure))));
            return result;
        }

        @Override
        public Duration defaultTimeout() {
            return defaultTimeout;
        }

        private static String describe(Throwable failure) {
            Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        }
    }
}
