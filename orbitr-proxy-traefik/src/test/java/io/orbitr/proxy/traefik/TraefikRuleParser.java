package io.orbitr.proxy.traefik;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A test-side parser of Traefik v3 rule text, written from Traefik's documented grammar: matchers joined by
 * {@code &&} and {@code ||}, negated by {@code !}, grouped in parentheses; values in backticks or double quotes
 * (single quotes are rejected). It checks each matcher's name and values, so a rule the generator writes is one
 * Traefik parses.
 */
final class TraefikRuleParser {
    static final Set<String> HTTP_MATCHERS = Set.of("Host", "HostRegexp", "Path", "PathPrefix", "PathRegexp",
            "Method", "Header", "HeaderRegexp", "Query", "QueryRegexp", "ClientIP");
    static final Set<String> TCP_MATCHERS = Set.of("HostSNI", "HostSNIRegexp", "ClientIP", "ALPN");
    private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._~/-]*");

    /** A matcher and its values, as parsed. */
    record Matcher(String name, List<String> values) {
    }

    private final String text;
    private final Set<String> allowed;
    private final List<Matcher> matchers = new ArrayList<>();
    private int at;

    private TraefikRuleParser(String text, Set<String> allowed) {
        this.text = text;
        this.allowed = allowed;
    }

    /**
     * @param rule    the rule text
     * @param allowed the matcher names the router kind knows
     * @return every matcher of the rule
     * @throws IllegalArgumentException describing the first syntax error
     */
    static List<Matcher> parse(String rule, Set<String> allowed) {
        TraefikRuleParser parser = new TraefikRuleParser(rule, allowed);
        parser.or();
        parser.space();
        if (parser.at != rule.length()) {
            throw parser.error("unexpected text");
        }
        return parser.matchers;
    }

    private void or() {
        and();
        while (consume("||")) {
            and();
        }
    }

    private void and() {
        unary();
        while (consume("&&")) {
            unary();
        }
    }

    private void unary() {
        if (consume("!")) {
            unary();
        } else if (consume("(")) {
            or();
            expect(")");
        } else {
            matcher();
        }
    }

    private void matcher() {
        space();
        int start = at;
        while (at < text.length() && Character.isLetter(text.charAt(at))) {
            at++;
        }
        String name = text.substring(start, at);
        if (!allowed.contains(name)) {
            throw error("unknown matcher '" + name + "'");
        }
        expect("(");
        List<String> values = new ArrayList<>();
        values.add(value());
        while (consume(",")) {
            values.add(value());
        }
        expect(")");
        check(name, values);
        matchers.add(new Matcher(name, values));
    }

    private String value() {
        space();
        if (at >= text.length()) {
            throw error("missing value");
        }
        char quote = text.charAt(at);
        if (quote != '`' && quote != '"') {
            throw error("values must be in backticks or double quotes");
        }
        int end = text.indexOf(quote, at + 1);
        if (end < 0) {
            throw error("unterminated value");
        }
        String value = text.substring(at + 1, end);
        if (quote == '"' && value.indexOf('\\') >= 0) {
            throw error("escapes are not expected in generated values");
        }
        at = end + 1;
        return value;
    }

    private void check(String name, List<String> values) {
        if (values.size() != 1 && !name.startsWith("Header") && !name.startsWith("Query")) {
            throw error(name + " takes one value in v3 syntax");
        }
        String value = values.get(0);
        switch (name) {
            case "Host" -> {
                if (!HOST.matcher(value).matches()) {
                    throw error("Host value '" + value + "' is not a lowercase ASCII hostname");
                }
            }
            case "HostSNI" -> {
                if (!value.equals("*") && !HOST.matcher(value).matches()) {
                    throw error("HostSNI value '" + value + "' is not a hostname or *");
                }
            }
            case "Path", "PathPrefix" -> {
                if (!PATH.matcher(value).matches()) {
                    throw error(name + " value '" + value + "' is not a path");
                }
            }
            case "HostRegexp", "HostSNIRegexp", "PathRegexp" -> Pattern.compile(value);
            default -> {
            }
        }
    }

    private boolean consume(String token) {
        space();
        if (text.startsWith(token, at)) {
            at += token.length();
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!consume(token)) {
            throw error("expected '" + token + "'");
        }
    }

    private void space() {
        while (at < text.length() && text.charAt(at) == ' ') {
            at++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at " + at + " in rule: " + text);
    }
}
