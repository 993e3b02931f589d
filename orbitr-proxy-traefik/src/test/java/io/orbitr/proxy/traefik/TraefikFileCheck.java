package io.orbitr.proxy.traefik;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a Traefik file must pass in the tests: SchemaStore's draft-07 schema for the v3 file provider (a verbatim
 * copy in the test resources), and what the schema misses but Traefik rejects or misreads: empty maps and lists,
 * template braces, bad rule text, references to routers' services and middlewares that do not exist, a rule on a UDP
 * router, a host-specific SNI rule without TLS, '@' in names, servers that are not URLs or addresses.
 */
final class TraefikFileCheck {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonSchema SCHEMA = loadSchema();

    private TraefikFileCheck() {
    }

    private static JsonSchema loadSchema() {
        try (InputStream in = TraefikFileCheck.class.getResourceAsStream("/traefik-v3-file-provider.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param yaml a generated file
     * @return the file as a tree, after every check passed
     */
    static JsonNode assertValid(String yaml) {
        assertThat(yaml).doesNotContain("{{").doesNotContain("}}");
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new AssertionError("not YAML: " + e.getMessage() + "\n" + yaml, e);
        }
        Set<ValidationMessage> errors = SCHEMA.validate(root);
        assertThat(errors).as("schema errors in\n%s", yaml).isEmpty();
        noEmptyContainers(root, "");
        checkSection(root, "http");
        checkSection(root, "tcp");
        checkSection(root, "udp");
        return root;
    }

    private static void noEmptyContainers(JsonNode node, String path) {
        if (node.isContainerNode()) {
            assertThat(node.size()).as("empty map or list at '%s' (Traefik rejects the whole file)", path)
                    .isPositive();
            if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> field = it.next();
                    noEmptyContainers(field.getValue(), path + "." + field.getKey());
                }
            } else {
                for (int i = 0; i < node.size(); i++) {
                    noEmptyContainers(node.get(i), path + "[" + i + "]");
                }
            }
        }
    }

    private static void checkSection(JsonNode root, String section) {
        JsonNode content = root.path(section);
        if (content.isMissingNode()) {
            return;
        }
        JsonNode routers = content.path("routers");
        JsonNode services = content.path("services");
        JsonNode middlewares = content.path("middlewares");
        routers.fields().forEachRemaining(entry -> {
            String name = entry.getKey();
            JsonNode router = entry.getValue();
            assertThat(name).doesNotContain("@");
            String service = router.path("service").asText();
            assertThat(services.has(service)).as("router %s names service %s, which exists", name, service).isTrue();
            router.path("middlewares").forEach(m -> assertThat(middlewares.has(m.asText()))
                    .as("router %s names middleware %s, which exists", name, m.asText()).isTrue());
            switch (section) {
                case "udp" -> {
                    assertThat(router.has("rule")).as("udp router %s has no rule", name).isFalse();
                    assertThat(router.path("entryPoints").size()).isPositive();
                }
                case "tcp" -> {
                    List<TraefikRuleParser.Matcher> matchers = TraefikRuleParser.parse(router.path("rule").asText(),
                            TraefikRuleParser.TCP_MATCHERS);
                    boolean specific = matchers.stream().anyMatch(m -> m.name().startsWith("HostSNI")
                            && !m.values().equals(List.of("*")));
                    if (specific) {
                        assertThat(router.has("tls")).as("tcp router %s matches a host, so it needs tls", name)
                                .isTrue();
                    }
                }
                default -> TraefikRuleParser.parse(router.path("rule").asText(), TraefikRuleParser.HTTP_MATCHERS);
            }
        });
        services.fields().forEachRemaining(entry -> {
            assertThat(entry.getKey()).doesNotContain("@");
            entry.getValue().path("loadBalancer").path("servers").forEach(server -> {
                if (section.equals("http")) {
                    URI url = URI.create(server.path("url").asText());
                    assertThat(url.getScheme()).isIn("http", "https");
                    assertThat(url.getPort()).isBetween(1, 65535);
                    assertThat(url.getRawPath()).isEmpty();
                } else {
                    URI address = URI.create("tcp://" + server.path("address").asText());
                    assertThat(address.getHost()).isNotEmpty();
                    assertThat(address.getPort()).isBetween(1, 65535);
                }
            });
        });
        middlewares.fieldNames().forEachRemaining(name -> assertThat(name).doesNotContain("@"));
    }
}
