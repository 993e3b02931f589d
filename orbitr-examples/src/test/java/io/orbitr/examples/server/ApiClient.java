package io.orbitr.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A test client of the REST API over real HTTP: every JSON answer it receives is validated against the schema the
 * OpenAPI document gives for that operation and status, so no test can read an undocumented shape.
 */
final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonNode document = ApiDocument.load().tree();
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
    private final Map<Pattern, String> templates = new LinkedHashMap<>();

    ApiClient(URI base) {
        this.base = base;
        Iterator<String> paths = document.path("paths").fieldNames();
        while (paths.hasNext()) {
            String template = paths.next();
            templates.put(Pattern.compile(template.replaceAll("\\{[^}]+}", "[^/]+")), template);
        }
    }

    /** An answer. */
    record Response(int status, String contentType, String body, java.net.http.HttpHeaders headers) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    /** One request. */
    final class Request {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

        Request(String method, String path) {
            this.method = method;
            this.path = path;
        }

        Request token(String token) {
            if (token != null) {
                headers.put("Authorization", "Bearer " + token);
            }
            return this;
        }

        Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        Request json(Object value) {
            try {
                return raw(value instanceof String text ? text : JSON.writeValueAsString(value), "application/json");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Request raw(String text, String contentType) {
            headers.put("Content-Type", contentType);
            body = HttpRequest.BodyPublishers.ofString(text);
            return this;
        }

        Request bytes(byte[] bytes, String contentType) {
            headers.put("Content-Type", contentType);
            body = HttpRequest.BodyPublishers.ofByteArray(bytes);
            return this;
        }

        Response send() {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                    .method(method, body);
            headers.forEach(request::header);
            try {
                HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                Response response = new Response(answer.statusCode(),
                        answer.headers().firstValue("Content-Type").orElse(""), answer.body(), answer.headers());
                validate(method, path, response);
                return response;
            } catch (IOException e) {
                throw new UncheckedIOException(method + " " + path + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    Request request(String method, String path) {
        return new Request(method, path);
    }

    Response get(String path, String token) {
        return request("GET", path).token(token).send();
    }

    Response post(String path, String token, Object body) {
        Request request = request("POST", path).token(token);
        return (body == null ? request : request.json(body)).send();
    }

    Response put(String path, String token, Object body) {
        return request("PUT", path).token(token).json(body).send();
    }

    Response delete(String path, String token) {
        return request("DELETE", path).token(token).send();
    }

    /** @return the document's template for a request path, if one matches */
    Optional<String> template(String path) {
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        return templates.entrySet().stream().filter(e -> e.getKey().matcher(bare).matches()).map(Map.Entry::getValue)
                .findFirst();
    }

    private void validate(String method, String path, Response response) {
        Optional<String> template = template(path);
        if (template.isEmpty() || response.body().isEmpty()) {
            return;
        }
        JsonNode operation = document.path("paths").path(template.get()).path(method.toLowerCase());
        if (operation.isMissingNode()) {
            return;
        }
        JsonNode responses = operation.path("responses");
        String status = Integer.toString(response.status());
        String key = responses.has(status) ? status : "default";
        JsonNode answer = resolve(responses.path(key));
        if (answer.isMissingNode()) {
            throw new AssertionError(method + " " + path + " answered " + status + ", which the document does not list");
        }
        String mediaType = response.contentType().split(";")[0].trim();
        if (!mediaType.endsWith("json")) {
            return;
        }
        if (!answer.path("content").has(mediaType)) {
            throw new AssertionError(method + " " + path + " answered " + status + " as " + mediaType
                    + ", which the document does not list: " + response.body());
        }
        String pointer = "#/paths/" + escape(template.get()) + "/" + method.toLowerCase() + "/responses/" + key;
        if (responses.path(key).has("$ref")) {
            pointer = responses.path(key).path("$ref").asText();
        }
        pointer += "/content/" + escape(mediaType) + "/schema";
        JsonSchema schema = schemas.computeIfAbsent(pointer, p -> {
            ObjectNode root = document.deepCopy();
            root.put("$ref", p);
            return factory.getSchema(root);
        });
        Set<ValidationMessage> errors = schema.validate(response.json());
        if (!errors.isEmpty()) {
            throw new AssertionError(method + " " + path + " answered " + status + " off its schema: " + errors
                    + "\n" + response.body());
        }
    }

    private JsonNode resolve(JsonNode node) {
        if (node.has("$ref")) {
            return document.at(node.path("$ref").asText().substring(1));
        }
        return node;
    }

    private static String escape(String text) {
        return text.replace("~", "~0").replace("/", "~1");
    }
}
