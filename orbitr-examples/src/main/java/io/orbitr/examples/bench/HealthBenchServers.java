package io.orbitr.examples.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/**
 * The targets of {@code orbitr bench health}, run in a process of their own so the monitor's CPU figure is its
 * own: HTTP/1.1 servers answering {@code 200 ok} to any request on keep-alive connections, and TCP listeners that
 * accept and close. Each kind is served by one selector thread, so the servers stay light on this shared machine.
 * Prints one line {@code ports http=P,P,... tcp=P,P,...} and serves until its standard input closes.
 */
public final class HealthBenchServers {
    private static final byte[] RESPONSE = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok")
            .getBytes(StandardCharsets.US_ASCII);

    private HealthBenchServers() {
    }

    /**
     * @param args the number of HTTP servers and of TCP listeners
     * @throws IOException when a server cannot start
     */
    public static void main(String[] args) throws IOException {
        int httpCount = Integer.parseInt(args[0]);
        int tcpCount = Integer.parseInt(args[1]);
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        Selector http = Selector.open();
        Selector tcp = Selector.open();
        StringJoiner httpPorts = new StringJoiner(",");
        StringJoiner tcpPorts = new StringJoiner(",");
        for (int i = 0; i < httpCount; i++) {
            httpPorts.add(Integer.toString(listen(http, loopback)));
        }
        for (int i = 0; i < tcpCount; i++) {
            tcpPorts.add(Integer.toString(listen(tcp, loopback)));
        }
        start("bench-http", () -> serve(http, true));
        start("bench-tcp", () -> serve(tcp, false));
        System.out.println("ports http=" + httpPorts + " tcp=" + tcpPorts);
        System.out.flush();
        while (System.in.read() != -1) {
            // serve until the benchmark closes our input (or dies)
        }
        System.exit(0);
    }

    private static int listen(Selector selector, InetAddress address) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(address, 0), 4096);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        return ((InetSocketAddress) server.getLocalAddress()).getPort();
    }

    private static void start(String name, Runnable loop) {
        Thread thread = new Thread(loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void serve(Selector selector, boolean http) {
        try {
            while (true) {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    try {
                        if (key.isAcceptable()) {
                            accept(selector, key, http);
                        } else if (key.isReadable()) {
                            answer(key);
                        }
                    } catch (IOException e) {
                        // a client reset or went away: drop its connection
                        key.cancel();
                        key.channel().close();
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            System.err.println("bench servers: " + e);
            System.exit(1);
        }
    }

    private static void accept(Selector selector, SelectionKey key, boolean http) throws IOException {
        SocketChannel client;
        while ((client = ((ServerSocketChannel) key.channel()).accept()) != null) {
            if (!http) {
                client.close();
                continue;
            }
            client.configureBlocking(false);
            client.setOption(StandardSocketOptions.TCP_NODELAY, true);
            client.register(selector, SelectionKey.OP_READ, new Connection());
        }
    }

    /** Reads what the client sent and answers each complete request head (the benchmark sends no bodies). */
    private static void answer(SelectionKey key) throws IOException {
        SocketChannel client = (SocketChannel) key.channel();
        Connection connection = (Connection) key.attachment();
        int read = client.read(connection.in);
        if (read == -1) {
            key.cancel();
            client.close();
            return;
        }
        ByteBuffer in = connection.in;
        in.flip();
        int requests = 0;
        int consumed = 0;
        for (int i = 0; i + 3 < in.limit(); i++) {
            if (in.get(i) == '\r' && in.get(i + 1) == '\n' && in.get(i + 2) == '\r' && in.get(i + 3) == '\n') {
                requests++;
                consumed = i + 4;
                i += 3;
            }
        }
        in.position(consumed);
        in.compact();
        if (in.position() == in.capacity()) {
            throw new IOException("request head too large");
        }
        for (int i = 0; i < requests; i++) {
            ByteBuffer out = ByteBuffer.wrap(RESPONSE);
            while (out.hasRemaining()) {
                // Loopback with tiny answers: a full send buffer is not expected; spin rather than queue.
                client.write(out);
            }
        }
    }

    /** One keep-alive connection's unread input. */
    private static final class Connection {
        final ByteBuffer in = ByteBuffer.allocate(16 * 1024);
    }
}
