package io.orbitr.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Named leases in the shared store, so that a job meant to run once (a target's health check, retention, a
 * scheduled backup) runs on one server at a time: a server takes a lease for a time to live and renews it while it
 * works; a server that dies stops renewing, its lease lapses after the TTL, and another server takes it. With one
 * server (the embedded H2 store) every lease is simply its own.
 *
 * <p>Expiry is judged by the clock of the server that asks (the platform's clock): keep the servers' clocks in step
 * (NTP) and choose a TTL well above their drift. Thread-safe.
 */
public interface Leases {

    /** @return this server's name as a lease holder (unique per running platform) */
    String holder();

    /**
     * Takes the lease when it is free or has lapsed, or renews it when this server holds it.
     *
     * @param name the lease's name, 1 to 200 characters
     * @param ttl  how long it lasts without renewal, 1 ms to 1 day
     * @return whether this server holds the lease now
     * @throws io.orbitr.InvalidValueException when the name or TTL is out of range
     */
    boolean tryAcquire(String name, Duration ttl);

    /**
     * Lets a lease go at once, so another server takes it without waiting for the TTL; nothing happens when this
     * server does not hold it.
     *
     * @param name the lease's name
     */
    void release(String name);

    /**
     * @param name the lease's name
     * @return who holds it, when someone does and it has not lapsed
     */
    Optional<Lease> current(String name);

    /** @return the leases this server holds now (unlapsed), by name */
    List<Lease> held();
}
