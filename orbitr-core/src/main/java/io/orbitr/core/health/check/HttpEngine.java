package io.orbitr.core.health.check;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A small HTTP/1.1 client for plain-HTTP health checks at scale: one selector thread drives every request of every
 * target over keep-alive connections, pooled per origin (at most {@value #MAX_CONNECTIONS_PER_ORIGIN} each; more
 * requests wait their turn within their own timeout). It does only what a probe needs (send a request, read the
 * status, headers and a bounded body) and so costs a few system calls per check, where the JDK's general-purpose
 * client costs several times more CPU: {@code orbitr bench health} measures both ({@code ratio orbitr/jdk cpu},
 * about 0.2 per check at 10,000 targets; see the README). HTTPS targets use the JDK's client.
 *
 * <p>A request that finds its reused connection closed by the server before any byte of the answer is retried
 * once on a new connection (servers close idle keep-alive connections at will); idle connections are closed after
 * {@value #IDLE_SECONDS} s. Cancelling a request's future closes its connection. Thread-safe; started on first use.
 */
final class HttpEngine implements AutoCloseable {
    static final int MAX_CONNECTIONS_PER_ORIGIN = 32;
    static final int IDLE_SECONDS = 30;

    private final IoLoop loop = new IoLoop("orbitr-http-engine", this::sweepIdle, this::shutdownAll);
    // Owned by the loop's thread.
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
    private final Map<InetSocketAddress, Origin> origins = new HashMap<>();
    private long lastSweep = System.nanoTime();

    /**
     * What to send and how to read the answer.
     *
     * @param address  where to connect
     * @param bytes    the whole request: head and body
     * @param head     whether it is a HEAD request (no body comes back)
     * @param maxBody  the most body bytes kept
     * @param retrySafe whether it may be sent again when a reused connection turns out closed (no body sent)
     */
    record Request(InetSocketAddress address, byte[] bytes, boolean head, int maxBody, boolean retrySafe) {
    }

    /**
     * What came back.
     *
     * @param status      the status code
     * @param location    the Location header, empty when none
     * @param contentType the Content-Type header, empty when none
     * @param body        up to the bound of body bytes
     */
    record Answer(int status, String location, String contentType, byte[] body) {
    }

    /**
     * @param request what to send
     * @return the answer, completed on the engine's thread; cancel it to abandon the request
     */
    CompletableFuture<Answer> send(Request request) {
        CompletableFuture<Answer> result = new CompletableFuture<>();
        Exchange exchange = new Exchange(request, result);
        result.whenComplete((answer, error) -> {
            if (result.isCancelled()) {
                submit(() -> abandon(exchange));
            }
        });
        try {
            submit(() -> start(exchange));
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    private void submit(Runnable task) {
        loop.submit(task);
    }

    // ----- exchanges -----

    private void start(Exchange exchange) {
        if (exchange.result.isDone()) {
            return;
        }
        Origin origin = origins.computeIfAbsent(exchange.request.address(), Origin::new);
        Connection idle = origin.idle.pollLast();
        if (idle != null) {
            assign(idle, exchange, true);
        } else if (origin.open < MAX_CONNECTIONS_PER_ORIGIN) {
            open(origin, exchange);
        } else {
            origin.waiting.add(exchange);
        }
    }

    private void open(Origin origin, Exchange exchange) {
        SocketChannel channel;
        try {
            channel = SocketChannel.open();
        } catch (IOException e) {
            exchange.result.completeExceptionally(e);
            return;
        }
        Connection connection = new Connection(channel, origin);
        origin.open++;
        connection.exchange = exchange;
        exchange.connection = connection;
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            boolean connected = channel.connect(origin.address);
            connection.key = channel.register(loop.selector(), connected ? 0 : SelectionKey.OP_CONNECT,
                    connection);
            if (connected) {
                beginWrite(connection);
            }
        } catch (IOException | RuntimeException e) {
            fail(connection, e);
        }
    }

    private void assign(Connection connection, Exchange exchange, boolean reused) {
        connection.exchange = exchange;
        connection.reused = reused;
        exchange.connection = connection;
        beginWrite(connection);
    }

    private void beginWrite(Connection connection) {
        Request request = connection.exchange.request;
        connection.out = ByteBuffer.wrap(request.bytes());
        connection.parser = new ResponseParser(request.head(), request.maxBody());
        try {
            connection.channel.write(connection.out);
            connection.key.interestOps(connection.out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        } catch (IOException | RuntimeException e) {
            fail(connection, e);
        }
    }

    private void handle(Connection connection, SelectionKey key) {
        try {
            if (key.isConnectable()) {
                connection.channel.finishConnect();
                beginWrite(connection);
            } else if (key.isWritable()) {
                connection.channel.write(connection.out);
                if (!connection.out.hasRemaining()) {
                    key.interestOps(SelectionKey.OP_READ);
                }
            } else if (key.isReadable()) {
                read(connection);
            }
        } catch (IOException | RuntimeException e) {
            fail(connection, e);
        }
    }

    private void read(Connection connection) throws IOException {
        if (connection.exchange == null) {
            // An idle connection became readable: the server closed it (or sent something unasked). Drop it.
            close(connection);
            return;
        }
        readBuffer.clear();
        int read = connection.channel.read(readBuffer);
        if (read == -1) {
            connection.parser.end();
            finish(connection);
            return;
        }
        readBuffer.flip();
        connection.parser.feed(readBuffer);
        if (connection.parser.done()) {
            finish(connection);
        }
    }

    private void finish(Connection connection) {
        Exchange exchange = connection.exchange;
        ResponseParser parser = connection.parser;
        connection.exchange = null;
        connection.parser = null;
        exchange.connection = null;
        if (parser.keepAlive() && connection.channel.isOpen()) {
            connection.idleSince = System.nanoTime();
            connection.origin.idle.addLast(connection);
            connection.key.interestOps(SelectionKey.OP_READ);
        } else {
            close(connection);
        }
        exchange.result.complete(new Answer(parser.status(), parser.location(), parser.contentType(),
                parser.body()));
        serveWaiting(connection.origin);
    }

    private void fail(Connection connection, Throwable error) {
        Exchange exchange = connection.exchange;
        ResponseParser parser = connection.parser;
        close(connection);
        if (exchange != null) {
            exchange.connection = null;
            boolean untouched = parser == null || !parser.receivedAny();
            if (connection.reused && untouched && exchange.request.retrySafe() && !exchange.retried) {
                // The server closed the idle connection as we reused it: once more on a fresh one.
                exchange.retried = true;
                start(exchange);
            } else {
                exchange.result.completeExceptionally(error);
            }
        }
        serveWaiting(connection.origin);
    }

    private void abandon(Exchange exchange) {
        Connection connection = exchange.connection;
        if (connection != null && connection.exchange == exchange) {
            // Mid-exchange: the connection's state is unknown, so it cannot be reused.
            connection.exchange = null;
            close(connection);
            serveWaiting(connection.origin);
        }
        // A waiting exchange is skipped when its turn comes (its future is done).
    }

    private void serveWaiting(Origin origin) {
        while (!origin.waiting.isEmpty()) {
            Exchange next = origin.waiting.peekFirst();
            if (next.result.isDone()) {
                origin.waiting.pollFirst();
                continue;
            }
            Connection idle = origin.idle.pollLast();
            if (idle != null) {
                origin.waiting.pollFirst();
                assign(idle, next, true);
            } else if (origin.open < MAX_CONNECTIONS_PER_ORIGIN) {
                origin.waiting.pollFirst();
                open(origin, next);
            } else {
                return;
            }
        }
    }

    private void close(Connection connection) {
        if (connection.closed) {
            return;
        }
        connection.closed = true;
        connection.origin.open--;
        connection.origin.idle.remove(connection);
        if (connection.key != null) {
            connection.key.cancel();
        }
        try {
            connection.channel.close();
        } catch (IOException e) {
            // closed either way
        }
    }

    private void sweepIdle() {
        long now = System.nanoTime();
        if (now - lastSweep < TimeUnit.SECONDS.toNanos(1)) {
            return;
        }
        lastSweep = now;
        long cutoff = now - TimeUnit.SECONDS.toNanos(IDLE_SECONDS);
        for (Iterator<Origin> origins = this.origins.values().iterator(); origins.hasNext(); ) {
            Origin origin = origins.next();
            while (!origin.idle.isEmpty() && origin.idle.peekFirst().idleSince < cutoff) {
                close(origin.idle.peekFirst());
            }
            if (origin.open == 0 && origin.waiting.isEmpty()) {
                origins.remove();
            }
        }
    }

    private void shutdownAll() {
        IllegalStateException closing = new IllegalStateException("the HTTP engine stopped");
        for (Origin origin : origins.values()) {
            origin.waiting.forEach(exchange -> exchange.result.completeExceptionally(closing));
            origin.waiting.clear();
        }
        for (SelectionKey key : loop.keys()) {
            Connection connection = (Connection) key.attachment();
            if (connection.exchange != null) {
                connection.exchange.result.completeExceptionally(closing);
            }
            close(connection);
        }
    }

    /** Stops the engine's thread and closes every connection; pending requests fail. */
    @Override
    public void close() {
        loop.close();
    }

    /** One origin's connections and the requests waiting for one. I/O thread only. */
    private static final class Origin {
        final InetSocketAddress address;
        final ArrayDeque<Connection> idle = new ArrayDeque<>();
        final ArrayDeque<Exchange> waiting = new ArrayDeque<>();
        int open;

        Origin(InetSocketAddress address) {
            this.address = address;
        }
    }

    /** One keep-alive connection. I/O thread only. */
    private final class Connection implements IoLoop.Handler {
        final SocketChannel channel;
        final Origin origin;
        SelectionKey key;
        Exchange exchange;
        ByteBuffer out;
        ResponseParser parser;
        boolean reused;
        boolean closed;
        long idleSince;

        Connection(SocketChannel channel, Origin origin) {
            this.channel = channel;
            this.origin = origin;
        }

        @Override
        public void ready(SelectionKey key) {
            handle(this, key);
        }
    }

    /** One request on its way. */
    private static final class Exchange {
        final Request request;
        final CompletableFuture<Answer> result;
        /** The connection carrying it; I/O thread only. */
        Connection connection;
        boolean retried;

        Exchange(Request request, CompletableFuture<Answer> result) {
            this.request = request;
            this.result = result;
        }
    }
}
