package io.orbitr.core.metrics;

import io.orbitr.metrics.Resolution;
import io.orbitr.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the samples that the schema migration staged from Orbitr 0.1's {@code metrics} table into blocks, once, when
 * the platform starts. It writes blocks under the time series' write lock (shared with {@link SampleIngest} and
 * {@link SeriesRetention}), so an ingest or purge that starts meanwhile waits rather than interleaving with it.
 * Holds no state of its own.
 */
final class LegacySampleAdoption {
    private static final Logger log = LoggerFactory.getLogger(LegacySampleAdoption.class);

    private final Store store;
    private final ReentrantLock writeLock;

    /**
     * @param store the platform's store, migrated with {@link TimeSeriesSchema}
     * @param writeLock the time series' write lock, serialising ingests, purges, deletes and legacy adoption
     */
    LegacySampleAdoption(Store store, ReentrantLock writeLock) {
        this.store = Objects.requireNonNull(store, "store");
        this.writeLock = Objects.requireNonNull(writeLock, "writeLock");
    }

    /** @see JdbcTimeSeries#adoptLegacySamples() */
    void adopt() {
        if (!store.read(connection -> tableExists(connection, TimeSeriesSchema.LEGACY_TABLE))) {
            return;
        }
        List<Long> series;
        try {
            series = store.read(connection -> {
                List<Long> out = new ArrayList<>();
                try (PreparedStatement query = connection.prepareStatement("SELECT DISTINCT series_id FROM "
                        + TimeSeriesSchema.LEGACY_TABLE); ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        out.add(rows.getLong(1));
                    }
                }
                return out;
            });
        } catch (RuntimeException e) {
            if (!store.read(connection -> tableExists(connection, TimeSeriesSchema.LEGACY_TABLE))) {
                // Another server starting on the same store adopted the samples and dropped the table meanwhile.
                return;
            }
            throw e;
        }
        long moved = 0;
        writeLock.lock();
        try {
            for (long id : series) {
                moved += store.inTransaction(connection -> {
                    Map<RollupKey, Accumulator> minutes = new HashMap<>();
                    try (PreparedStatement query = connection.prepareStatement("SELECT ts, val FROM "
                            + TimeSeriesSchema.LEGACY_TABLE + " WHERE series_id = ?")) {
                        query.setLong(1, id);
                        try (ResultSet rows = query.executeQuery()) {
                            while (rows.next()) {
                                long ts = rows.getLong(1);
                                minutes.computeIfAbsent(new RollupKey(id, Resolution.MINUTE,
                                        Resolution.MINUTE.floor(ts)), k -> new Accumulator(true)).add(ts,
                                        rows.getDouble(2));
                            }
                        }
                    }
                    SampleIngest.insertBlocks(connection, minutes);
                    try (PreparedStatement delete = connection.prepareStatement("DELETE FROM "
                            + TimeSeriesSchema.LEGACY_TABLE + " WHERE series_id = ?")) {
                        delete.setLong(1, id);
                        return (long) delete.executeUpdate();
                    }
                });
            }
            store.inTransaction(connection -> {
                try (java.sql.Statement drop = connection.createStatement()) {
                    // IF EXISTS: another server sharing the store may have moved and dropped it meanwhile.
                    drop.execute("DROP TABLE IF EXISTS " + TimeSeriesSchema.LEGACY_TABLE);
                }
                return null;
            });
        } finally {
            writeLock.unlock();
        }
        if (moved > 0) {
            log.info("moved {} samples of {} series from Orbitr 0.1's metrics table into the time series", moved,
                    series.size());
        }
    }

    private static boolean tableExists(Connection connection, String name) throws SQLException {
        for (String candidate : List.of(name, name.toUpperCase(java.util.Locale.ROOT))) {
            // This schema's only: on a PostgreSQL database shared by several schemas another one may have it.
            try (ResultSet tables = connection.getMetaData().getTables(null, connection.getSchema(),
                    candidate, null)) {
                if (tables.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
