package io.orbitr.docker.stream;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP door to the engine's socket, on the loopback, that a test can shut and reopen: every connection through it
 * breaks at once and new ones are refused, as when the engine goes away, without touching the engine itself.
 */
final class EngineProxy implements AutoCloseable {
    private final Path socket;
    private final int port;
    private final List<SocketChannel> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocketChannel server;

    EngineProxy(Path socket) throws IOException {
        this.socket = socket;
        ServerSocketChannel probe = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.port = ((InetSocketAddress) probe.getLocalAddress()).getPort();
        probe.close();
    }

    /** @return the engine address to give Orbitr */
    String host() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Opens the door (again). */
    synchronized void start() throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        channel.socket().setReuseAddress(true);
        channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        server = channel;
        Thread acceptor = new Thread(() -> accept(channel), "engine-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Shuts the door: breaks every connection through it and refuses new ones. */
    synchronized void stop() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
        for (SocketChannel channel : open) {
            channel.close();
        }
        open.clear();
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    private void accept(ServerSocketChannel channel) {
        while (channel.isOpen()) {
            try {
                SocketChannel client = channel.accept();
                SocketChannel engine = SocketChannel.open(StandardProtocolFamily.UNIX);
                engine.connect(UnixDomainSocketAddress.of(socket));
                open.add(client);
                open.add(engine);
                pump(client, engine);
                pump(engine, client);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(SocketChannel from, SocketChannel to) {
        Thread thread = new Thread(() -> {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            try {
                while (from.read(buffer) >= 0) {
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        to.write(buffer);
                    }
                    buffer.clear();
                }
            } catch (IOException e) {
                // the door was shut, or one side hung up
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException e) {
                    // already closed
                }
            }
        }, "engine-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }
}
