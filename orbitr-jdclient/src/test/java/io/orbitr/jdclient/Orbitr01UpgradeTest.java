package io.orbitr.jdclient;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.core.Orbitr;
import io.orbitr.core.store.CoreSchema;
import io.orbitr.core.store.H2Stores;
import io.orbitr.core.store.JdbcStore;
import io.orbitr.jdclient.config.SavedConfig;
import io.orbitr.jdclient.instance.Instance;
import io.orbitr.jdclient.instance.InstanceManager;
import io.orbitr.jdclient.metrics.MetricStore;
import io.orbitr.metrics.SeriesKey;
import io.orbitr.jdclient.store.Sql;
import io.orbitr.proxy.Route;
import io.orbitr.store.Store;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database written by Orbitr 0.1 ({@code fixtures/orbitr-0.1.mv.db}, see the README beside it) upgrades in place:
 * jd-client's tables move from the core schema to this module's, the unused {@code extensions} table goes, and every
 * other row is kept.
 */
@Timeout(120)
class Orbitr01UpgradeTest {
    /** The fixture's platform key: {@code Orbitr01DatabaseWriter.SECRET_KEY} in orbitr-examples' tests. */
    private static final String SECRET_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    /** When the fixture was written: the platform runs at that time so that no retention purge takes its rows. */
    private static final Instant WRITTEN = Instant.parse("2026-12-03T13:23:00Z");
    /** Tables whose rows the platform adds to as it runs (health checks of the fixture's targets go on). */
    /** The module's newest version: every step after 0.1's runs on upgrade. */
    private static final int NEWEST_JDCLIENT = JdClientSchema.migrations().size();
    private static final Set<String> GROWING = Set.of("health_results", "notifications", "orbitr_schema_version");
    /** A program a crashed host left behind in another boot: the supervisor forgets it at start, as 0.1 did. */
    private static final String FORGOTTEN = "supervised_processes";
    /** 0.1's metric samples and their rollups: the samples move into the time series (checked one by one). */
    private static final Set<String> MOVED = Set.of("metrics", "jdc_metric_rollups");

    @TempDir
    Path root;
    private Path data;

    @BeforeEach
    void copyFixture() throws Exception {
        data = root.resolve("data");
        Files.createDirectories(data);
        try (InputStream fixture = getClass().getResourceAsStream("/fixtures/orbitr-0.1.mv.db")) {
            assertThat(fixture).as("fixtures/orbitr-0.1.mv.db on the test class path").isNotNull();
            Files.copy(fixture, data.resolve("orbitr.mv.db"));
        }
    }

    @Test
    void everyRowOfA01DatabaseIsKeptAndTheTablesChangeOwner() {
        Map<String, Long> before = counts();
        assertThat(before).containsKeys("saved_configs", "instances", "update_history", "extensions", "metrics",
                "orbitr_server_account");
        assertThat(before).allSatisfy((table, rows) -> {
            if (!table.startsWith("extension")) {
                assertThat(rows).as("rows of %s in the fixture", table).isPositive();
            }
        });
        assertThat(versions()).containsEntry(CoreSchema.COMPONENT, 1).containsEntry(JdClientSchema.COMPONENT, 1);

        try (Orbitr orbitr = open()) {
            assertThat(orbitr.store().schemaVersion(CoreSchema.COMPONENT)).isEqualTo(2);
            assertThat(orbitr.store().schemaVersion(JdClientSchema.COMPONENT)).isEqualTo(NEWEST_JDCLIENT);
            InstanceManager jdc = orbitr.feature(InstanceManager.class);
            assertThat(jdc.configs().list()).extracting(SavedConfig::name).containsExactly("pool-a", "pool-b");
            SavedConfig active = jdc.configs().active().orElseThrow();
            assertThat(active.name()).isEqualTo("pool-a");
            // The secret key was sealed by 0.1 and opens with the same platform key.
            assertThat(active.config().authoritySecretKey()).isNotBlank();
            assertThat(active.config().jdcSignature()).isEqualTo("orbitr-fixture");
            assertThat(jdc.list()).extracting(Instance::name).containsExactly("jdc-1", "jdc-2");
            assertThat(jdc.get("jdc-2").binaryVersion()).contains("v0.6.0");
            assertThat(jdc.metrics().metricNames(jdc.get("jdc-1").id())).contains("cpu_percent", "rss_bytes");
            long samples = 0;
            for (Instance instance : jdc.list()) {
                for (SeriesKey key : orbitr.timeSeries().series(MetricStore.KIND, instance.id())) {
                    samples += orbitr.timeSeries().raw(key, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"),
                            Integer.MAX_VALUE).size();
                }
            }
            assertThat(samples).as("0.1's metric samples, now in the time series").isEqualTo(before.get("metrics"));
            assertThat(jdc.healthHistory().history(jdc.get("jdc-1").id(), Instant.EPOCH,
                    Instant.parse("2100-01-01T00:00:00Z"), 100))
                    .as("0.1's jd-client check results, under the monitor's ids").isNotEmpty();
            assertThat(updateHistory(orbitr.store())).containsExactly("jd-client INSTALL v0.6.0 SUCCEEDED");
            assertThat(orbitr.proxies().list()).extracting(Route::name).containsExactlyInAnyOrder("api", "grafana");
            assertThat(orbitr.proxies().settings().defaultDomain()).isEqualTo("example.com");
            assertThat(orbitr.health().target("db")).isPresent();
            assertThat(orbitr.notifications().list(false, 10, Optional.empty()).items()).hasSizeGreaterThanOrEqualTo(2);
        }
        Map<String, Long> after = counts();
        assertKept(before, after);
        assertThat(after).doesNotContainKey("extensions").containsEntry(FORGOTTEN, 0L);
        assertThat(versions()).containsEntry(CoreSchema.COMPONENT, 2)
                .containsEntry(JdClientSchema.COMPONENT, NEWEST_JDCLIENT)
                .containsEntry("orbitr-server", 1);
    }

    @Test
    void openingTheUpgradedDatabaseAgainChangesNothing() {
        try (Orbitr orbitr = open()) {
            assertThat(orbitr.store().schemaVersion(JdClientSchema.COMPONENT)).isEqualTo(NEWEST_JDCLIENT);
        }
        Map<String, Long> first = counts();
        List<String> applied = applied();
        try (Orbitr orbitr = open()) {
            assertThat(orbitr.store().schemaVersion(CoreSchema.COMPONENT)).isEqualTo(2);
            assertThat(orbitr.feature(InstanceManager.class).list()).hasSize(2);
        }
        assertKept(first, counts());
        assertThat(counts()).containsOnlyKeys(first.keySet());
        assertThat(applied()).as("no step runs twice").isEqualTo(applied);
    }

    private static void assertKept(Map<String, Long> before, Map<String, Long> after) {
        before.forEach((table, rows) -> {
            if (table.equals("extensions") || table.equals(FORGOTTEN) || MOVED.contains(table)) {
                return;
            }
            assertThat(after).as("table %s", table).containsKey(table);
            if (GROWING.contains(table)) {
                assertThat(after.get(table)).as("rows of %s", table).isGreaterThanOrEqualTo(rows);
            } else {
                assertThat(after.get(table)).as("rows of %s", table).isEqualTo(rows);
            }
        });
    }

    private Orbitr open() {
        Clock atWriting = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), WRITTEN));
        return Orbitr.builder().dataDirectory(data).secretKey(SECRET_KEY).clock(atWriting).build();
    }

    /** @return the row count of every table, read without migrating */
    private Map<String, Long> counts() {
        try (JdbcStore raw = H2Stores.file(data)) {
            return raw.read(connection -> {
                List<String> tables = new ArrayList<>();
                try (ResultSet rows = connection.getMetaData().getTables(null, "PUBLIC", "%", new String[] {"TABLE"})) {
                    while (rows.next()) {
                        tables.add(rows.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
                    }
                }
                Map<String, Long> counts = new TreeMap<>();
                for (String table : tables) {
                    counts.put(table, JdbcStore.queryLong(connection, "SELECT COUNT(*) FROM " + table));
                }
                return counts;
            });
        }
    }

    private Map<String, Integer> versions() {
        try (JdbcStore raw = H2Stores.file(data)) {
            return raw.read(connection -> {
                Map<String, Integer> versions = new TreeMap<>();
                Sql.list(connection, "SELECT component, version FROM orbitr_schema_version",
                        row -> versions.put(row.getString(1), row.getInt(2)));
                return versions;
            });
        }
    }

    private List<String> applied() {
        try (JdbcStore raw = H2Stores.file(data)) {
            return raw.read(connection -> Sql.list(connection, "SELECT component, version, applied_at"
                    + " FROM orbitr_schema_version ORDER BY component", row -> row.getString(1) + " "
                    + row.getInt(2) + " " + row.getLong(3)));
        }
    }

    private static List<String> updateHistory(Store store) {
        return store.read(connection -> Sql.list(connection, "SELECT component, action, to_version, outcome"
                + " FROM update_history ORDER BY id", row -> row.getString(1) + " " + row.getString(2) + " "
                + row.getString(3) + " " + row.getString(4)));
    }
}
