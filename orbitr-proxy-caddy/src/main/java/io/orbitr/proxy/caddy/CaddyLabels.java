package io.orbitr.proxy.caddy;

import io.orbitr.InvalidValueException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sites as labels in caddy-docker-proxy's convention: {@code caddy=app.example.com},
 * {@code caddy.reverse_proxy={{upstreams 8080}}}; several sites as {@code caddy_0}, {@code caddy_1}; a directive
 * that appears more than once in a block gets a {@code _N} suffix ({@code handle_0}, {@code handle_1}), which
 * caddy-docker-proxy drops and orders by. The {@code {{upstreams PORT}}} template is caddy-docker-proxy's own: it
 * stands for the container's address, and the port in it is a validated number.
 */
final class CaddyLabels {

    private CaddyLabels() {
    }

    /** @return the labels of the sites, in order */
    static Map<String, String> of(List<CaddySite> sites) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < sites.size(); i++) {
            String root = sites.size() == 1 ? "caddy" : "caddy_" + i;
            labels.put(root, sites.get(i).address());
            block(labels, root, sites.get(i).directives());
        }
        return labels;
    }

    private static void block(Map<String, String> labels, String prefix, List<CaddyDirective> directives) {
        Map<String, Integer> counts = new HashMap<>();
        directives.forEach(d -> counts.merge(d.name(), 1, Integer::sum));
        Map<String, Integer> seen = new HashMap<>();
        for (CaddyDirective directive : directives) {
            if (directive.name().indexOf('.') >= 0) {
                // Only a basic-auth user name can hold a dot; caddy-docker-proxy would split the key on it.
                throw new InvalidValueException("middlewares.basicAuth.username", directive.name(),
                        "cannot contain '.' in caddy-docker-proxy labels, which split keys on '.'");
            }
            int index = seen.merge(directive.name(), 1, Integer::sum) - 1;
            String key = prefix + "." + directive.name() + (counts.get(directive.name()) > 1 ? "_" + index : "");
            if (!directive.args().isEmpty() || directive.block().isEmpty()) {
                labels.put(key, directive.args());
            }
            block(labels, key, directive.block());
        }
    }
}
