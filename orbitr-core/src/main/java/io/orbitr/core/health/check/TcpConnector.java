package io.orbitr.core.health.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens TCP connections without a thread per connection: each connect is started on the caller's thread and
 * finished by one selector thread shared by every TCP check. Connections are closed with a reset (SO_LINGER 0) as
 * soon as they are established: a probe has nothing to say, and a reset leaves no TIME_WAIT socket behind, which
 * would otherwise exhaust local ports at thousands of probes per second. Thread-safe; started on first use.
 */
final class TcpConnector implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TcpConnector.class);

    private final Queue<Pending> registrations = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final Object lifecycle = new Object();
    private Selector selector;
    private Thread thread;
    private boolean closed;

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
            registrations.add(pending);
            Selector current = selector();
            if (wakeupPending.compareAndSet(false, true)) {
                current.wakeup();
            }
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                closeQuietly(channel);
            }
            result.completeExceptionally(e);
        }
        return result;
    }

    private Selector selector() throws IOException {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("the TCP connector is closed");
            }
            if (selector == null) {
                selector = Selector.open();
                thread = new Thread(this::run, "orbitr-tcp-connector");
                thread.setDaemon(true);
                thread.start();
            }
            return selector;
        }
    }

    private void run() {
        Selector current;
        synchronized (lifecycle) {
            current = selector;
        }
        try {
            while (!Thread.currentThread().isInterrupted()) {
                current.select();
                wakeupPending.set(false);
                for (Pending pending; (pending = registrations.poll()) != null; ) {
                    register(current, pending);
                }
                for (SelectionKey key : current.selectedKeys()) {
                    finish(key);
                }
                current.selectedKeys().clear();
            }
        } catch (ClosedSelectorException e) {
            // closed: the connector is shutting down
        } catch (IOException e) {
            log.error("the TCP connector's selector failed; TCP checks will time out: {}", e.toString());
        } finally {
            failAll(current);
        }
    }

    private static void register(Selector selector, Pending pending) {
        if (pending.result.isDone()) {
            closeQuietly(pending.channel);
            return;
        }
        try {
            pending.channel.register(selector, SelectionKey.OP_CONNECT, pending);
        } catch (IOException | RuntimeException e) {
            closeQuietly(pending.channel);
            pending.result.completeExceptionally(e);
        }
    }

    private static void finish(SelectionKey key) {
        Pending pending = (Pending) key.attachment();
        try {
            if (pending.channel.finishConnect()) {
                long took = System.nanoTime() - pending.started;
                closeQuietly(pending.channel);
                pending.result.complete(took);
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(pending.channel);
            pending.result.completeExceptionally(e);
        }
    }

    private void failAll(Selector current) {
        IllegalStateException closing = new IllegalStateException("the TCP connector stopped");
        try {
            for (SelectionKey key : current.keys()) {
                Pending pending = (Pending) key.attachment();
                closeQuietly(pending.channel);
                pending.result.completeExceptionally(closing);
            }
        } catch (ClosedSelectorException e) {
            // keys are gone with the selector; their futures are failed by their callers' timeouts
        }
        for (Pending pending; (pending = registrations.poll()) != null; ) {
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

    @Override
    public void close() {
        Thread running;
        Selector current;
        synchronized (lifecycle) {
            closed = true;
            running = thread;
            current = selector;
        }
        if (running == null) {
            return;
        }
        running.interrupt();
        current.wakeup();
        try {
            running.join(5_000);
            current.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A connect in progress. */
    private record Pending(SocketChannel channel, CompletableFuture<Long> result, long started) {
    }
}
