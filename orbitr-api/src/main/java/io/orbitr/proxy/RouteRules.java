package io.orbitr.proxy;

import java.util.regex.Pattern;

/**
 * The grammar every value must match before it may reach a generated file: validate, don't escape. Each check
 * returns the rule the value broke, or {@code null} when the value is fine (internal to this package; the public
 * face is {@link RouteProblem}).
 *
 * <p>The alphabets are deliberately narrow. A Caddyfile is lexed on whitespace, quotes, backticks, braces and
 * {@code #}, and {@code {$VAR}} is substituted from the environment before parsing; a Traefik file goes through Go
 * text/template ({@code {{ }}}) before YAML parsing and its rules quote values in backticks. None of those characters
 * is allowed in any value, so no generator ever needs to escape anything.
 */
final class RouteRules {
    static final int MAX_HOST = 253;
    static final int MAX_PATH = 1024;
    static final int MAX_HEADER_VALUE = 1024;
    static final int MAX_ENTRY_POINTS = 16;
    static final int MAX_USERS = 100;
    static final int MAX_HEADERS = 50;

    private static final String NAME_RULE = "must be 1-63 lowercase letters, digits and '-', starting and ending"
            + " with a letter or digit";
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern TARGET_LABEL = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]{2,45}");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~-]+");
    private static final Pattern MIXED_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern EMAIL_LOCAL = Pattern.compile("[A-Za-z0-9_+-]+(\\.[A-Za-z0-9_+-]+)*");
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}");
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,127}");

    private RouteRules() {
    }

    /** Route names, matcher names and provider ids: they become Traefik router names and Caddy matcher names. */
    static String name(String value) {
        return NAME.matcher(value).matches() ? null : NAME_RULE;
    }

    /**
     * A public host: lowercase LDH labels, optionally a single leading {@code *.} wildcard. A single label is allowed
     * (a subdomain of the default domain, or a one-label name such as {@code localhost}).
     */
    static String publicHost(String value) {
        String rule = "must be a hostname: lowercase letters, digits and '-' in dot-separated labels of 1-63"
                + " characters, 253 at most, optionally starting with '*.'";
        if (value.isEmpty()) {
            return "is required; " + rule;
        }
        if (!isAscii(value)) {
            return "must be ASCII: write an internationalized name in punycode (xn--...)";
        }
        if (!value.equals(value.toLowerCase(java.util.Locale.ROOT))) {
            return "must be lowercase";
        }
        if (value.length() > MAX_HOST) {
            return "is longer than 253 characters";
        }
        String rest = value.startsWith("*.") ? value.substring(2) : value;
        return labels(rest, LABEL) ? null : rule;
    }

    /** The domain under which single-label hosts live: a hostname without wildcard, with at least one dot. */
    static String domain(String value) {
        String host = publicHost(value);
        if (host != null) {
            return host;
        }
        if (value.startsWith("*.")) {
            return "must not be a wildcard";
        }
        return null;
    }

    /**
     * Where the proxy forwards to: a hostname (Docker names may contain '_' and capitals), an IPv4 address, or an
     * IPv6 address without brackets.
     */
    static String targetHost(String value) {
        if (value.isEmpty()) {
            return "is required: a hostname, an IPv4 address or an IPv6 address";
        }
        if (value.indexOf(':') >= 0) {
            return isIpv6(value) ? null : "must be a hostname, an IPv4 address or an IPv6 address without brackets";
        }
        if (IPV4.matcher(value).matches()) {
            return null;
        }
        if (!isAscii(value)) {
            return "must be ASCII: write an internationalized name in punycode (xn--...)";
        }
        if (value.length() > MAX_HOST || !labels(value, TARGET_LABEL) || value.chars().allMatch(
                c -> Character.isDigit(c) || c == '.')) {
            return "must be a hostname (letters, digits, '-' and '_' in dot-separated labels of 1-63 characters, 253"
                    + " at most), an IPv4 address or an IPv6 address";
        }
        return null;
    }

    /** Ports as TCP and UDP know them. */
    static String port(int value) {
        return value >= 1 && value <= 65535 ? null : "must be a port from 1 to 65535";
    }

    /** A path prefix: empty for none, else {@code /segment/...} of unreserved characters, no dot segments. */
    static String pathPrefix(String value) {
        if (value.isEmpty()) {
            return null;
        }
        String rule = "must be empty or '/' followed by segments of letters, digits, '.', '_', '~' and '-' separated"
                + " by single '/', without a trailing '/', '.' or '..' segments";
        if (value.length() > MAX_PATH) {
            return "is longer than " + MAX_PATH + " characters";
        }
        if (value.charAt(0) != '/' || value.endsWith("/")) {
            return rule;
        }
        for (String segment : value.substring(1).split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                return rule;
            }
        }
        return null;
    }

    /** Traefik entry point and certificate resolver names, which users often write in camelCase. */
    static String mixedName(String value) {
        return MIXED_NAME.matcher(value).matches() ? null
                : "must be 1-63 letters, digits and '-', starting and ending with a letter or digit";
    }

    /** An ACME account email. */
    static String email(String value) {
        int at = value.indexOf('@');
        String rule = "must be an email address: letters, digits, '.', '_', '+' and '-' before '@', a lowercase"
                + " domain after it";
        if (at < 1 || at != value.lastIndexOf('@') || at > 64) {
            return rule;
        }
        String domain = value.substring(at + 1);
        if (!EMAIL_LOCAL.matcher(value.substring(0, at)).matches() || domain.indexOf('.') < 0
                || domain.startsWith("*.") || publicHost(domain) != null) {
            return rule;
        }
        return null;
    }

    /** A basic-auth user name: no ':' (Traefik's separator) and nothing a proxy file would need to escape. */
    static String username(String value) {
        return USERNAME.matcher(value).matches() ? null
                : "must be 1-64 letters, digits, '.', '_' and '-'";
    }

    /** A bcrypt hash in modular crypt format: the only place a '$' may appear. */
    static String bcryptHash(String value) {
        return BCRYPT.matcher(value).matches() ? null
                : "must be a bcrypt hash: $2a$, $2b$ or $2y$, a cost from 04 to 31, '$', then 53 characters of"
                        + " [./A-Za-z0-9] (generate one with: htpasswd -nbB user password, or caddy hash-password)";
    }

    /** A response header name. */
    static String headerName(String value) {
        return HEADER_NAME.matcher(value).matches() ? null
                : "must be a header name: 1-128 letters, digits and '-', starting with a letter or digit";
    }

    /**
     * A response header value: printable ASCII with single inner spaces allowed (security headers need them),
     * but none of {@code " \ ` { } $}. Generators quote it; since nothing in it needs escaping, quoting is safe.
     */
    static String headerValue(String value) {
        String rule = "must be 1-" + MAX_HEADER_VALUE + " printable ASCII characters without leading or trailing"
                + " spaces and without \" \\ ` { } $";
        if (value.isEmpty() || value.length() > MAX_HEADER_VALUE || value.charAt(0) == ' '
                || value.charAt(value.length() - 1) == ' ') {
            return rule;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '`' || c == '{' || c == '}' || c == '$') {
                return rule;
            }
        }
        return null;
    }

    /** An IPv4 or IPv6 address (without brackets) to listen on. */
    static String ipAddress(String value) {
        return IPV4.matcher(value).matches() || isIpv6(value) ? null
                : "must be an IPv4 or IPv6 address (without brackets), for example 127.0.0.1";
    }

    /** A loopback address and port for Caddy's admin API, which has no authentication. */
    static String loopbackAddress(String value) {
        String rule = "must be a loopback address and port, for example 127.0.0.1:2019 (Caddy's admin API has no"
                + " authentication, so it must never listen beyond this machine)";
        int colon = value.lastIndexOf(':');
        if (colon < 0) {
            return rule;
        }
        String host = value.substring(0, colon);
        String port = value.substring(colon + 1);
        if (!(host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]"))
                || !port.matches("[1-9][0-9]{0,4}") || port(Integer.parseInt(port)) != null) {
            return rule;
        }
        return null;
    }

    /** @return whether every label of a dot-separated name matches the label pattern */
    private static boolean labels(String value, Pattern label) {
        if (value.isEmpty() || value.startsWith(".") || value.endsWith(".")) {
            return false;
        }
        for (String part : value.split("\\.", -1)) {
            if (!label.matcher(part).matches()) {
                return false;
            }
        }
        return true;
    }

    /** Parses an IPv6 literal by hand: {@code InetAddress} would fall back to a DNS lookup on a near miss. */
    static boolean isIpv6(String value) {
        if (!IPV6_CHARS.matcher(value).matches()) {
            return false;
        }
        int gap = value.indexOf("::");
        if (gap >= 0 && value.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        int groups;
        if (gap < 0) {
            groups = groups(value, true);
            return groups == 8;
        }
        int head = gap == 0 ? 0 : groups(value.substring(0, gap), false);
        int tail = gap + 2 == value.length() ? 0 : groups(value.substring(gap + 2), true);
        return head >= 0 && tail >= 0 && head + tail <= 7;
    }

    /** @return how many 16-bit groups a colon-separated run holds (an IPv4 tail counts two), -1 when malformed */
    private static int groups(String run, boolean mayEndInIpv4) {
        String[] parts = run.split(":", -1);
        int count = 0;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (mayEndInIpv4 && i == parts.length - 1 && part.indexOf('.') >= 0) {
                if (!IPV4.matcher(part).matches()) {
                    return -1;
                }
                count += 2;
            } else if (part.matches("[0-9a-fA-F]{1,4}")) {
                count++;
            } else {
                return -1;
            }
        }
        return count;
    }

    private static boolean isAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
