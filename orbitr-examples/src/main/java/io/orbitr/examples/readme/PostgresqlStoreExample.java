package io.orbitr.examples.readme;

import io.orbitr.cluster.Leases;
import io.orbitr.core.Orbitr;
import io.orbitr.store.PostgresqlSettings;
import java.nio.file.Path;
import java.time.Duration;

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
                .dataDirectory(Path.of("/var/lib/myapp/orbitr"))    // still holds secret.key and proxy files
                .store(PostgresqlSettings.builder("jdbc:postgresql://db.internal:5432/orbitr")
                        .user("orbitr")
                        .passwordFile(Path.of("/run/secrets/orbitr-db")) // or .passwordFromEnvironment("ORBITR_DB_PASSWORD")
                        .maxPoolSize(10)                                  // HikariCP; default 10
                        .schema("orbitr")                                 // optional; created when absent
                        .build())
                .build()) {
            System.out.println(orbitr.store().description()); // jdbc:postgresql://db.internal:5432/orbitr as orbitr (schema orbitr)

            // The README's "Several servers on one PostgreSQL" example.
            Leases leases = orbitr.leases();
            if (leases.tryAcquire("job:nightly-report", Duration.ofSeconds(30))) {
                System.out.println("this server runs the job");
            }
            System.out.println(leases.current("job:nightly-report"));
        }
    }
}
