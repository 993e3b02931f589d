package io.orbitr.core.extension;

import io.orbitr.engine.PortBinding;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Host port checks: is a port free to publish, does a service accept connections. */
final class PortProbe {
    private PortProbe() {
    }

    /**
     * @param hostIp   the address to bind, empty for every address
     * @param port     the port
     * @param protocol tcp or udp
     * @return whether nothing holds it now
     */
    static boolean free(String hostIp, int port, PortBinding.Protocol protocol) {
        try {
            InetAddress address = hostIp.isEmpty() ? InetAddress.getByName("0.0.0.0") : InetAddress.getByName(hostIp);
            if (protocol == PortBinding.Protocol.UDP) {
                try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(address, port))) {
                    return true;
                }
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(address, port));
                return true;
            }
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * @param host an address
     * @param port a TCP port
     * @return whether a connection is accepted within 500 ms
     */
    static boolean accepts(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
