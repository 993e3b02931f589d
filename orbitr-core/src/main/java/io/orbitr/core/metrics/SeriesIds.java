package io.orbitr.core.metrics;

import io.orbitr.OrbitrException;
import io.orbitr.metrics.Sample;
import io.orbitr.metrics.SeriesKey;
import io.orbitr.store.Store;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry of series ids: a series' name ({@code ts_series}: kind, source, metric) is stored once under a numeric
 * id that blocks and rollups refer to. Ids are cached in a {@link ConcurrentHashMap}, because ingests (under the
 * write lock) and queries (without it) look them up at once; an id enters the cache only once its row committed, and
 * leaves it when {@link SeriesRetention#delete} removed the row (under the write lock, so no ingest re-adds it
 * meanwhile).
 */
final class SeriesIds {
    private static final Logger log = LoggerFactory.getLogger(SeriesIds.class);

    private final Store store;
    private final Map<SeriesKey, Long> ids = new ConcurrentHashMap<>();

    /** @param store the platform's store, migrated with {@link TimeSeriesSchema} */
    SeriesIds(Store store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * The ids of the batch's series; new series are created first, in a transaction of their own, so an ingest that
     * fails later never leaves an id in the cache that the database does not have.
     */
    Map<SeriesKey, Long> resolve(List<Sample> samples) {
        Map<SeriesKey, Long> out = new HashMap<>();
        SeriesKey last = null;
        for (Sample sample : samples) {
            SeriesKey key = sample.key();
            if (key != last && !out.containsKey(key)) {
                out.put(key, ids.computeIfAbsent(key, this::findOrCreate));
            }
            last = key;
        }
        return out;
    }

    /** The series' id, from the cache or the store; empty for a series that never had a sample. */
    Optional<Long> id(SeriesKey key) {
        Objects.requireNonNull(key, "key");
        Long cached = ids.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Long> found = find(key);
        found.ifPresent(id -> ids.putIfAbsent(key, id));
        return found;
    }

    /**
     * Drops the cached ids of a source's series, once their rows were deleted.
     *
     * @return the ids dropped
     */
    List<Long> forget(String kind, String source) {
        List<Long> gone = new ArrayList<>();
        ids.entrySet().removeIf(e -> {
            boolean match = e.getKey().kind().equals(kind) && e.getKey().source().equals(source);
            if (match) {
                gone.add(e.getValue());
            }
            return match;
        });
        return gone;
    }

    private long findOrCreate(SeriesKey key) {
        Optional<Long> found = find(key);
        if (found.isPresent()) {
            return found.get();
        }
        try {
            store.inTransaction(connection -> {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO ts_series (kind, source, metric) VALUES (?, ?, ?)")) {
                    bindKey(insert, key);
                    insert.executeUpdate();
                }
                return null;
            });
        } catch (OrbitrException e) {
            // Another platform on the same database created it first: its row is as good as ours.
            log.debug("series {} was created concurrently: {}", key, e.getMessage());
        }
        return find(key).orElseThrow(() -> new OrbitrException("the time series " + key + " could not be created in"
                + " the store (" + store.description() + ")"));
    }

    private Optional<Long> find(SeriesKey key) {
        return store.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT id FROM ts_series WHERE kind = ? AND source = ? AND metric = ?")) {
                bindKey(query, key);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getLong(1)) : Optional.<Long>empty();
                }
            }
        });
    }

    private static void bindKey(PreparedStatement statement, SeriesKey key) throws SQLException {
        statement.setString(1, key.kind());
        statement.setString(2, key.source());
        statement.setString(3, key.metric());
    }
}
