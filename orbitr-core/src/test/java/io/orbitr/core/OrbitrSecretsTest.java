package io.orbitr.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.InvalidValueException;
import io.orbitr.OrbitrException;
import io.orbitr.core.notify.WebhookSettings;
import io.orbitr.secret.SecretBox;
import io.orbitr.spi.FeatureProvider;
import io.orbitr.spi.ProviderContext;
import io.orbitr.testing.OnEveryStore;
import io.orbitr.testing.TestStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/** The platform's secret box: where its key comes from, and how providers reach it. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@OnEveryStore
class OrbitrSecretsTest {
    @Parameter
    TestStore testStore;

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    @TempDir
    Path data;

    private Orbitr.Builder platform() {
        return Orbitr.builder().noDiscovery().store(testStore.durableSettings()).dataDirectory(data);
    }

    /** A feature that finds the box through its context, as the jd-client module does. */
    static final class SecretUser implements FeatureProvider<SecretUser> {
        final AtomicReference<SecretBox> found = new AtomicReference<>();

        @Override
        public String id() {
            return "secret-user";
        }

        @Override
        public void start(ProviderContext context) {
            found.set(context.require(SecretBox.class));
        }

        @Override
        public Class<SecretUser> type() {
            return SecretUser.class;
        }

        @Override
        public SecretUser create(ProviderContext context) {
            return this;
        }
    }

    @Test
    void theFirstStartCreatesTheKeyFileAndProvidersFindTheBox() throws Exception {
        SecretUser user = new SecretUser();
        String sealed;
        try (Orbitr orbitr = platform().register(user).build()) {
            assertThat(user.found.get()).isSameAs(orbitr.secrets());
            assertThat(orbitr.lookup(SecretBox.class)).containsSame(orbitr.secrets());
            sealed = orbitr.secrets().seal("extension password");
        }
        Path keyFile = data.resolve("secret.key");
        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (Orbitr orbitr = platform().build()) {
            assertThat(orbitr.secrets().open(sealed)).isEqualTo("extension password");
        }
    }

    @Test
    void theHostsKeyIsUsedAndNoKeyFileIsWritten() {
        String sealed;
        try (Orbitr orbitr = platform().secretKey(KEY).build()) {
            sealed = orbitr.secrets().seal("x");
        }
        assertThat(data.resolve("secret.key")).doesNotExist();
        try (Orbitr orbitr = platform().secretKey(new byte[32]).build()) {
            assertThat(orbitr.secrets().open(sealed)).isEqualTo("x");
        }
        // The store is sealed with the host's key: the key file made now would be another key, so none is made.
        assertThatThrownBy(() -> platform().build())
                .isInstanceOf(OrbitrException.class).hasMessageContaining("no key was given");
    }

    @Test
    void aMalformedHostKeyIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> Orbitr.builder().secretKey("bm90IGEga2V5")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("invalid secretKey '(9 bytes)'").hasMessageNotContaining("bm90IGEga2V5");
        assertThatThrownBy(() -> Orbitr.builder().secretKey("#not base64#")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("invalid secretKey '(hidden)'").hasMessageNotContaining("#not base64#");
    }

    @Test
    void aWebhookUrlStoredInClearBy01IsSealedAtTheNextStart() {
        String url = "https://hooks.example.org/services/T0KEN-123";
        try (Orbitr orbitr = platform().build()) {
            orbitr.store().inTransaction(connection -> {
                try (var insert = connection.prepareStatement("INSERT INTO settings (setting_key, setting_value,"
                        + " updated_at) VALUES (?, ?, 0)")) {
                    insert.setString(1, WebhookSettings.URL);
                    insert.setString(2, url);
                    return insert.executeUpdate();
                }
            });
        }
        try (Orbitr orbitr = platform().build()) {
            String stored = orbitr.store().read(connection -> {
                try (var query = connection.prepareStatement("SELECT setting_value FROM settings WHERE"
                        + " setting_key = ?")) {
                    query.setString(1, WebhookSettings.URL);
                    try (var rows = query.executeQuery()) {
                        rows.next();
                        return rows.getString(1);
                    }
                }
            });
            assertThat(stored).startsWith(SecretBox.PREFIX).doesNotContain("T0KEN");
            assertThat(WebhookSettings.load(orbitr.store(), orbitr.secrets()).orElseThrow().url())
                    .isEqualTo(URI.create(url));
        }
    }

    @Test
    void anInMemoryStoreGetsAKeyOfItsOwnAndWritesNoFile() {
        try (Orbitr orbitr = Orbitr.builder().noDiscovery().inMemoryStore().dataDirectory(data).build()) {
            assertThat(orbitr.secrets().open(orbitr.secrets().seal("y"))).isEqualTo("y");
        }
        assertThat(data.resolve("secret.key")).doesNotExist();
    }
}
