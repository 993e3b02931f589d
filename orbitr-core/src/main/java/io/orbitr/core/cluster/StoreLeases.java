package io.orbitr.core.cluster;

import io.orbitr.InvalidValueException;
import io.orbitr.cluster.Lease;
import io.orbitr.cluster.Leases;
import io.orbitr.core.store.SqlDialect;
import io.orbitr.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Leases} in the {@code orbitr_leases} table. Taking a lease is one transaction of two atomic statements:
 * an {@code UPDATE} that succeeds only when the row is this server's or has lapsed, else an insert that succeeds
 * only when no row exists ({@code ON CONFLICT DO NOTHING} / {@code MERGE} without an update). Whichever server's
 * statement commits first wins; the other sees zero rows and does not hold the lease.
 */
public final class StoreLeases implements Leases {
    private static final Logger log = LoggerFactory.getLogger(StoreLeases.class);
    private static final int MAX_NAME = 200;
    private static final Duration MAX_TTL = Duration.ofDays(1);

    private final Store store;
    private final String holder;
    private final Clock clock;

    /**
     * @param store  the shared store, migrated with {@link ClusterSchema}
     * @param holder this server's unique name
     * @param clock  judges expiry
     */
    public StoreLeases(Store store, String holder, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.holder = Objects.requireNonNull(holder, "holder");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (holder.isBlank() || holder.length() > MAX_NAME) {
            throw new InvalidValueException("holder", holder, "must be 1 to " + MAX_NAME + " characters");
        }
    }

    @Override
    public String holder() {
        return holder;
    }

    @Override
    public boolean tryAcquire(String name, Duration ttl) {
        requireName(name);
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.compareTo(Duration.ofMillis(1)) < 0 || ttl.compareTo(MAX_TTL) > 0) {
            throw new InvalidValueException("ttl", ttl, "must be between 1 ms and 1 day");
        }
        long now = clock.millis();
        long until = now + ttl.toMillis();
        boolean held = store.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE orbitr_leases SET holder = ?,"
                    + " expires_at = ?, acquired_at = CASE WHEN holder = ? THEN acquired_at ELSE ? END"
                    + " WHERE name = ? AND (holder = ? OR expires_at <= ?)")) {
                update.setString(1, holder);
                update.setLong(2, until);
                update.setString(3, holder);
                update.setLong(4, now);
                update.setString(5, name);
                update.setString(6, holder);
                update.setLong(7, now);
                if (update.executeUpdate() == 1) {
                    return true;
                }
            }
            return insertIfAbsent(connection, name, until, now);
        });
        log.trace("lease {} for {}: {}", name, holder, held ? "held" : "held by another server");
        return held;
    }

    private boolean insertIfAbsent(Connection connection, String name, long until, long now) throws SQLException {
        String sql = SqlDialect.of(connection).insertIfAbsent("orbitr_leases", List.of("name"),
                List.of("name", "holder", "expires_at", "acquired_at"));
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, name);
            insert.setString(2, holder);
            insert.setLong(3, until);
            insert.setLong(4, now);
            return insert.executeUpdate() == 1;
        }
    }

    @Override
    public void release(String name) {
        requireName(name);
        store.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM orbitr_leases WHERE name = ? AND holder = ?")) {
                delete.setString(1, name);
                delete.setString(2, holder);
                return delete.executeUpdate();
            }
        });
    }

    /** Lets every lease of this server go, as it stops. */
    public void releaseAll() {
        store.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM orbitr_leases WHERE holder = ?")) {
                delete.setString(1, holder);
                return delete.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Lease> current(String name) {
        requireName(name);
        return query("SELECT name, holder, expires_at FROM orbitr_leases WHERE name = ? AND expires_at > ?", name)
                .stream().findFirst();
    }

    @Override
    public List<Lease> held() {
        return query("SELECT name, holder, expires_at FROM orbitr_leases WHERE holder = ? AND expires_at > ?"
                + " ORDER BY name", holder);
    }

    /**
     * Renews, in one transaction, every unlapsed lease of this server whose name starts with the prefix: a server
     * that holds many leases keeps them with one round trip.
     *
     * @param prefix the start of the names, without the wildcards {@code %} and {@code _}
     * @param ttl    how long they last from now, 1 ms to 1 day
     * @return the names of the leases renewed (a lease that lapsed is not among them, even if nobody took it yet)
     */
    public java.util.Set<String> renewAll(String prefix, Duration ttl) {
        requirePrefix(prefix);
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.compareTo(Duration.ofMillis(1)) < 0 || ttl.compareTo(MAX_TTL) > 0) {
            throw new InvalidValueException("ttl", ttl, "must be between 1 ms and 1 day");
        }
        long now = clock.millis();
        long until = now + ttl.toMillis();
        return store.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE orbitr_leases SET expires_at = ?"
                    + " WHERE holder = ? AND name LIKE ? AND expires_at > ?")) {
                update.setLong(1, until);
                update.setString(2, holder);
                update.setString(3, prefix + "%");
                update.setLong(4, now);
                update.executeUpdate();
            }
            java.util.Set<String> renewed = new java.util.HashSet<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT name FROM orbitr_leases"
                    + " WHERE holder = ? AND name LIKE ? AND expires_at = ?")) {
                select.setString(1, holder);
                select.setString(2, prefix + "%");
                select.setLong(3, until);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        renewed.add(rows.getString(1));
                    }
                }
            }
            return renewed;
        });
    }

    private static void requirePrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.contains("%") || prefix.contains("_")) {
            throw new InvalidValueException("lease prefix", prefix, "must not contain '%' or '_'");
        }
    }

    /**
     * @param prefix the start of the names wanted, without the wildcards {@code %} and {@code _}
     * @return every unlapsed lease whose name starts with the prefix, whoever holds it, by name
     */
    public List<Lease> all(String prefix) {
        requirePrefix(prefix);
        return query("SELECT name, holder, expires_at FROM orbitr_leases WHERE name LIKE ? AND expires_at > ?"
                + " ORDER BY name", prefix + "%");
    }

    private List<Lease> query(String sql, String key) {
        long now = clock.millis();
        return store.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, key);
                select.setLong(2, now);
                List<Lease> leases = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        leases.add(new Lease(rows.getString(1), rows.getString(2),
                                Instant.ofEpochMilli(rows.getLong(3))));
                    }
                }
                return leases;
            }
        });
    }

    private static void requireName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw new InvalidValueException("lease name", name, "must be 1 to " + MAX_NAME + " characters");
        }
    }
}
