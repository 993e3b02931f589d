package io.orbitr.proxy.caddy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns caddy-docker-proxy labels into the Caddyfile that caddy-docker-proxy documents for them, so that the tests
 * can hand the labels' meaning to the real {@code caddy validate}: {@code caddy_N} is a site, each further key
 * segment a directive (a {@code _N} suffix dropped), the value its arguments, and {@code {{upstreams [https] P}}}
 * the container's address.
 */
final class LabelsCaddyfile {
    private static final Pattern UPSTREAMS = Pattern.compile("\\{\\{upstreams (https )?(\\d+)}}");
    private static final Pattern SUFFIX = Pattern.compile("_\\d+$");

    private LabelsCaddyfile() {
    }

    /** A directive being assembled. */
    private static final class Node {
        String args = "";
        final Map<String, Node> children = new LinkedHashMap<>();
    }

    static String of(Map<String, String> labels, String containerAddress) {
        Map<String, Node> sites = new LinkedHashMap<>();
        labels.forEach((key, value) -> {
            String[] parts = key.split("\\.");
            Node node = sites.computeIfAbsent(parts[0], k -> new Node());
            for (int i = 1; i < parts.length; i++) {
                node = node.children.computeIfAbsent(parts[i], k -> new Node());
            }
            Matcher m = UPSTREAMS.matcher(value);
            node.args = m.replaceAll(r -> (r.group(1) != null ? "https://" : "") + containerAddress + ":" + r.group(2));
        });
        StringBuilder out = new StringBuilder();
        sites.values().forEach(site -> {
            out.append(site.args).append(" {\n");
            block(out, site, 1);
            out.append("}\n");
        });
        return out.toString();
    }

    private static void block(StringBuilder out, Node node, int depth) {
        List<Map.Entry<String, Node>> entries = new ArrayList<>(node.children.entrySet());
        for (Map.Entry<String, Node> entry : entries) {
            out.append("\t".repeat(depth)).append(SUFFIX.matcher(entry.getKey()).replaceFirst(""));
            Node child = entry.getValue();
            if (!child.args.isEmpty()) {
                out.append(' ').append(child.args);
            }
            if (child.children.isEmpty()) {
                out.append('\n');
            } else {
                out.append(" {\n");
                block(out, child, depth + 1);
                out.append("\t".repeat(depth)).append("}\n");
            }
        }
    }
}
