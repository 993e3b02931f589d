package io.orbitr.core.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.UnavailableException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The JDBC URL read into libpq's environment; the password never in a message; the store format read back. */
@Timeout(10)
class PostgresqlLoginTest {

    @Test
    void theUrlBecomesLibpqsEnvironment() {
        PostgresqlLogin login = PostgresqlLogin.parse("jdbc:postgresql://db.internal:6432/orbitr%20prod?sslmode=require"
                + "&user=ignored", "orbitr", Optional.of("s3cret"), "orbitr");
        assertThat(login.environment()).containsEntry("PGHOST", "db.internal").containsEntry("PGPORT", "6432")
                .containsEntry("PGDATABASE", "orbitr prod").containsEntry("PGUSER", "orbitr")
                .containsEntry("PGPASSWORD", "s3cret").containsEntry("PGSSLMODE", "require");
        assertThat(login.toString()).doesNotContain("s3cret");
        assertThat(login.where()).doesNotContain("s3cret").contains("schema orbitr");
    }

    @Test
    void severalHostsIpv6AndDefaults() {
        PostgresqlLogin login = PostgresqlLogin.parse("jdbc:postgresql://a,[::1]:5433/db?user=app", "",
                Optional.empty(), "public");
        assertThat(login.hosts()).isEqualTo("a,::1");
        assertThat(login.ports()).isEqualTo("5432,5433");
        assertThat(login.user()).isEqualTo("app");
        assertThat(login.environment()).doesNotContainKey("PGPASSWORD");
        assertThat(PostgresqlLogin.parse("jdbc:postgresql://h/db", "a", Optional.empty(), "public")
                .sameSchemaAs(PostgresqlLogin.parse("jdbc:postgresql://h:5432/db", "b", Optional.empty(), "public")))
                .isTrue();
    }

    @Test
    void aSchemaThatWouldNeedQuotingIsRefused() {
        assertThatThrownBy(() -> PostgresqlLogin.parse("jdbc:postgresql://h/db", "", Optional.empty(), "My Schema"))
                .isInstanceOf(UnavailableException.class).hasMessageContaining("My Schema");
    }

    @Test
    void theStoreFormatNamesKindAndSchema() {
        StoreFormat written = StoreFormat.postgresql("15.18", "orbitr");
        assertThat(written.text()).isEqualTo("postgresql 15.18 pg_dump custom schema orbitr");
        assertThat(StoreFormat.parse(written.text())).isEqualTo(written);
        assertThat(StoreFormat.parse("h2 2.3.232 BACKUP").kind()).isEqualTo(StoreFormat.Kind.H2);
        assertThat(StoreFormat.parse("postgresql 15 pg_dump custom schema Bad-Name").kind())
                .isEqualTo(StoreFormat.Kind.OTHER);
    }
}
