package io.orbitr.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.orbitr.OrbitrException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The OpenAPI 3.1 document of the REST API, written first ({@code openapi.yaml} beside this class) and served as
 * JSON. The server takes its routes and their roles from it ({@code x-orbitr-role}).
 */
public final class ApiDocument {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private final JsonNode document;
    private final String json;
    private final List<ApiOperation> operations;

    private ApiDocument(JsonNode document) {
        this.document = document;
        try {
            this.json = Json.mapper().writeValueAsString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.operations = List.copyOf(readOperations(document));
    }

    /** @return the document shipped with Orbitr */
    public static ApiDocument load() {
        try (InputStream in = ApiDocument.class.getResourceAsStream("openapi.yaml")) {
            if (in == null) {
                throw new OrbitrException("openapi.yaml is missing from the class path; rebuild orbitr-examples");
            }
            return new ApiDocument(new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read openapi.yaml", e);
        }
    }

    /** @return the document as a tree */
    public JsonNode tree() {
        return document;
    }

    /** @return the document as JSON text */
    public String json() {
        return json;
    }

    /** @return every operation, in document order */
    public List<ApiOperation> operations() {
        return operations;
    }

    private static List<ApiOperation> readOperations(JsonNode document) {
        List<ApiOperation> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
            while (methods.hasNext()) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (!METHODS.contains(method.getKey())) {
                    continue;
                }
                JsonNode operation = method.getValue();
                String id = operation.path("operationId").asText("");
                String role = operation.path("x-orbitr-role").asText("");
                if (id.isEmpty() || role.isEmpty()) {
                    throw new OrbitrException("openapi.yaml: " + method.getKey() + " " + path.getKey()
                            + " needs an operationId and an x-orbitr-role");
                }
                out.add(new ApiOperation(id, method.getKey().toUpperCase(Locale.ROOT), path.getKey(),
                        role.equals("public") ? Optional.empty() : Optional.of(Role.parse(role))));
            }
        }
        return out;
    }
}
