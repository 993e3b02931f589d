package io.orbitr.core.extension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orbitr.extension.InvalidManifestException;
import io.orbitr.extension.ManifestProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a manifest draft from a Docker Compose file: the services copied with the supported keys, Compose variables
 * turned into inputs (or generated secrets when their names say password, secret, token or key), relative bind
 * mounts moved under {@code ${EXTENSION_DATA}}, named volumes declared as data, and a route proposed on the first
 * service that publishes a port. What cannot be carried over is listed, never dropped silently.
 *
 * @param manifest    the draft's YAML
 * @param unsupported what was left out, each with its path and why
 */
public record ComposeImport(String manifest, List<ManifestProblem> unsupported) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-?]([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|PASSWD|SECRET|TOKEN|KEY).*");
    private static final Set<String> TOP_KEYS = Set.of("version", "name", "services", "volumes", "networks");

    /** Checks for nulls. */
    public ComposeImport {
        java.util.Objects.requireNonNull(manifest, "manifest");
        unsupported = List.copyOf(unsupported);
    }

    /**
     * @param compose the Compose file's text
     * @param id      the extension id to propose (a DNS label)
     * @return the draft and what was left out
     * @throws InvalidManifestException when the text is not YAML or has no services
     */
    public static ComposeImport of(String compose, String id) {
        JsonNode root = ManifestReader.tree(compose);
        JsonNode services = root.path("services");
        if (!services.isObject() || services.isEmpty()) {
            throw new InvalidManifestException("compose file", List.of(new ManifestProblem("services",
                    "a Compose file needs at least one service")));
        }
        List<ManifestProblem> left = new ArrayList<>();
        root.fieldNames().forEachRemaining(key -> {
            if (!TOP_KEYS.contains(key) && !key.startsWith("x-")) {
                left.add(new ManifestProblem(key, "top-level key not carried over"));
            } else if (key.equals("networks")) {
                left.add(new ManifestProblem(key, "each extension gets its own network orbitr-ext-<id>; networks are"
                        + " not carried over"));
            }
        });
        Map<String, String> variables = new LinkedHashMap<>();
        Set<String> namedVolumes = new LinkedHashSet<>();
        Map<String, Object> outServices = new LinkedHashMap<>();
        String main = null;
        int routePort = 0;
        for (Map.Entry<String, JsonNode> entry : iterable(services)) {
            String name = entry.getKey().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
            Map<String, Object> service = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> field : iterable(entry.getValue())) {
                String key = field.getKey();
                String path = "services." + entry.getKey() + "." + key;
                if (!ManifestReader.SERVICE_KEYS.contains(key)) {
                    left.add(new ManifestProblem(path, key.equals("container_name")
                            ? "Orbitr names containers orbitr-ext-<id>-<service>" : "not supported by Orbitr extensions"));
                    continue;
                }
                Object value = JSON.convertValue(rewrite(field.getValue(), variables), Object.class);
                if (key.equals("volumes")) {
                    value = volumes(field.getValue(), variables, namedVolumes);
                }
                service.put(key, value);
            }
            if (main == null && entry.getValue().has("ports") && entry.getValue().get("ports").size() > 0) {
                main = name;
                routePort = containerPort(entry.getValue().get("ports").get(0));
            }
            outServices.put(name, service);
        }
        if (main == null) {
            main = outServices.keySet().iterator().next();
        }
        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("manifestVersion", 1);
        draft.put("id", id);
        draft.put("name", id);
        draft.put("version", "1.0.0");
        draft.put("revision", 1);
        draft.put("description", "Imported from a Compose file; review the inputs, route and health checks.");
        List<Object> inputs = new ArrayList<>();
        List<Object> generated = new ArrayList<>();
        variables.forEach((name, fallback) -> {
            if (SECRET_NAME.matcher(name.toUpperCase(Locale.ROOT)).matches() && fallback.isEmpty()) {
                generated.add(Map.of("name", name, "length", 32, "encoding", "alphanumeric"));
            } else {
                Map<String, Object> input = new LinkedHashMap<>();
                input.put("name", name);
                input.put("type", "text");
                if (fallback.isEmpty()) {
                    input.put("required", true);
                } else {
                    input.put("default", fallback);
                }
                inputs.add(input);
            }
        });
        if (!inputs.isEmpty()) {
            draft.put("inputs", inputs);
        }
        if (!generated.isEmpty()) {
            draft.put("generated", generated);
        }
        draft.put("services", outServices);
        draft.put("main", main);
        if (routePort > 0) {
            draft.put("route", Map.of("subdomain", id, "port", routePort, "protocol", "http"));
        }
        if (!namedVolumes.isEmpty()) {
            Map<String, Object> volumes = new LinkedHashMap<>();
            namedVolumes.forEach(v -> volumes.put(v, Map.of("kind", "data")));
            draft.put("volumes", volumes);
        }
        return new ComposeImport(ManifestWriter.yamlOf(draft), left);
    }

    private static JsonNode rewrite(JsonNode node, Map<String, String> variables) {
        if (node.isTextual()) {
            return JSON.getNodeFactory().textNode(substitute(node.asText(), variables));
        }
        if (node.isArray()) {
            var out = JSON.createArrayNode();
            node.forEach(child -> out.add(rewrite(child, variables)));
            return out;
        }
        if (node.isObject()) {
            var out = JSON.createObjectNode();
            node.fields().forEachRemaining(e -> out.set(e.getKey(), rewrite(e.getValue(), variables)));
            return out;
        }
        return node;
    }

    private static String substitute(String text, Map<String, String> variables) {
        Matcher m = VARIABLE.matcher(text.replace("$$", "\u0000"));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(3);
            variables.putIfAbsent(name, m.group(2) == null ? "" : m.group(2));
            m.appendReplacement(out, Matcher.quoteReplacement("${inputs." + name + "}"));
        }
        m.appendTail(out);
        return out.toString().replace("\u0000", "$$");
    }

    private static List<Object> volumes(JsonNode node, Map<String, String> variables, Set<String> named) {
        List<Object> out = new ArrayList<>();
        for (JsonNode volume : node) {
            if (!volume.isTextual()) {
                out.add(JSON.convertValue(rewrite(volume, variables), Object.class));
                continue;
            }
            String text = substitute(volume.asText(), variables);
            String source = text.contains(":") ? text.substring(0, text.indexOf(':')) : text;
            if (source.startsWith("./") || source.equals(".")) {
                text = "${EXTENSION_DATA}" + text.substring(1);
            } else if (!source.startsWith("/") && !source.startsWith("$") && text.contains(":")) {
                named.add(source);
            }
            out.add(text);
        }
        return out;
    }

    private static int containerPort(JsonNode port) {
        if (port.isObject()) {
            return port.path("target").asInt();
        }
        try {
            return ComposeValues.port(port.asText().replaceAll("\\$\\{[^}]*}", "1")).target();
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
    }
}
