package io.orbitr.core.extension;

import io.orbitr.InvalidValueException;
import io.orbitr.engine.ContainerRestartPolicy;
import io.orbitr.engine.PortBinding;
import io.orbitr.extension.ServicePort;
import io.orbitr.extension.ServiceVolume;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Compose's short syntaxes read with Compose's meaning: durations, sizes, command strings, ports, volumes, restart. */
final class ComposeValues {
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|us|m|s)");
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([bkmg]?)b?", Pattern.CASE_INSENSITIVE);
    private static final Pattern PORT = Pattern.compile(
            "(?:(?<ip>\\[[0-9a-fA-F:]+]|\\d{1,3}(?:\\.\\d{1,3}){3}):)?(?:(?<published>\\d+|\\$\\{[^}]+}):)?(?<target>\\d+)(?:/(?<proto>tcp|udp))?");

    private ComposeValues() {
    }

    /**
     * @param text a Compose duration: {@code 1m30s}, {@code 10s}, {@code 500ms}
     * @return the duration
     * @throws IllegalArgumentException when it is not one
     */
    static Duration duration(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("empty");
        }
        Matcher m = DURATION_PART.matcher(trimmed);
        int end = 0;
        double nanos = 0;
        while (m.find() && m.start() == end) {
            double amount = Double.parseDouble(m.group(1));
            nanos += amount * switch (m.group(2)) {
                case "h" -> 3.6e12;
                case "m" -> 6e10;
                case "s" -> 1e9;
                case "ms" -> 1e6;
                default -> 1e3;
            };
            end = m.end();
        }
        if (end != trimmed.length()) {
            throw new IllegalArgumentException("not a duration");
        }
        return Duration.ofNanos((long) nanos);
    }

    /**
     * @param text a Compose size: {@code 512m}, {@code 1g}, {@code 1048576}
     * @return bytes
     * @throws IllegalArgumentException when it is not one
     */
    static long bytes(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size");
        }
        long factor = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 1L << 10;
            case "m" -> 1L << 20;
            case "g" -> 1L << 30;
            default -> 1;
        };
        return (long) (Double.parseDouble(m.group(1)) * factor);
    }

    /**
     * Splits a command string the way Compose does (POSIX shell words: quotes and backslashes, no expansion).
     *
     * @param text the command
     * @return the words
     * @throws IllegalArgumentException on an unclosed quote
     */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < text.length()) {
                    word.append(text.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < text.length()) {
                word.append(text.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unclosed quote " + quote);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /**
     * @param text {@code [HOST_IP:][PUBLISHED:]TARGET[/PROTOCOL]}
     * @return the port
     * @throws IllegalArgumentException when it is not that (port ranges are refused)
     */
    static ServicePort port(String text) {
        Matcher m = PORT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("must be [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/tcp|udp]; port ranges"
                    + " are not supported");
        }
        String ip = m.group("ip") == null ? "" : m.group("ip").replace("[", "").replace("]", "");
        String published = m.group("published") == null ? "" : m.group("published");
        PortBinding.Protocol protocol = m.group("proto") == null ? PortBinding.Protocol.TCP
                : PortBinding.Protocol.fromEngineName(m.group("proto"));
        return new ServicePort(ip, published, Integer.parseInt(m.group("target")), protocol);
    }

    /**
     * @param text {@code SOURCE:TARGET[:ro|:rw]}
     * @return the mount
     * @throws IllegalArgumentException when it is not that
     */
    static ServiceVolume volume(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("must be SOURCE:TARGET or SOURCE:TARGET:ro (a volume needs a name;"
                    + " anonymous volumes are not supported)");
        }
        boolean readOnly = false;
        if (parts.length == 3) {
            switch (parts[2]) {
                case "ro" -> readOnly = true;
                case "rw" -> readOnly = false;
                default -> throw new IllegalArgumentException("mode must be ro or rw, not '" + parts[2] + "'");
            }
        }
        return new ServiceVolume(parts[0], parts[1], readOnly);
    }

    /**
     * @param text {@code no}, {@code always}, {@code on-failure[:N]} or {@code unless-stopped}
     * @return the policy
     * @throws InvalidValueException when it is none of these
     */
    static ContainerRestartPolicy restart(String text) {
        String trimmed = text.trim();
        if (trimmed.startsWith("on-failure:")) {
            try {
                return ContainerRestartPolicy.onFailure(Integer.parseInt(trimmed.substring("on-failure:".length())));
            } catch (NumberFormatException e) {
                throw new InvalidValueException("restart", text, "on-failure takes a number of retries");
            }
        }
        return ContainerRestartPolicy.fromEngine(trimmed, 0);
    }

    /**
     * @param policy a restart policy
     * @return Compose's text for it
     */
    static String restartText(ContainerRestartPolicy policy) {
        return policy.mode() == ContainerRestartPolicy.Mode.ON_FAILURE && policy.maximumRetries() > 0
                ? "on-failure:" + policy.maximumRetries() : policy.mode().engineName();
    }

    /**
     * @param duration a duration
     * @return Compose's text for it ({@code 1m30s}, {@code 500ms})
     */
    static String durationText(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 1000 != 0) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        StringBuilder out = new StringBuilder();
        if (seconds >= 3600) {
            out.append(seconds / 3600).append('h');
            seconds %= 3600;
        }
        if (seconds >= 60) {
            out.append(seconds / 60).append('m');
            seconds %= 60;
        }
        if (seconds > 0 || out.length() == 0) {
            out.append(seconds).append('s');
        }
        return out.toString();
    }
}
