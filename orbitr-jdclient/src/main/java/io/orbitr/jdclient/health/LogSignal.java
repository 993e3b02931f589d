package io.orbitr.jdclient.health;

import io.orbitr.health.HealthStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The lines of jd-client's output that say something about its health (from the jd-client reference), each with
 * the status it implies. The newest matching line decides: a failed upstream attempt followed by a successful
 * connection is healthy again.
 */
public enum LogSignal {
    /** {@code Job declarator client starting... setting up subsystems}. */
    STARTING(HealthStatus.PENDING, "starting", "Job declarator client starting"),
    /** Waiting for the first template (the node may still be syncing). */
    WAITING_FOR_TEMPLATE(HealthStatus.PENDING, "waiting for a template from the Template Provider",
            "Waiting for initial template and prevhash", "Is the Bitcoin node undergoing IBD\\?"),
    /** Templates arrive and the downstream server accepts miners. */
    READY(HealthStatus.UP, "ready to accept connections",
            "Required template data received, ready to accept connections", "Starting downstream server at"),
    /** Connected to a pool and its Job Declarator Server. */
    CONNECTED(HealthStatus.UP, "connected upstream", "Connected to upstream at",
            "SetupConnectionSuccess", "SV2 handshake completed successfully"),
    /** Connecting to a pool: {@code Trying upstream I of N}. */
    CONNECTING(HealthStatus.PENDING, "connecting to an upstream", "Trying upstream \\d+ of \\d+"),
    /** An upstream attempt failed or a connection dropped; jd-client retries or moves to the next upstream. */
    UPSTREAM_TROUBLE(HealthStatus.PENDING, "upstream trouble, retrying",
            "Attempt \\d+/\\d+ failed for pool=", "Max retries reached for pool=",
            "connection dropped .{0,3} attempting reconnection"),
    /** Every upstream failed and jd-client mines solo. */
    SOLO_FALLBACK(HealthStatus.PENDING, "every upstream failed: fell back to solo mining",
            "falling back to solo mining mode"),
    /** Every upstream failed and nothing followed. */
    ALL_UPSTREAMS_FAILED(HealthStatus.DOWN, "every upstream failed", "All upstreams failed after"),
    /** Bitcoin Core's IPC or the Template Provider cannot be used: jd-client shuts down. */
    TEMPLATE_PROVIDER_FAILED(HealthStatus.DOWN, "the template provider is unreachable",
            "Failed to create BitcoinCoreToSv2"),
    /** The listening address is taken. */
    BIND_FAILED(HealthStatus.DOWN, "cannot bind the listening address", "Failed to bind downstream server at"),
    /** Certificates refused, usually clock skew. */
    INVALID_CERTIFICATE(HealthStatus.DOWN, "certificate refused (clock skew?)", "InvalidCertificate\\("),
    /** The configuration was refused. */
    CONFIG_ERROR(HealthStatus.DOWN, "configuration refused", "Job Declarator Client config error"),
    /** A Rust panic. */
    PANIC(HealthStatus.DOWN, "panicked", "^panic", "panicked at"),
    /** {@code JD Client shutdown complete.} */
    SHUT_DOWN(HealthStatus.DOWN, "shut down", "JD Client shutdown complete");

    private final HealthStatus status;
    private final String meaning;
    private final List<Pattern> patterns;

    LogSignal(HealthStatus status, String meaning, String... patterns) {
        this.status = status;
        this.meaning = meaning;
        this.patterns = Arrays.stream(patterns).map(Pattern::compile).toList();
    }

    /** @return the status this line implies */
    public HealthStatus status() {
        return status;
    }

    /** @return what it means, in words */
    public String meaning() {
        return meaning;
    }

    /**
     * @param message a log line's message (or a whole line when it is not in jd-client's format)
     * @return the signal it carries, or empty when it carries none
     */
    public static Optional<LogSignal> of(String message) {
        for (LogSignal signal : values()) {
            for (Pattern pattern : signal.patterns) {
                if (pattern.matcher(message).find()) {
                    return Optional.of(signal);
                }
            }
        }
        return Optional.empty();
    }
}
