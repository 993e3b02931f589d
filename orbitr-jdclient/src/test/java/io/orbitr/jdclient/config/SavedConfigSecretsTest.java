package io.orbitr.jdclient.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.OrbitrException;
import io.orbitr.core.Orbitr;
import io.orbitr.jdclient.JdClientFeatureProvider;
import io.orbitr.jdclient.JdClientTables;
import io.orbitr.jdclient.instance.InstanceManager;
import io.orbitr.jdclient.keys.AuthoritySecretKey;
import io.orbitr.jdclient.store.Sql;
import io.orbitr.secret.SecretBox;
import io.orbitr.store.Store;
import io.orbitr.testing.OnEveryStore;
import io.orbitr.testing.TestStore;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** The authority secret keys of saved configurations are sealed at rest and never shown. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@OnEveryStore
class SavedConfigSecretsTest {
    @Parameter
    TestStore testStore;

    private static final String SECRET = ConfigFixtures.keyPair("orbitr-instance")[1];
    private static final byte[] OTHER_KEY = new byte[32];

    @TempDir
    Path data;

    @Test
    void theStoredRowHoldsTheKeySealedAndTheRestReadable() {
        try (Orbitr orbitr = JdClientTables.added(Orbitr.builder().noDiscovery().dataDirectory(data)
                .store(testStore.durableSettings()).build())) {
            SavedConfigs configs = new SavedConfigs(orbitr.store(), orbitr.clock(), orbitr.secrets());
            JdcConfig config = ConfigFixtures.valid().build();
            configs.create("pool-a", "", config);

            String content = contents(orbitr.store()).get(0);
            assertThat(content).doesNotContain(SECRET).contains("authority_secret_key = \"enc:v1:")
                    .contains("authority_public_key = \"" + config.authorityPublicKey() + "\"");
            assertThat(configs.get("pool-a").config()).isEqualTo(config);
            assertThat(configs.list()).extracting(SavedConfig::config).containsExactly(config);
            configs.update("pool-a", "", ConfigFixtures.valid().sharesPerMinute(9.0).build());
            assertThat(contents(orbitr.store()).get(0)).doesNotContain(SECRET);
            assertThat(configs.get("pool-a").config().authoritySecretKey()).isEqualTo(SECRET);
        }
    }

    @Test
    void clearRowsOfOrbitr01AreSealedAtStartAndReadBackEqual() {
        JdcConfig config = ConfigFixtures.everything();
        try (Orbitr orbitr = JdClientTables.added(Orbitr.builder().noDiscovery().dataDirectory(data)
                .store(testStore.durableSettings()).build())) {
            // As 0.1 wrote it: the rendered TOML, key in clear.
            orbitr.store().inTransaction(connection -> Sql.update(connection, "INSERT INTO saved_configs (id, kind,"
                    + " name, description, content, active, created_at, updated_at) VALUES ('c1', 'jdclient',"
                    + " 'old', '', ?, FALSE, 0, 0)", TomlRenderer.render(config)));
            assertThat(contents(orbitr.store()).get(0)).contains(config.authoritySecretKey());
        }
        try (Orbitr orbitr = Orbitr.builder().noDiscovery().dataDirectory(data)
                .store(testStore.durableSettings())
                .register(new JdClientFeatureProvider()).build()) {
            String content = contents(orbitr.store()).get(0);
            assertThat(content).contains("authority_secret_key = \"" + SecretBox.PREFIX)
                    .doesNotContain(config.authoritySecretKey());
            InstanceManager jdc = orbitr.feature(InstanceManager.class);
            assertThat(jdc.configs().get("old").config()).isEqualTo(config);
            // Idempotent: a second pass finds nothing in clear.
            assertThat(jdc.configs().sealClearRows()).isZero();
            assertThat(contents(orbitr.store()).get(0)).isEqualTo(content);
        }
    }

    @Test
    void noLogLineShowsTheSecretKey() {
        JdcConfig config = ConfigFixtures.everything();
        String output = capturingStandardError(() -> {
            try (Orbitr orbitr = JdClientTables.added(Orbitr.builder().noDiscovery().dataDirectory(data)
                .store(testStore.durableSettings()).build())) {
                orbitr.store().inTransaction(connection -> Sql.update(connection, "INSERT INTO saved_configs (id,"
                        + " kind, name, description, content, active, created_at, updated_at) VALUES ('c1',"
                        + " 'jdclient', 'old', '', ?, FALSE, 0, 0)", TomlRenderer.render(config)));
            }
            try (Orbitr orbitr = Orbitr.builder().noDiscovery().dataDirectory(data)
                .store(testStore.durableSettings())
                    .register(new JdClientFeatureProvider()).build()) {
                InstanceManager jdc = orbitr.feature(InstanceManager.class);
                jdc.configs().create("new", "", ConfigFixtures.valid().build());
                jdc.configs().update("new", "", ConfigFixtures.valid().authorityKeys(
                        ConfigFixtures.keyPair("orbitr-instance")[0], SECRET).sharesPerMinute(3.0).build());
                assertThatThrownBy(() -> jdc.configs().create("bad", "", ConfigFixtures.valid()
                        .authorityKeys(SECRET, SECRET).build())).hasMessageNotContaining(SECRET);
            }
        });
        assertThat(output).as("the capture works").contains("sealed the authority secret keys of 1");
        assertThat(output).doesNotContain(SECRET).doesNotContain(config.authoritySecretKey());
    }

    /** slf4j-simple writes to whatever {@code System.err} is at the time of each line. */
    private static String capturingStandardError(Runnable work) {
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            work.run();
        } finally {
            System.setErr(original);
        }
        String text = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        original.print(text);
        return text;
    }

    @Test
    void theStoreRefusesAnotherKeyInsteadOfReturningGarbage() {
        try (Orbitr orbitr = JdClientTables.added(Orbitr.builder().noDiscovery().dataDirectory(data)
                .store(testStore.durableSettings()).build())) {
            new SavedConfigs(orbitr.store(), orbitr.clock(), orbitr.secrets()).create("pool-a", "",
                    ConfigFixtures.valid().build());
        }
        assertThatThrownBy(() -> Orbitr.builder().noDiscovery().dataDirectory(data)
                .store(testStore.durableSettings()).secretKey(OTHER_KEY).build())
                .isInstanceOf(OrbitrException.class)
                .hasMessageContaining("the secret key from Orbitr.builder().secretKey(...) does not match the one"
                        + " that sealed the store");
    }

    @Test
    void noToStringShowsTheSecretKey() {
        JdcConfig config = ConfigFixtures.valid().build();
        SavedConfig saved = new SavedConfig("id", "pool-a", "", config, false, java.time.Instant.EPOCH,
                java.time.Instant.EPOCH);
        assertThat(config.toString()).doesNotContain(SECRET);
        assertThat(saved.toString()).doesNotContain(SECRET);
        assertThat(AuthoritySecretKey.parse(SECRET).toString()).doesNotContain(SECRET);
        assertThat(List.of(saved).toString()).doesNotContain(SECRET);
        assertThat(ConfigFixtures.valid().authorityKeys(SECRET, SECRET).build().toString()).doesNotContain(SECRET);
    }

    @Test
    void validationNeverEchoesTheSecretKey() {
        String publicKey = ConfigFixtures.keyPair("orbitr-instance")[0];
        // The secret pasted into the public key's field, into the signature, and a secret that is nearly right.
        List<JdcConfig> mistakes = List.of(
                ConfigFixtures.valid().authorityKeys(SECRET, SECRET).build(),
                ConfigFixtures.valid().jdcSignature(SECRET + SECRET).build(),
                ConfigFixtures.valid().authorityKeys(publicKey, SECRET.substring(0, SECRET.length() - 1) + "x").build(),
                ConfigFixtures.valid().authorityKeys(ConfigFixtures.keyPair("other")[0], SECRET).build(),
                ConfigFixtures.valid().upstreams(List.of(new Upstream(SECRET, "127.0.0.1", 1, "127.0.0.1", 2,
                        "user"))).build());
        for (JdcConfig mistake : mistakes) {
            ValidationResult result = mistake.validate();
            assertThat(result.problems()).as("problems of %s", mistake).isNotEmpty();
            assertThat(result.toString()).doesNotContain(SECRET).doesNotContain(SECRET.substring(0, 20));
            assertThatThrownBy(result::orThrow).hasMessageNotContaining(SECRET.substring(0, 20));
        }
    }

    private static List<String> contents(Store store) {
        return store.read(connection -> Sql.list(connection, "SELECT content FROM saved_configs ORDER BY name",
                r -> r.getString(1)));
    }
}
