package io.orbitr.examples.readme;

import io.orbitr.core.Orbitr;
import io.orbitr.store.PostgresqlSettings;
import java.nio.file.Path;

/** The README's "The store: H2 or PostgreSQL" example. */
public final class PostgresqlStoreExample {

    private PostgresqlStoreExample() {
    }

    /**
     * Opens a platform on a shared PostgreSQL database.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        try (Orbitr orbitr = Orbitr.builder()
                .dataDirectory(Path.of("/var/lib/myapp/orbitr"))        // still holds secret.key and proxy files
                .store(PostgresqlSettings.builder("jdbc:postgresql://db.internal:5432/orbitr")
                        .user("orbitr")
                        .passwordFile(Path.of("/run/secrets/orbitr-db")) // or .passwordFromEnvironment("PGPASS")
                        .maxPoolSize(10)                                  // HikariCP; default 10
                        .schema("orbitr")                                 // optional; created when absent
                        .build())
                .build()) {
            // jdbc:postgresql://db.internal:5432/orbitr as orbitr (schema orbitr)
            System.out.println(orbitr.store().description());
        }
    }
}
