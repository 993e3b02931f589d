package io.orbitr.core.health.check;

import io.orbitr.testing.Await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The plain-HTTP engine against raw servers that write exactly the bytes a test gives them. */
class HttpEngineTest {
    private final HttpEngine engine = new HttpEngine();
    private final List<ServerSocket> servers = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();

    @AfterEach
    void stop() throws IOException {
        engine.close();
        for (ServerSocket server : servers) {
            server.close();
        }
    }

    /** What a raw server does with one connection. */
    private interface Behaviour {
        void serve(InputStream in, OutputStream out) throws IOException, InterruptedException;
    }

    private InetSocketAddress server(Behaviour behaviour) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        servers.add(server);
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    accepted.incrementAndGet();
                    Thread handler = new Thread(() -> {
                        try (socket) {
                            behaviour.serve(socket.getInputStream(), socket.getOutputStream());
                        } catch (IOException | InterruptedException e) {
                            // the client went away
                        }
                    });
                    handler.setDaemon(true);
                    handler.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    /** Reads one request head; false at the end of the connection. */
    private static boolean readHead(InputStream in) throws IOException {
        int last = 0;
        for (int b; (b = in.read()) != -1; ) {
            last = last << 8 | b;
            if (last == 0x0D0A0D0A) {
                return true;
            }
        }
        return false;
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static HttpEngine.Request get(InetSocketAddress address, int maxBody) {
        byte[] bytes = ("GET / HTTP/1.1\r\nHost: test\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        return new HttpEngine.Request(address, bytes, false, maxBody, true);
    }

    private HttpEngine.Answer send(HttpEngine.Request request) throws Exception {
        return engine.send(request).get(10, TimeUnit.SECONDS);
    }

    @Test
    void keepAliveConnectionsAreReused() throws Exception {
        InetSocketAddress address = server((in, out) -> {
            while (readHead(in)) {
                write(out, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\nhello");
            }
        });
        for (int i = 0; i < 5; i++) {
            HttpEngine.Answer answer = send(get(address, 100));
            assertThat(answer.status()).isEqualTo(200);
            assertThat(new String(answer.body(), StandardCharsets.US_ASCII)).isEqualTo("hello");
            assertThat(answer.contentType()).isEqualTo("text/plain");
        }
        assertThat(accepted).hasValue(1);
    }

    @Test
    void responsesSplitAcrossWritesChunkedOrCloseDelimitedAreRead() throws Exception {
        InetSocketAddress chunked = server((in, out) -> {
            readHead(in);
            write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhel");
            Thread.sleep(20);
            write(out, "lo\r\n6\r\n world\r\n0\r\nX-Trailer: yes\r\n\r\n");
            readHead(in);
        });
        assertThat(new String(send(get(chunked, 100)).body(), StandardCharsets.US_ASCII)).isEqualTo("hello world");

        InetSocketAddress untilClose = server((in, out) -> {
            readHead(in);
            write(out, "HTTP/1.0 200 OK\r\n\r\nall of it");
        });
        assertThat(new String(send(get(untilClose, 100)).body(), StandardCharsets.US_ASCII)).isEqualTo("all of it");

        InetSocketAddress interim = server((in, out) -> {
            readHead(in);
            write(out, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n");
            readHead(in);
        });
        assertThat(send(get(interim, 100)).status()).isEqualTo(204);
    }

    @Test
    void theBodyIsKeptUpToTheBoundAndStillReadToTheEnd() throws Exception {
        InetSocketAddress address = server((in, out) -> {
            while (readHead(in)) {
                write(out, "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + "x".repeat(100_000));
            }
        });
        assertThat(send(get(address, 10)).body()).hasSize(10);
        assertThat(send(get(address, 0)).body()).isEmpty();
        assertThat(accepted).hasValue(1);
    }

    @Test
    void aReusedConnectionClosedByTheServerIsRetriedOnANewOne() throws Exception {
        InetSocketAddress address = server((in, out) -> {
            // Answers one request, claims keep-alive, then closes: an idle timeout at the worst moment.
            readHead(in);
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        });
        for (int i = 0; i < 3; i++) {
            assertThat(send(get(address, 10)).status()).isEqualTo(200);
        }
        assertThat(accepted).hasValue(3);
    }

    @Test
    void anOriginGetsAtMostItsShareOfConnectionsAndTheRestWait() throws Exception {
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        InetSocketAddress address = server((in, out) -> {
            while (readHead(in)) {
                peak.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                Thread.sleep(20);
                concurrent.decrementAndGet();
                write(out, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
            }
        });
        List<CompletableFuture<HttpEngine.Answer>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            answers.add(engine.send(get(address, 0)));
        }
        for (CompletableFuture<HttpEngine.Answer> answer : answers) {
            assertThat(answer.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
        assertThat(accepted.get()).isLessThanOrEqualTo(HttpEngine.MAX_CONNECTIONS_PER_ORIGIN);
        assertThat(peak.get()).isLessThanOrEqualTo(HttpEngine.MAX_CONNECTIONS_PER_ORIGIN);
    }

    @Test
    void cancellingARequestClosesItsConnection() throws Exception {
        AtomicInteger closed = new AtomicInteger();
        InetSocketAddress address = server((in, out) -> {
            readHead(in);
            // Never answers; sees the end of the connection when the client gives up.
            if (in.read() == -1) {
                closed.incrementAndGet();
            }
        });
        CompletableFuture<HttpEngine.Answer> answer = engine.send(get(address, 0));
        Await.until("the request to arrive", Duration.ofSeconds(10), () -> accepted.get() == 1);
        answer.cancel(true);
        Await.until("the connection to close", Duration.ofSeconds(10), () -> closed.get() == 1);
    }

    @Test
    void brokenResponsesAndRefusedConnectionsFail() throws Exception {
        InetSocketAddress garbage = server((in, out) -> {
            readHead(in);
            write(out, "SSH-2.0-OpenSSH\r\n\r\n");
        });
        assertThatThrownBy(() -> send(get(garbage, 0))).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("not an HTTP/1.x response");

        InetSocketAddress truncated = server((in, out) -> {
            readHead(in);
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
        });
        assertThatThrownBy(() -> send(get(truncated, 0))).hasMessageContaining("in the middle of the response");

        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = closed.getLocalPort();
        }
        assertThatThrownBy(() -> send(get(new InetSocketAddress("127.0.0.1", port), 0)))
                .hasCauseInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void theParserAcceptsAnySplitOfTheBytes() throws Exception {
        byte[] response = ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: a/b\r\n\r\n"
                + "3\r\nabc\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        for (int split = 1; split < response.length; split++) {
            ResponseParser parser = new ResponseParser(false, 100);
            parser.feed(ByteBuffer.wrap(response, 0, split));
            parser.feed(ByteBuffer.wrap(response, split, response.length - split));
            assertThat(parser.done()).isTrue();
            assertThat(parser.keepAlive()).isTrue();
            assertThat(new String(parser.body(), StandardCharsets.US_ASCII)).isEqualTo("abc");
        }
        ResponseParser head = new ResponseParser(true, 100);
        head.feed(ByteBuffer.wrap("HTTP/1.1 200 OK\r\nContent-Length: 99\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(head.done()).isTrue();
        assertThat(head.keepAlive()).isFalse();
    }
}
