package io.orbitr.core.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orbitr.InvalidValueException;
import io.orbitr.proxy.BasicAuthUser;
import io.orbitr.proxy.Protocol;
import io.orbitr.proxy.Route;
import io.orbitr.proxy.RouteProblem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The JSON form of routes, with the record's component names as field names:
 *
 * <pre>{@code
 * {"name": "grafana", "host": "grafana", "targetHost": "grafana", "targetPort": 3000, "protocol": "http",
 *  "tls": true, "pathPrefix": "", "entryPoints": [], "certResolver": "",
 *  "middlewares": {"redirectToHttps": true, "basicAuth": [{"username": "admin", "passwordHash": "$2y$..."}],
 *                  "responseHeaders": {"X-Frame-Options": "DENY"}}}
 * }</pre>
 *
 * {@code name}, {@code host}, {@code targetHost} and {@code targetPort} are required; the rest default to HTTP, no
 * TLS, no prefix, default entry points and no middlewares. Reading reports every problem of every element (wrong
 * types, unknown fields, invalid values) instead of stopping at the first. Thread-safe.
 */
public final class RouteJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> FIELDS = List.of("name", "host", "targetHost", "targetPort", "protocol", "tls",
            "pathPrefix", "entryPoints", "certResolver", "middlewares");
    private static final List<String> MIDDLEWARE_FIELDS = List.of("redirectToHttps", "basicAuth", "responseHeaders");
    private static final List<String> REQUIRED = List.of("name", "host", "targetHost", "targetPort");

    private RouteJson() {
    }

    /**
     * @param route a route
     * @return its JSON text, every field written
     */
    public static String write(Route route) {
        return toTree(route).toString();
    }

    /**
     * @param routes routes
     * @return a JSON array of them, indented
     */
    public static String writeArray(List<Route> routes) {
        ArrayNode array = MAPPER.createArrayNode();
        routes.forEach(route -> array.add(toTree(route)));
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode toTree(Route route) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", route.name());
        node.put("host", route.host());
        node.put("targetHost", route.targetHost());
        node.put("targetPort", route.targetPort());
        node.put("protocol", route.protocol().id());
        node.put("tls", route.tls());
        node.put("pathPrefix", route.pathPrefix());
        route.entryPoints().forEach(node.putArray("entryPoints")::add);
        node.put("certResolver", route.certResolver());
        ObjectNode middlewares = node.putObject("middlewares");
        middlewares.put("redirectToHttps", route.middlewares().redirectToHttps());
        ArrayNode users = middlewares.putArray("basicAuth");
        for (BasicAuthUser user : route.middlewares().basicAuth()) {
            users.addObject().put("username", user.username()).put("passwordHash", user.passwordHash());
        }
        ObjectNode headers = middlewares.putObject("responseHeaders");
        route.middlewares().responseHeaders().forEach(headers::put);
        return node;
    }

    /**
     * Reads one route, as stored.
     *
     * @param json the route's JSON text
     * @return the route
     * @throws InvalidValueException naming the first problem
     */
    public static Route read(String json) {
        ParsedRoute parsed = parse(0, tree(json, "route"));
        return parsed.route().orElseThrow(() -> parsed.problems().get(0).toException());
    }

    /**
     * Reads a JSON array of routes, reporting every problem of every element.
     *
     * @param json the JSON text
     * @return each element, read
     * @throws InvalidValueException naming {@code routes} when the text is not a JSON array
     */
    public static List<ParsedRoute> readArray(String json) {
        JsonNode root = tree(json, "routes");
        if (!root.isArray()) {
            throw new InvalidValueException("routes", root.getNodeType().name().toLowerCase(java.util.Locale.ROOT),
                    "must be a JSON array of routes");
        }
        List<ParsedRoute> parsed = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            parsed.add(parse(i, root.get(i)));
        }
        return parsed;
    }

    private static JsonNode tree(String json, String field) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new InvalidValueException(field, "", "must be JSON, but the text is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new InvalidValueException(field, abbreviate(json), "is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
    }

    private static ParsedRoute parse(int index, JsonNode node) {
        if (!node.isObject()) {
            return new ParsedRoute(index, "", Optional.empty(), List.of(new RouteProblem("route",
                    abbreviate(node.toString()), "must be a JSON object")));
        }
        Reader reader = new Reader();
        Route.Builder builder = Route.builder();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "name" -> reader.text("name", value, builder::name);
                case "host" -> reader.text("host", value, builder::host);
                case "targetHost" -> reader.text("targetHost", value, builder::targetHost);
                case "targetPort" -> reader.integer("targetPort", value, builder::targetPort);
                case "protocol" -> reader.text("protocol", value, text -> {
                    try {
                        builder.protocol(Protocol.of(text));
                    } catch (InvalidValueException e) {
                        reader.problem("protocol", text, e.rule());
                    }
                });
                case "tls" -> reader.bool("tls", value, builder::tls);
                case "pathPrefix" -> reader.text("pathPrefix", value, builder::pathPrefix);
                case "entryPoints" -> reader.textArray("entryPoints", value, builder::entryPoints);
                case "certResolver" -> reader.text("certResolver", value, builder::certResolver);
                case "middlewares" -> middlewares(reader, value, builder);
                default -> reader.problem(field.getKey(), abbreviate(value.toString()), "is not a route field; the"
                        + " fields are " + String.join(", ", FIELDS));
            }
        }
        for (String required : REQUIRED) {
            if (!node.has(required)) {
                reader.problem(required, "(missing)", "is required");
            }
        }
        // Values already reported as missing or mistyped are not reported again as invalid.
        for (RouteProblem problem : builder.problems()) {
            if (!reader.reported.contains(problem.field())) {
                reader.problems.add(problem);
            }
        }
        String name = node.path("name").isTextual() ? node.path("name").asText() : "";
        return reader.problems.isEmpty() ? new ParsedRoute(index, name, Optional.of(builder.build()), List.of())
                : new ParsedRoute(index, name, Optional.empty(), reader.problems);
    }

    private static void middlewares(Reader reader, JsonNode value, Route.Builder builder) {
        if (!value.isObject()) {
            reader.problem("middlewares", abbreviate(value.toString()), "must be a JSON object");
            return;
        }
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            String path = "middlewares." + field.getKey();
            JsonNode inner = field.getValue();
            switch (field.getKey()) {
                case "redirectToHttps" -> reader.bool(path, inner, builder::redirectToHttps);
                case "basicAuth" -> {
                    if (!inner.isArray()) {
                        reader.problem(path, abbreviate(inner.toString()), "must be a JSON array of users");
                        break;
                    }
                    for (int i = 0; i < inner.size(); i++) {
                        JsonNode user = inner.get(i);
                        String at = path + "[" + i + "]";
                        if (!user.isObject() || !user.path("username").isTextual()
                                || !user.path("passwordHash").isTextual() || user.size() != 2) {
                            reader.problem(at, "(not shown)", "must be an object with the strings username and"
                                    + " passwordHash, and nothing else");
                        } else {
                            builder.basicAuth(user.get("username").asText(), user.get("passwordHash").asText());
                        }
                    }
                }
                case "responseHeaders" -> {
                    if (!inner.isObject()) {
                        reader.problem(path, abbreviate(inner.toString()), "must be a JSON object of header names"
                                + " and string values");
                        break;
                    }
                    int i = 0;
                    for (Map.Entry<String, JsonNode> header : inner.properties()) {
                        if (header.getValue().isTextual()) {
                            builder.responseHeader(header.getKey(), header.getValue().asText());
                        } else {
                            reader.problem(path + "[" + i + "].value", abbreviate(header.getValue().toString()),
                                    "must be a string");
                        }
                        i++;
                    }
                }
                default -> reader.problem(path, abbreviate(inner.toString()), "is not a middleware; the middlewares"
                        + " are " + String.join(", ", MIDDLEWARE_FIELDS));
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }

    /** Reads typed values, recording a problem instead of failing on the first wrong type. */
    private static final class Reader {
        final List<RouteProblem> problems = new ArrayList<>();
        final Set<String> reported = new HashSet<>();

        void problem(String field, String value, String rule) {
            problems.add(new RouteProblem(field, value, rule));
            reported.add(field);
        }

        void text(String field, JsonNode value, Consumer<String> into) {
            if (value.isTextual()) {
                into.accept(value.asText());
            } else {
                problem(field, abbreviate(value.toString()), "must be a string");
            }
        }

        void integer(String field, JsonNode value, Consumer<Integer> into) {
            if (value.isIntegralNumber() && value.canConvertToInt()) {
                into.accept(value.asInt());
            } else {
                problem(field, abbreviate(value.toString()), "must be a whole number from 1 to 65535");
            }
        }

        void bool(String field, JsonNode value, Consumer<Boolean> into) {
            if (value.isBoolean()) {
                into.accept(value.asBoolean());
            } else {
                problem(field, abbreviate(value.toString()), "must be true or false");
            }
        }

        void textArray(String field, JsonNode value, Consumer<List<String>> into) {
            List<String> items = new ArrayList<>();
            if (value.isArray()) {
                for (JsonNode item : value) {
                    if (!item.isTextual()) {
                        problem(field, abbreviate(value.toString()), "must be an array of strings");
                        return;
                    }
                    items.add(item.asText());
                }
                into.accept(items);
            } else {
                problem(field, abbreviate(value.toString()), "must be an array of strings");
            }
        }
    }
}
