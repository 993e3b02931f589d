package io.orbitr.core.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.OrbitrException;
import io.orbitr.core.store.CoreSchema;
import io.orbitr.core.store.JdbcStore;
import io.orbitr.core.store.SchemaMigrator;
import io.orbitr.core.store.Stores;
import io.orbitr.testing.OnEveryStore;
import io.orbitr.testing.TestStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
@OnEveryStore
class PlatformSecretsTest {
    @Parameter
    TestStore testStore;

    private static final String ENV_KEY = Base64.getEncoder().encodeToString(filled(7));
    @TempDir
    Path data;
    private final Map<String, String> environment = new HashMap<>();
    private JdbcStore store;
    private Path keyFile;

    @BeforeEach
    void openStore() {
        store = Stores.open(testStore.settings(), data);
        new SchemaMigrator(store, Clock.systemUTC()).migrate(Map.of(CoreSchema.COMPONENT, CoreSchema.migrations()));
        keyFile = data.resolve(PlatformSecrets.KEY_FILE);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private PlatformSecrets secrets() {
        return PlatformSecrets.builder(store).environment(environment::get).keyFile(keyFile);
    }

    @Test
    void theFirstStartCreatesAnOwnerOnlyKeyFileThatLaterStartsRead() throws Exception {
        AesGcmSecretBox first = secrets().open();
        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Base64.getDecoder().decode(Files.readString(keyFile).strip())).hasSize(32);
        assertThat(first.keyOrigin()).isEqualTo("the file " + keyFile);
        try (var files = Files.list(data)) {
            assertThat(files).containsExactly(keyFile);
        }

        String sealed = first.seal("pool password");
        AesGcmSecretBox again = secrets().open();
        assertThat(again.open(sealed)).isEqualTo("pool password");
    }

    @Test
    void theHostsKeyWinsOverTheEnvironmentWhichWinsOverTheFile() {
        environment.put(PlatformSecrets.ENVIRONMENT_VARIABLE, ENV_KEY);
        AesGcmSecretBox fromHost = secrets().key(filled(9)).open();
        assertThat(fromHost.keyOrigin()).isEqualTo("Orbitr.builder().secretKey(...)");
        String sealed = fromHost.seal("x");
        assertThat(AesGcmSecretBox.of(filled(9), "host").open(sealed)).isEqualTo("x");
        assertThat(Files.exists(keyFile)).isFalse();

        TestStore otherStore = new TestStore(testStore.kind());
        JdbcStore other = Stores.open(otherStore.settings(), data);
        try {
            new SchemaMigrator(other, Clock.systemUTC()).migrate(Map.of(CoreSchema.COMPONENT,
                    CoreSchema.migrations()));
            AesGcmSecretBox fromEnvironment = PlatformSecrets.builder(other).environment(environment::get)
                    .keyFile(keyFile).open();
            assertThat(fromEnvironment.keyOrigin()).isEqualTo("the environment variable ORBITR_SECRET_KEY");
            assertThat(AesGcmSecretBox.of(filled(7), "env").open(fromEnvironment.seal("y"))).isEqualTo("y");
            assertThat(Files.exists(keyFile)).isFalse();
        } finally {
            other.close();
            otherStore.close();
        }
    }

    @Test
    void aStoreOpenedWithAnotherKeySaysSoAndWhereTheKeyCameFrom() {
        secrets().open();
        environment.put(PlatformSecrets.ENVIRONMENT_VARIABLE, ENV_KEY);
        assertThatThrownBy(() -> secrets().open()).isInstanceOf(OrbitrException.class)
                .hasMessageContaining("the secret key from the environment variable ORBITR_SECRET_KEY does not"
                        + " match the one that sealed the store")
                .hasMessageContaining("a restored backup needs the key it was made with")
                .hasMessageNotContaining(ENV_KEY);
        assertThatThrownBy(() -> PlatformSecrets.builder(store).key(filled(3)).open())
                .hasMessageContaining("from Orbitr.builder().secretKey(...) does not match");
    }

    @Test
    void aSealedStoreWhoseKeyIsGoneIsRefusedInsteadOfGivenANewKey() throws Exception {
        secrets().open();
        Files.delete(keyFile);
        assertThatThrownBy(() -> secrets().open()).isInstanceOf(OrbitrException.class)
                .hasMessageContaining("holds secrets sealed with a secret key, but no key was given")
                .hasMessageContaining("no file " + keyFile);
        assertThat(Files.exists(keyFile)).isFalse();
    }

    @Test
    void aKeyFileOthersMayReadIsRefused() throws Exception {
        secrets().open();
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> secrets().open()).isInstanceOf(OrbitrException.class)
                .hasMessageContaining("is open to others (mode rw-r--r--)")
                .hasMessageContaining("chmod 600 " + keyFile);
    }

    @Test
    void aMalformedKeyIsNamedButNeverShown() {
        environment.put(PlatformSecrets.ENVIRONMENT_VARIABLE, "c2hvcnQ=");
        assertThatThrownBy(() -> secrets().open()).isInstanceOf(OrbitrException.class)
                .hasMessageContaining("ORBITR_SECRET_KEY is 5 bytes").hasMessageNotContaining("c2hvcnQ=");
        environment.put(PlatformSecrets.ENVIRONMENT_VARIABLE, "not base64!");
        assertThatThrownBy(() -> secrets().open()).hasMessageContaining("is not base64")
                .hasMessageNotContaining("not base64!");
    }

    private static byte[] filled(int value) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) value);
        return key;
    }
}
