package io.orbitr.proxy.traefik;

import io.orbitr.proxy.Protocol;
import io.orbitr.proxy.Route;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The routes of one container as Traefik Docker-provider labels: the same routers and middlewares as the file,
 * flattened into {@code traefik.http.routers.NAME.rule=...} keys (lowercase, as Traefik's documentation writes them;
 * Traefik reads them case-insensitively), and services that point at the container's own port.
 */
final class TraefikLabels {
    private static final String HEADERS_KEY = "customResponseHeaders";

    private TraefikLabels() {
    }

    /**
     * @param config the routes' configuration tree
     * @param routes the resolved routes, for their services
     * @return the labels, {@code traefik.enable=true} first
     */
    static Map<String, String> of(TraefikConfig config, List<Route> routes) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("traefik.enable", "true");
        config.tree().forEach((section, content) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> parts = (Map<String, Object>) content;
            parts.forEach((part, items) -> {
                if (!part.equals("services")) {
                    flatten(labels, "traefik." + section + "." + part, items, false);
                }
            });
        });
        for (Route route : routes) {
            String section = route.protocol() == Protocol.HTTPS ? "http" : route.protocol().id();
            String service = "traefik." + section + ".services." + route.name() + ".loadbalancer.server.";
            labels.put(service + "port", String.valueOf(route.targetPort()));
            if (route.protocol() == Protocol.HTTPS) {
                labels.put(service + "scheme", "https");
            }
        }
        return labels;
    }

    private static void flatten(Map<String, String> labels, String prefix, Object value, boolean keepCase) {
        if (value instanceof Map<?, ?> map) {
            if (prefix.endsWith(".tls")) {
                labels.put(prefix, "true");
            }
            map.forEach((key, child) -> {
                String name = (String) key;
                flatten(labels, prefix + "." + (keepCase ? name : name.toLowerCase(Locale.ROOT)), child,
                        name.equals(HEADERS_KEY));
            });
        } else if (value instanceof List<?> list) {
            if (list.get(0) instanceof Map) {
                for (int i = 0; i < list.size(); i++) {
                    flatten(labels, prefix + "[" + i + "]", list.get(i), false);
                }
            } else {
                StringBuilder joined = new StringBuilder();
                list.forEach(item -> joined.append(joined.length() == 0 ? "" : ",").append(item));
                labels.put(prefix, joined.toString());
            }
        } else {
            labels.put(prefix, String.valueOf(value));
        }
    }
}
