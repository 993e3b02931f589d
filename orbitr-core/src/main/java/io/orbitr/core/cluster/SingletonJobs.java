package io.orbitr.core.cluster;

import io.orbitr.cluster.Leases;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which server runs a recurring job meant to run once for all the servers sharing a store (the purges of
 * health results and metrics, scheduled backups): the one that holds the job's lease ({@code job:NAME}). A server
 * takes the lease when the job falls due and keeps it while it runs the job, for a little more than the job's
 * period; the others skip the job until it lapses, which happens when its holder dies. With a store of its own
 * (embedded H2) a server runs every job without asking the store. Thread-safe.
 */
public final class SingletonJobs {
    private static final Logger log = LoggerFactory.getLogger(SingletonJobs.class);
    private static final Duration MAX_TTL = Duration.ofDays(1);

    private final Leases leases;
    private final boolean shared;

    /**
     * @param leases this server's leases
     * @param shared whether other servers may share the store (PostgreSQL); when not, every job runs here
     */
    public SingletonJobs(Leases leases, boolean shared) {
        this.leases = Objects.requireNonNull(leases, "leases");
        this.shared = shared;
    }

    /**
     * Asked when the job is due: whether this server runs it now.
     *
     * @param job   the job's name, e.g. {@code health-purge}
     * @param every the job's period: the lease lasts this plus a margin (at most a day), so that its holder keeps it
     * @return whether to run it here; false when another live server runs it, or when the store does not answer
     */
    public boolean mayRun(String job, Duration every) {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(every, "every");
        if (!shared) {
            return true;
        }
        Duration ttl = every.plus(every.dividedBy(2)).plusMinutes(1);
        try {
            boolean mine = leases.tryAcquire("job:" + job, ttl.compareTo(MAX_TTL) > 0 ? MAX_TTL : ttl);
            if (!mine) {
                log.debug("job {} runs on another server", job);
            }
            return mine;
        } catch (RuntimeException e) {
            log.warn("cannot take the lease of job {}; it is skipped this time: {}", job, e.toString());
            return false;
        }
    }
}
