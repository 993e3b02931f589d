package io.orbitr.core.health.check;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Turns a check's host into an address without blocking the caller: an IP literal at once (and once per check, by
 * {@link #literal}), a name on a small pool of its own, as name lookups may block (the JDK caches their answers).
 */
final class HostResolver implements AutoCloseable {
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[?[0-9a-fA-F:]*:[0-9a-fA-F:.]*]?");

    private final ExecutorService pool;

    /** @param name the pool threads' name */
    HostResolver(String name) {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, name);
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        this.pool = executor;
    }

    /**
     * @param host a host name or IP literal (IPv6 with or without brackets)
     * @param port the port
     * @return the address when the host is an IP literal, else empty
     */
    static Optional<InetSocketAddress> literal(String host, int port) {
        if (!IP_LITERAL.matcher(host).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new InetSocketAddress(InetAddress.getByName(host.replace("[", "").replace("]", "")),
                    port));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /**
     * @param host a host name or IP literal
     * @param port the port
     * @return the address; fails with {@link UnknownHostException} when the name does not resolve
     */
    CompletableFuture<InetSocketAddress> resolve(String host, int port) {
        Optional<InetSocketAddress> literal = literal(host, port);
        if (literal.isPresent()) {
            return CompletableFuture.completedFuture(literal.get());
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new InetSocketAddress(InetAddress.getByName(host), port);
            } catch (UnknownHostException e) {
                throw new CompletionException(e);
            }
        }, pool);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
