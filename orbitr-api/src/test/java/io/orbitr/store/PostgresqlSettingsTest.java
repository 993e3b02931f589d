package io.orbitr.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.InvalidValueException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PostgresqlSettingsTest {

    @Test
    void aLibpqUriBecomesAJdbcUrlWithItsUser() {
        PostgresqlSettings settings = PostgresqlSettings.parse(
                "postgresql://orbitr@db.example:5433/orbitr?sslmode=require", PasswordSource.environment("PGPASS"));
        assertThat(settings.url()).isEqualTo("jdbc:postgresql://db.example:5433/orbitr?sslmode=require");
        assertThat(settings.user()).isEqualTo("orbitr");
        assertThat(settings.password()).isEqualTo(PasswordSource.environment("PGPASS"));
        assertThat(settings.maxPoolSize()).isEqualTo(10);
        assertThat(PostgresqlSettings.parse("jdbc:postgresql://localhost/orbitr", PasswordSource.none()).url())
                .isEqualTo("jdbc:postgresql://localhost/orbitr");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql://orbitr:s3cret@db/orbitr", "jdbc:postgresql://db/orbitr?password=s3cret"})
    void aPasswordInTheUriIsRefusedWithoutShowingIt(String uri) {
        assertThatThrownBy(() -> PostgresqlSettings.parse(uri, PasswordSource.none()))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("must not hold the password")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void badFieldsAreNamed() {
        assertThatThrownBy(() -> PostgresqlSettings.parse("mysql://db/orbitr", PasswordSource.none()))
                .hasMessageContaining("postgresql://");
        assertThatThrownBy(() -> PostgresqlSettings.builder("jdbc:postgresql://db/o").maxPoolSize(0).build())
                .hasMessageContaining("maxPoolSize");
        assertThatThrownBy(() -> PostgresqlSettings.builder("jdbc:postgresql://db/o").schema("Bad-Name").build())
                .hasMessageContaining("schema 'Bad-Name'");
        assertThatThrownBy(() -> PasswordSource.environment("NOT A NAME")).hasMessageContaining("variable name");
    }

    @Test
    void theDescriptionNamesWhereThePasswordComesFromNeverThePassword() {
        PostgresqlSettings settings = PostgresqlSettings.builder("jdbc:postgresql://db/orbitr").user("orbitr")
                .passwordFile(Path.of("/run/secrets/db")).schema("edge").build();
        assertThat(settings.toString()).isEqualTo(
                "PostgreSQL jdbc:postgresql://db/orbitr as orbitr, password from file /run/secrets/db, schema edge");
        assertThat(settings.kind()).isEqualTo("postgresql");
        assertThat(StoreSettings.h2().kind()).isEqualTo("h2");
    }
}
