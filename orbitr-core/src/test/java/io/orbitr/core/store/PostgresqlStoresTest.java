package io.orbitr.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.InvalidValueException;
import io.orbitr.UnavailableException;
import io.orbitr.core.Orbitr;
import io.orbitr.store.PasswordSource;
import io.orbitr.store.PostgresqlSettings;
import io.orbitr.testing.TestStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening the PostgreSQL store: what a wrong URL, password or variable says, and the schema it keeps to. */
class PostgresqlStoresTest {
    private final TestStore database = new TestStore(TestStore.Kind.POSTGRESQL);

    @AfterEach
    void drop() {
        database.close();
    }

    @Test
    void aWrongPasswordFailsAtOpeningNamingTheDatabaseNeverThePassword(@TempDir Path dir) throws Exception {
        PostgresqlSettings good = (PostgresqlSettings) database.settings();
        Path wrong = Files.writeString(dir.resolve("wrong"), "not-the-password-42\n");
        PostgresqlSettings bad = PostgresqlSettings.builder(good.url()).user(good.user()).passwordFile(wrong).build();
        assertThatThrownBy(() -> PostgresqlStores.open(bad)).isInstanceOf(UnavailableException.class)
                .hasMessageContaining("cannot open the PostgreSQL store " + good.url())
                .hasMessageContaining("password from file " + wrong)
                .hasMessageNotContaining("not-the-password-42");
    }

    @Test
    void aMissingPasswordVariableIsNamed() {
        PostgresqlSettings good = (PostgresqlSettings) database.settings();
        PostgresqlSettings bad = PostgresqlSettings.builder(good.url()).user(good.user())
                .passwordFromEnvironment("ORBITR_TEST_NO_SUCH_VARIABLE").build();
        assertThatThrownBy(() -> PostgresqlStores.open(bad, Map.<String, String>of()::get))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("ORBITR_TEST_NO_SUCH_VARIABLE").hasMessageContaining("is not set");
    }

    @Test
    void nothingAnswersAtAClosedPort() {
        PostgresqlSettings closed = PostgresqlSettings.builder("jdbc:postgresql://127.0.0.1:1/orbitr?connectTimeout=2")
                .user("orbitr").password(PasswordSource.none()).build();
        assertThatThrownBy(() -> PostgresqlStores.open(closed)).isInstanceOf(UnavailableException.class)
                .hasMessageContaining("jdbc:postgresql://127.0.0.1:1/orbitr").hasMessageContaining("Check that");
    }

    @Test
    void aPlatformKeepsItsTablesInItsOwnSchema(@TempDir Path data) {
        try (Orbitr orbitr = Orbitr.builder().noDiscovery().dataDirectory(data).store(database.settings()).build()) {
            assertThat(orbitr.store().description()).contains("(schema t_");
            String schema = orbitr.store().read(connection -> connection.getSchema());
            assertThat(orbitr.store().description()).contains(schema);
            long tables = orbitr.store().read(connection -> JdbcStore.queryLong(connection, "SELECT COUNT(*) FROM"
                    + " information_schema.tables WHERE table_schema = ? AND table_name = 'settings'", schema));
            assertThat(tables).isEqualTo(1);
        }
    }
}
