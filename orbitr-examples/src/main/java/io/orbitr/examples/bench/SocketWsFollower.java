package io.orbitr.examples.bench;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One benchmark client that speaks WebSocket (RFC 6455) over a plain socket on a thread of its own, and hands each
 * text message to its tally as ISO-8859-1 text: one copy, no UTF-8 decoding. It is a load generator, not a client
 * for anything else: the JDK's client decodes every message into UTF-16 and copies it twice more, and with 100
 * clients receiving 2 million lines a second that took about one of the machine's two cores from the server under
 * test ({@code orbitr bench ws --client jdk} prints the comparison).
 */
final class SocketWsFollower implements Runnable {
    private final URI uri;
    private final String token;
    private final String subscribe;
    private final WsTally tally;
    private volatile Socket socket;
    private volatile boolean closing;

    /**
     * @param uri       the server's {@code ws://} address
     * @param token     the API token
     * @param subscribe the subscribe message to send once connected
     * @param tally     where received messages go
     */
    SocketWsFollower(URI uri, String token, String subscribe, WsTally tally) {
        this.uri = uri;
        this.token = token;
        this.subscribe = subscribe;
        this.tally = tally;
    }

    /** Connects and sends the upgrade request, the subscription and a ping (its pong acknowledges both). */
    void connect() throws IOException {
        Socket open = new Socket();
        open.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
        open.setReceiveBufferSize(256 * 1024);
        socket = open;
        String key = Base64.getEncoder().encodeToString(randomBytes(16));
        String request = "GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                + "\r\nSec-WebSocket-Version: 13\r\nAuthorization: Bearer " + token + "\r\n\r\n";
        OutputStream out = open.getOutputStream();
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        send(1, subscribe.getBytes(StandardCharsets.UTF_8));
        send(1, "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void run() {
        try {
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
            readUpgradeAnswer(in);
            byte[] message = new byte[64 * 1024];
            int messageLength = 0;
            while (true) {
                int first = in.readUnsignedByte();
                int second = in.readUnsignedByte();
                boolean fin = (first & 0x80) != 0;
                int opcode = first & 0x0F;
                long length = second & 0x7F;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                if ((second & 0x80) != 0) {
                    throw new IOException("the server masked a frame");
                }
                if (opcode >= 8) {
                    byte[] payload = new byte[(int) length];
                    in.readFully(payload);
                    if (opcode == 8) {
                        if (!closing && !tally.endSeen()) {
                            System.err.println("a client was closed before the end");
                        }
                        return;
                    }
                    if (opcode == 9) {
                        send(10, payload);
                    }
                    continue;
                }
                if (messageLength + length > message.length) {
                    message = Arrays.copyOf(message, (int) Math.max(message.length * 2L, messageLength + length));
                }
                in.readFully(message, messageLength, (int) length);
                messageLength += (int) length;
                if (fin) {
                    tally.message(new String(message, 0, messageLength, StandardCharsets.ISO_8859_1),
                            System.currentTimeMillis());
                    messageLength = 0;
                }
            }
        } catch (EOFException e) {
            if (!closing && !tally.endSeen()) {
                System.err.println("a client's connection ended before the end");
            }
        } catch (IOException | RuntimeException e) {
            if (!closing) {
                System.err.println("a client failed: " + e);
            }
        }
    }

    /** Sends a close frame and closes the socket. */
    void close() {
        closing = true;
        try {
            send(8, new byte[] {0x03, (byte) 0xE8});
            socket.close();
        } catch (IOException e) {
            // Closing anyway.
        }
    }

    private static void readUpgradeAnswer(DataInputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.readUnsignedByte());
            if (head.length() > 16 * 1024) {
                throw new IOException("the upgrade answer has no end");
            }
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("the server refused the upgrade: " + head.toString().lines().findFirst().orElse(""));
        }
    }

    /** Writes one client frame, masked as RFC 6455 requires of clients. */
    private synchronized void send(int opcode, byte[] payload) throws IOException {
        if (payload.length > 0xFFFF) {
            throw new IOException("a client message of " + payload.length + " bytes is longer than this client sends");
        }
        byte[] mask = randomBytes(4);
        int headerLength = payload.length < 126 ? 2 : 4;
        byte[] frame = new byte[headerLength + 4 + payload.length];
        frame[0] = (byte) (0x80 | opcode);
        if (payload.length < 126) {
            frame[1] = (byte) (0x80 | payload.length);
        } else {
            frame[1] = (byte) (0x80 | 126);
            frame[2] = (byte) (payload.length >>> 8);
            frame[3] = (byte) payload.length;
        }
        System.arraycopy(mask, 0, frame, headerLength, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[headerLength + 4 + i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        socket.getOutputStream().write(frame);
        socket.getOutputStream().flush();
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
