package io.orbitr.jdclient.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Address rules as jd-client applies them: Rust's {@code SocketAddr} for listening and monitoring addresses (an IP
 * literal, never a host name, IPv6 in brackets), host names or IPs for upstreams and the Template Provider. Nothing
 * here touches the network: IPv6 literals are parsed in brackets, which never triggers a DNS lookup.
 */
final class Addresses {
    private static final Pattern IPV4 = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]+");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?");
    private static final Pattern NUMERIC_LABELS = Pattern.compile("[0-9.]+");

    private Addresses() {
    }

    /**
     * @param text an "IP:port" socket address
     * @return why it is not one, or empty when it is
     */
    static Optional<String> socketAddressProblem(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            return Optional.of("must be IP:port, for example 0.0.0.0:34265");
        }
        String host = text.substring(0, colon);
        boolean bracketed = host.startsWith("[") && host.endsWith("]");
        if (bracketed ? !isIpv6(host.substring(1, host.length() - 1)) : !isIpv4(host)) {
            return Optional.of(host.contains(":") && !bracketed
                    ? "must write an IPv6 address in brackets, for example [::]:34265"
                    : "must be an IP literal and port (IP:port); jd-client does not resolve host names here");
        }
        return portProblem(text.substring(colon + 1));
    }

    /**
     * @param text a "host:port" address where host may be a name
     * @return why it is not one, or empty when it is
     */
    static Optional<String> hostPortProblem(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            return Optional.of("must be host:port, for example 127.0.0.1:8442");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            if (!isIpv6(host.substring(1, host.length() - 1))) {
                return Optional.of("has a bad IPv6 address");
            }
        } else if (!isHost(host)) {
            return Optional.of("must be host:port with an IP address or a host name");
        }
        return portProblem(text.substring(colon + 1));
    }

    /**
     * @param text an IP address or host name
     * @return whether it is one
     */
    static boolean isHost(String text) {
        if (isIpv4(text) || text.contains(":") && isIpv6(text)) {
            return true;
        }
        if (text.isEmpty() || text.length() > 253 || NUMERIC_LABELS.matcher(text).matches()) {
            return false; // all digits and dots: a mistyped IPv4, not a name
        }
        String name = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param port a port number
     * @return whether it is 1 to 65535
     */
    static boolean isPort(long port) {
        return port >= 1 && port <= 65535;
    }

    /**
     * @param text a CIDR block such as 10.0.0.0/8 or fd00::/8
     * @return why it is not one, or empty when it is
     */
    static Optional<String> cidrProblem(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return Optional.of("must be a CIDR block such as 192.168.1.0/24");
        }
        String ip = text.substring(0, slash);
        int max = isIpv4(ip) ? 32 : isIpv6(ip) ? 128 : -1;
        if (max < 0) {
            return Optional.of("must start with an IP address");
        }
        try {
            int prefix = Integer.parseInt(text.substring(slash + 1));
            return prefix >= 0 && prefix <= max ? Optional.empty()
                    : Optional.of("must have a prefix length from 0 to " + max);
        } catch (NumberFormatException e) {
            return Optional.of("must have a numeric prefix length");
        }
    }

    static boolean isIpv4(String text) {
        if (!IPV4.matcher(text).matches()) {
            return false;
        }
        for (String part : text.split("\\.")) {
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    static boolean isIpv6(String text) {
        if (!text.contains(":") || !IPV6_CHARS.matcher(text).matches()) {
            return false;
        }
        try {
            // Brackets make the JDK parse a literal or fail; it never looks the text up as a name.
            InetAddress.getByName("[" + text + "]");
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Optional<String> portProblem(String port) {
        try {
            return isPort(Long.parseLong(port)) ? Optional.empty() : Optional.of("must have a port from 1 to 65535");
        } catch (NumberFormatException e) {
            return Optional.of("must end with a numeric port");
        }
    }
}
