package io.orbitr.jdclient.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.ConflictException;
import io.orbitr.InvalidValueException;
import io.orbitr.NotFoundException;
import io.orbitr.core.Orbitr;
import io.orbitr.jdclient.JdClientTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import io.orbitr.testing.OnEveryStore;
import io.orbitr.testing.TestStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@OnEveryStore
class SavedConfigsTest {
    private final TestStore testStore;
    private final Orbitr orbitr;
    private final SavedConfigs configs;

    SavedConfigsTest(TestStore testStore) {
        this.testStore = testStore;
        orbitr = JdClientTables.added(Orbitr.builder().noDiscovery().store(testStore.settings())
                .dataDirectory(testStore.dataDirectory())
                .clock(Clock.fixed(Instant.parse("2026-05-11T16:00:00Z"), ZoneOffset.UTC)).build());
        configs = new SavedConfigs(orbitr.store(), orbitr.clock(), orbitr.secrets());
    }

    @AfterEach
    void close() {
        orbitr.close();
    }

    @Test
    void createsReadsListsUpdatesAndDeletes() {
        SavedConfig created = configs.create("pool-a", "main pool", ConfigFixtures.valid().build());
        assertThat(created.name()).isEqualTo("pool-a");
        assertThat(created.config()).isEqualTo(ConfigFixtures.valid().build());
        assertThat(created.createdAt()).isEqualTo(Instant.parse("2026-05-11T16:00:00Z"));
        assertThat(configs.get(created.id())).isEqualTo(created);
        assertThat(configs.get("pool-a")).isEqualTo(created);

        configs.create("everything", "", ConfigFixtures.everything());
        assertThat(configs.list()).extracting(SavedConfig::name).containsExactly("everything", "pool-a");

        JdcConfig changed = ConfigFixtures.valid().sharesPerMinute(12.0).build();
        SavedConfig updated = configs.update("pool-a", "faster shares", changed);
        assertThat(updated.config().sharesPerMinute()).isEqualTo(12.0);
        assertThat(updated.description()).isEqualTo("faster shares");
        assertThat(configs.rename("pool-a", "pool-b").id()).isEqualTo(created.id());

        configs.delete("pool-b");
        assertThat(configs.find("pool-b")).isEmpty();
        assertThatThrownBy(() -> configs.get("pool-b")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("pool-b");
    }

    @Test
    void refusesATakenNameABadNameAndAnInvalidConfiguration() {
        configs.create("pool-a", "", ConfigFixtures.valid().build());
        assertThatThrownBy(() -> configs.create("pool-a", "", ConfigFixtures.valid().build()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("pool-a");
        assertThatThrownBy(() -> configs.create(" ", "", ConfigFixtures.valid().build()))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> configs.create("bad", "", ConfigFixtures.valid().shareBatchSize(0).build()))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("share_batch_size");
        assertThat(configs.list()).hasSize(1);
    }

    @Test
    void keepsAtMostOneActiveConfiguration() {
        assertThat(configs.active()).isEmpty();
        configs.create("a", "", ConfigFixtures.valid().build());
        configs.create("b", "", ConfigFixtures.valid().build());
        assertThat(configs.setActive("a").active()).isTrue();
        configs.setActive("b");
        assertThat(configs.active()).map(SavedConfig::name).contains("b");
        assertThat(configs.list()).filteredOn(SavedConfig::active).extracting(SavedConfig::name).containsExactly("b");
    }

    @Test
    void refusesToDeleteAConfigurationThatAnInstanceUses() {
        SavedConfig config = configs.create("pool-a", "", ConfigFixtures.valid().build());
        orbitr.store().inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO instances (id, kind, name,"
                    + " config_id, desired_state, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, 0)")) {
                for (String name : List.of("miner-1", "miner-2")) {
                    insert.setString(1, name + "-id");
                    insert.setString(2, SavedConfigs.KIND);
                    insert.setString(3, name);
                    insert.setString(4, config.id());
                    insert.setString(5, "STOPPED");
                    insert.setString(6, "{}");
                    insert.executeUpdate();
                }
            }
            return null;
        });
        assertThatThrownBy(() -> configs.delete("pool-a")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("miner-1, miner-2");
        assertThat(configs.find("pool-a")).isPresent();
    }

    @Test
    void importsAFileAndRefusesAnOldOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("jdc-config.toml");
        Files.writeString(file, TomlRenderer.render(ConfigFixtures.everything()));
        assertThat(configs.importFile("imported", "from disk", file).config()).isEqualTo(ConfigFixtures.everything());
        Files.writeString(file, TomlRenderer.render(ConfigFixtures.valid().build())
                .replace("coinbase_reward_script", "coinbase_output"));
        assertThatThrownBy(() -> configs.importFile("old", "", file)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("coinbase_output").hasMessageContaining("rename to coinbase_reward_script");
    }
}
