package io.orbitr.core.health.check;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;

/**
 * Opens TCP connections without a thread per connection: each connect is started on the caller's thread and
 * finished by one selector thread shared by every TCP check. Connections are closed with a reset (SO_LINGER 0) as
 * soon as they are established: a probe has nothing to say, and a reset leaves no TIME_WAIT socket behind, which
 * would otherwise exhaust local ports at thousands of probes per second. Thread-safe; started on first use.
 */
final class TcpConnector implements AutoCloseable {
    private final IoLoop loop = new IoLoop("orbitr-tcp-connector", () -> { }, this::failAll);

    /**
     * Connects and closes again.
     *
     * @param address the resolved address
     * @return the time the connect took in nanoseconds; fails with the connect's error. Cancelling it closes the
     *     channel.
     */
    CompletableFuture<Long> connect(InetSocketAddress address) {
        CompletableFuture<Long> result = new CompletableFuture<>();
        long started = System.nanoTime();
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            if (channel.connect(address)) {
                closeQuietly(channel);
                result.complete(System.nanoTime() - started);
                return result;
            }
            Pending pending = new Pending(channel, result, started);
            SocketChannel registered = channel;
            result.whenComplete((value, error) -> {
                if (result.isCancelled()) {
                    closeQuietly(registered);
                }
            });
            loop.submit(pending::register);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                closeQuietly(channel);
            }
            result.completeExceptionally(e);
        }
        return result;
    }

    private void failAll() {
        IllegalStateException closing = new IllegalStateException("the TCP connector stopped");
        for (SelectionKey key : loop.keys()) {
            Pending pending = (Pending) key.attachment();
            closeQuietly(pending.channel);
            pending.result.completeExceptionally(closing);
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing to do: the probe is over either way
        }
    }

    /** Stops the connector's thread; connects in progress fail. */
    @Override
    public void close() {
        loop.close();
    }

    /** A connect in progress. */
    private final class Pending implements IoLoop.Handler {
        final SocketChannel channel;
        final CompletableFuture<Long> result;
        final long started;

        Pending(SocketChannel channel, CompletableFuture<Long> result, long started) {
            this.channel = channel;
            this.result = result;
            this.started = started;
        }

        void register() {
            if (result.isDone()) {
                closeQuietly(channel);
                return;
            }
            try {
                channel.register(loop.selector(), SelectionKey.OP_CONNECT, this);
            } catch (IOException | RuntimeException e) {
                closeQuietly(channel);
                result.completeExceptionally(e);
            }
        }

        @Override
        public void ready(SelectionKey key) {
            try {
                if (channel.finishConnect()) {
                    long took = System.nanoTime() - started;
                    closeQuietly(channel);
                    result.complete(took);
                }
            } catch (IOException | RuntimeException e) {
                closeQuietly(channel);
                result.completeExceptionally(e);
            }
        }
    }
}
