package io.orbitr.core.process;

import io.orbitr.process.ProcessSpec.StopSignal;
import io.orbitr.store.Store;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The supervisor's rows in {@code supervised_processes} (see {@link ProcessSchema}): one per run that has been
 * launched and not yet seen end. Without a store (a host's own supervisor) it keeps nothing. Each call is one
 * transaction, committed before it returns. Thread-safe.
 */
final class ProcessRecords {
    private final Optional<Store> store;
    private final String bootId;
    private final ProcessRecord.Host host = ProcessRecord.Host.current();

    /**
     * @param store  where runs are recorded; empty to record nothing
     * @param bootId this boot's id, recorded with each run
     */
    ProcessRecords(Optional<Store> store, String bootId) {
        this.store = store;
        this.bootId = bootId;
    }

    /** @return this JVM, recorded as the host of each run */
    ProcessRecord.Host host() {
        return host;
    }

    /** @return the id of the boot runs are recorded in */
    String bootId() {
        return bootId;
    }

    /** @return whether runs are recorded at all */
    boolean enabled() {
        return store.isPresent();
    }

    /**
     * Records a run about to be launched. Replaces the row of an earlier run of the name: the supervisor launches
     * a name only once its earlier run has ended.
     */
    void launching(ProcessRecord record) {
        store.ifPresent(s -> s.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM supervised_processes WHERE name = ?")) {
                delete.setString(1, record.name());
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO supervised_processes (name,"
                    + " run_token, pid, process_group, start_ticks, boot_id, stop_signal, grace_ms, started_at,"
                    + " host_pid, host_start_ticks) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, record.name());
                insert.setString(2, record.runToken());
                insert.setLong(3, record.pid());
                insert.setLong(4, record.processGroup());
                insert.setLong(5, record.startTicks());
                insert.setString(6, record.bootId());
                insert.setString(7, record.stopSignal().name());
                insert.setLong(8, record.gracePeriod().toMillis());
                insert.setLong(9, record.startedAt().toEpochMilli());
                insert.setLong(10, record.host().pid());
                insert.setLong(11, record.host().startTicks());
                insert.executeUpdate();
            }
            return null;
        }));
    }

    /** Adds the pid, process group and start time of a launched run. */
    void launched(ProcessRecord record) {
        store.ifPresent(s -> s.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE supervised_processes SET pid = ?,"
                    + " process_group = ?, start_ticks = ? WHERE name = ? AND run_token = ?")) {
                update.setLong(1, record.pid());
                update.setLong(2, record.processGroup());
                update.setLong(3, record.startTicks());
                update.setString(4, record.name());
                update.setString(5, record.runToken());
                update.executeUpdate();
            }
            return null;
        }));
    }

    /** Forgets a run that has ended and been reaped (or was found dead or stopped at start). Idempotent. */
    void ended(String name, String runToken) {
        store.ifPresent(s -> s.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM supervised_processes WHERE name = ? AND run_token = ?")) {
                delete.setString(1, name);
                delete.setString(2, runToken);
                delete.executeUpdate();
            }
            return null;
        }));
    }

    /** @return every recorded run, by name */
    List<ProcessRecord> all() {
        return store.map(s -> s.read(connection -> {
            List<ProcessRecord> records = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT name, run_token, pid, process_group,"
                    + " start_ticks, boot_id, stop_signal, grace_ms, started_at, host_pid, host_start_ticks"
                    + " FROM supervised_processes ORDER BY name");
                    ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    records.add(new ProcessRecord(rows.getString(1), rows.getString(2), rows.getLong(3),
                            rows.getLong(4), rows.getLong(5), rows.getString(6), signal(rows.getString(7)),
                            Duration.ofMillis(rows.getLong(8)), Instant.ofEpochMilli(rows.getLong(9)),
                            new ProcessRecord.Host(rows.getLong(10), rows.getLong(11))));
                }
            }
            return records;
        })).orElse(List.of());
    }

    /** A row written by a later Orbitr may name a signal this one does not know: TERM is the safe reading. */
    private static StopSignal signal(String name) {
        try {
            return StopSignal.valueOf(name);
        } catch (IllegalArgumentException e) {
            return StopSignal.TERM;
        }
    }
}
