package io.orbitr.docker.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP relay to the engine's unix socket, so that a test can break every open connection to the real
 * engine (as an engine restart would) without restarting the engine the whole machine shares.
 */
final class EngineProxy implements AutoCloseable {
    private final ServerSocket server;
    private final Path socket;
    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

    EngineProxy(Path socket) throws IOException {
        this.socket = socket;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "engine-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI uri() {
        return URI.create("tcp://127.0.0.1:" + server.getLocalPort());
    }

    /** Breaks every connection open now; new ones are relayed as before. */
    void cutAll() {
        for (AutoCloseable connection : open) {
            try {
                connection.close();
            } catch (Exception ignored) {
                // Already closed.
            }
        }
        open.clear();
    }

    @Override
    public void close() throws IOException {
        server.close();
        cutAll();
    }

    private void accept() {
        try {
            while (true) {
                Socket client = server.accept();
                SocketChannel engine = SocketChannel.open(StandardProtocolFamily.UNIX);
                engine.connect(UnixDomainSocketAddress.of(socket));
                open.add(client);
                open.add(engine);
                // The channel is read and written directly: Channels' streams share one lock between reading and
                // writing, which would stall a request behind a pending read.
                InputStream fromClient = client.getInputStream();
                OutputStream toClient = client.getOutputStream();
                pump("to-engine", () -> {
                    byte[] buffer = new byte[16 * 1024];
                    int n;
                    while ((n = fromClient.read(buffer)) >= 0) {
                        ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
                        while (bytes.hasRemaining()) {
                            engine.write(bytes);
                        }
                    }
                }, client, engine);
                pump("to-client", () -> {
                    ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
                    while (engine.read(buffer) >= 0) {
                        toClient.write(buffer.array(), 0, buffer.position());
                        toClient.flush();
                        buffer.clear();
                    }
                }, client, engine);
            }
        } catch (IOException closed) {
            // The proxy is closed.
        }
    }

    /** Copies one direction. */
    private interface Copy {
        void run() throws IOException;
    }

    private static void pump(String name, Copy copy, Socket client, SocketChannel engine) {
        Thread thread = new Thread(() -> {
            try {
                copy.run();
            } catch (IOException broken) {
                // One side closed; close both below.
            } finally {
                try {
                    client.close();
                    engine.close();
                } catch (IOException ignored) {
                    // Already closed.
                }
            }
        }, "engine-proxy-" + name);
        thread.setDaemon(true);
        thread.start();
    }
}
