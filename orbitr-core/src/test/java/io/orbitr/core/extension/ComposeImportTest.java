package io.orbitr.core.extension;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.extension.ExtensionManifest;
import io.orbitr.extension.ManifestProblem;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ComposeImportTest {

    @Test
    void aComposeFileBecomesAValidDraftAndWhatIsLeftOutIsListed() {
        String compose = """
                services:
                  app:
                    image: ghcr.io/example/app:2.1
                    container_name: app
                    build: .
                    environment:
                      DB_PASSWORD: ${DB_PASSWORD}
                      TZ: ${TZ:-UTC}
                    ports: ["8080:80"]
                    volumes: ["./config:/config", "appdata:/data"]
                    networks: [back]
                    depends_on: [db]
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_PASSWORD: ${DB_PASSWORD}
                volumes:
                  appdata: {}
                networks:
                  back: {}
                """;

        ComposeImport draft = ComposeImport.of(compose, "myapp");

        ExtensionManifest manifest = ManifestReader.read(draft.manifest(), "draft");
        assertThat(manifest.main()).isEqualTo("app");
        assertThat(manifest.route().orElseThrow().port()).isEqualTo(80);
        assertThat(manifest.generated()).extracting(g -> g.name()).containsExactly("DB_PASSWORD");
        assertThat(manifest.inputs()).singleElement().satisfies(i -> {
            assertThat(i.name()).isEqualTo("TZ");
            assertThat(i.defaultValue()).hasValue("UTC");
        });
        assertThat(manifest.services().get("app").volumes().get(0).source()).isEqualTo("${EXTENSION_DATA}/config");
        assertThat(manifest.volumes()).containsKey("appdata");
        assertThat(draft.unsupported()).extracting(ManifestProblem::path).contains("services.app.container_name",
                "services.app.build", "services.app.networks", "networks");
    }
}
