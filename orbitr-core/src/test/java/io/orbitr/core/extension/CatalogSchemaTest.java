package io.orbitr.core.extension;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.orbitr.extension.CatalogEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The built-in catalog: at least six real apps, each valid for Orbitr and for the published JSON Schema. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CatalogSchemaTest {
    private static final Path SCHEMA = Path.of("..", "docs", "schema", "orbitr-extension.schema.json");

    private static JsonSchema schema() throws IOException {
        try (InputStream in = Files.newInputStream(SCHEMA)) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
    }

    @Test
    void everyBuiltInManifestIsValidAndMatchesTheSchema() throws IOException {
        JsonSchema schema = schema();
        List<String> names = ExtensionCatalog.builtInNames();
        assertThat(names).hasSizeGreaterThanOrEqualTo(6);
        for (String name : names) {
            String text = ExtensionCatalog.builtIn(name);
            assertThat(ManifestReader.problems(text)).as(name).isEmpty();
            JsonNode tree = ManifestReader.tree(text);
            Set<ValidationMessage> errors = schema.validate(tree);
            assertThat(errors).as("schema errors in %s", name).isEmpty();
            // What Orbitr writes back must match the schema too (the store and `ext import` write it).
            JsonNode written = ManifestReader.tree(ManifestWriter.yaml(ManifestReader.read(text, name)));
            assertThat(schema.validate(written)).as("schema errors in %s as written back", name).isEmpty();
        }
    }

    @Test
    void theSchemaRefusesComposeKeysOutsideTheSubset() throws IOException {
        JsonNode tree = ManifestReader.tree("""
                manifestVersion: 1
                id: x
                name: X
                version: "1"
                services:
                  web: {image: a, build: .}
                """);
        assertThat(schema().validate(tree)).isNotEmpty();
    }

    @Test
    void theCatalogSearchesByNameAndCategory() {
        ExtensionCatalog catalog = ExtensionCatalog.load(List.of());

        assertThat(catalog.all()).extracting(CatalogEntry::id).contains("postgresql", "redis", "gitea", "uptime-kuma",
                "grafana", "vaultwarden");
        assertThat(catalog.search("", Optional.of("database"))).extracting(CatalogEntry::id)
                .containsExactly("postgresql", "redis");
        assertThat(catalog.search("bitwarden", Optional.empty())).extracting(CatalogEntry::id)
                .containsExactly("vaultwarden");
    }
}
