package io.orbitr.core.extension;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.core.Orbitr;
import io.orbitr.extension.ExtensionManifest;
import io.orbitr.extension.ExtensionState;
import io.orbitr.testing.OnEveryStore;
import io.orbitr.testing.TestStore;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** Each installed extension keeps its engine endpoint; a row written before there was a choice is on {@code local}. */
@OnEveryStore
class InstallStoreEngineTest {
    @Parameter
    TestStore testStore;
    @TempDir
    Path data;

    private static final String MANIFEST = """
            manifestVersion: 1
            id: %s
            name: Edge app
            version: "1"
            revision: 1
            services:
              web:
                image: orbitr-test/busybox:1
            """;

    @Test
    void theEngineEndpointIsKeptAndAnOlderRowReadsAsLocal() {
        try (Orbitr orbitr = Orbitr.builder().noDiscovery().store(testStore.settings()).dataDirectory(data)
                .build()) {
            InstallStore installs = new InstallStore(orbitr.store(), Clock.systemUTC(), orbitr.secrets());
            ExtensionManifest manifest = ManifestReader.read(MANIFEST.formatted("edgeapp"), "edgeapp.yml");
            Instant now = Instant.parse("2026-12-03T00:00:00Z");
            InstallRecord record = new InstallRecord(manifest, Optional.empty(), ExtensionState.INSTALLING, Map.of(),
                    Map.of(), now, now, "edge");
            installs.insert(record);
            installs.update(record.with(ExtensionState.RUNNING, now.plusSeconds(1)));
            assertThat(installs.find("edgeapp")).get().extracting(InstallRecord::engine).isEqualTo("edge");

            // As version 1 of the schema wrote it: no engine column in the statement.
            orbitr.store().inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO extension_installs (id, state, manifest,"
                        + " inputs, secrets, installed_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    s.setString(1, "older");
                    s.setString(2, ExtensionState.RUNNING.name());
                    s.setString(3, ManifestWriter.json(ManifestReader.read(MANIFEST.formatted("older"), "older")));
                    s.setString(4, "{}");
                    s.setString(5, "{\"scheme\":\"plain\",\"values\":{}}");
                    s.setLong(6, now.toEpochMilli());
                    s.setLong(7, now.toEpochMilli());
                    s.executeUpdate();
                }
                return null;
            });
            assertThat(installs.find("older")).get().extracting(InstallRecord::engine).isEqualTo("local");
            assertThat(installs.list(10, Optional.empty())).extracting(InstallRecord::engine)
                    .containsExactly("edge", "local");
        }
    }
}
