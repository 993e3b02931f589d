package io.orbitr.core.extension;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.core.Orbitr;
import io.orbitr.extension.ExtensionManifest;
import io.orbitr.extension.ExtensionState;
import io.orbitr.testing.OnEveryStore;
import io.orbitr.testing.TestStore;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** Generated extension secrets are sealed at rest with the platform's secret box, and read back whole. */
@OnEveryStore
class InstallStoreSecretsTest {
    @Parameter
    TestStore testStore;
    @TempDir
    Path data;

    private static final String MANIFEST = """
            manifestVersion: 1
            id: vault
            name: Vault
            version: "1"
            revision: 1
            services:
              web:
                image: orbitr-test/busybox:1
            """;

    @Test
    void generatedSecretsAreSealedInTheRowAndOpenAgain() {
        try (Orbitr orbitr = Orbitr.builder().noDiscovery().store(testStore.settings()).dataDirectory(data)
                .build()) {
            InstallStore installs = new InstallStore(orbitr.store(), Clock.systemUTC(), orbitr.secrets());
            ExtensionManifest manifest = ManifestReader.read(MANIFEST, "vault.yml");
            Instant now = Instant.parse("2026-12-03T00:00:00Z");
            installs.insert(new InstallRecord(manifest, Optional.empty(), ExtensionState.RUNNING, Map.of(),
                    Map.of("ADMIN_TOKEN", "s3cr3t-value-42"), now, now, "local"));

            String column = orbitr.store().read(c -> {
                try (PreparedStatement s = c.prepareStatement("SELECT secrets FROM extension_installs WHERE id = ?")) {
                    s.setString(1, "vault");
                    try (ResultSet rows = s.executeQuery()) {
                        rows.next();
                        return rows.getString(1);
                    }
                }
            });
            assertThat(column).doesNotContain("s3cr3t-value-42").doesNotContain("ADMIN_TOKEN")
                    .contains("\"scheme\":\"sealed\"").contains("enc:v1:");
            assertThat(installs.find("vault")).get().extracting(InstallRecord::secrets)
                    .isEqualTo(Map.of("ADMIN_TOKEN", "s3cr3t-value-42"));
        }
    }
}
