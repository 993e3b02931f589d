package io.orbitr.examples.readme;

import io.orbitr.cluster.Lease;
import io.orbitr.cluster.Leases;
import io.orbitr.core.Orbitr;
import io.orbitr.store.PasswordSource;
import io.orbitr.store.PostgresqlSettings;
import java.time.Duration;
import java.util.Optional;

/** The README's "Several servers on one PostgreSQL" example. */
public final class LeasesExample {

    private LeasesExample() {
    }

    /**
     * Runs a job on one of the servers sharing the store.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        try (Orbitr orbitr = Orbitr.builder().store(PostgresqlSettings.parse("postgresql://orbitr@db.internal/orbitr",
                PasswordSource.environment("ORBITR_DB_PASSWORD"))).build()) {
            Leases leases = orbitr.leases();
            if (leases.tryAcquire("job:nightly-report", Duration.ofSeconds(30))) {
                // This server runs the job; it takes the lease again within 30 s to keep it while the job runs.
                System.out.println("running the nightly report on " + leases.holder());
            }
            Optional<Lease> holder = leases.current("job:nightly-report"); // who holds it, until when
            System.out.println(holder);
        }
    }
}
