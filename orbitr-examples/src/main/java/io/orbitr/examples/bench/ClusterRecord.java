package io.orbitr.examples.bench;

import io.orbitr.core.health.PlatformHealthMonitor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the servers of a cluster run left in their shared store, read from the side: which shards a server held,
 * when each target was checked, which notifications were sent. The store is the record: every check is a row of
 * {@code health_results} (stamped with its start) and every notification a row of {@code notifications}.
 */
final class ClusterRecord {
    private final Connection connection;

    /** @param connection a connection to the servers' database, its schema set to theirs */
    ClusterRecord(Connection connection) {
        this.connection = connection;
    }

    /** @return the shards (by number) whose leases the server holds now */
    Set<Integer> shardsOf(String holder) throws SQLException {
        Set<Integer> shards = new HashSet<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT name FROM orbitr_leases WHERE holder = ? AND name LIKE 'health-share:shard:%'")) {
            query.setString(1, holder);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    shards.add(Integer.parseInt(rows.getString(1).substring("health-share:shard:".length())));
                }
            }
        }
        return shards;
    }

    /** @return the start times (epoch ms) of every target's checks since {@code from}, in order, by target */
    Map<String, List<Long>> checks(long from) throws SQLException {
        Map<String, List<Long>> checks = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT target_id, checked_at FROM health_results"
                + " WHERE checked_at >= ? ORDER BY target_id, checked_at")) {
            query.setLong(1, from);
            query.setFetchSize(10_000);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    checks.computeIfAbsent(rows.getString(1), id -> new ArrayList<>()).add(rows.getLong(2));
                }
            }
        }
        return checks;
    }

    /**
     * Checks beyond one per interval: for each target, its checks minus the intervals its checks span, plus one. A
     * target checked every interval gives 0 however late each check starts (up to nine tenths of an interval) (checks are due one interval after the
     * previous one was due, so a late start does not move the next one); two servers checking one target would give
     * about one per interval they both checked it.
     *
     * @return the sum over the targets
     */
    static long extraChecks(Map<String, List<Long>> checks, long intervalMillis) {
        long extra = 0;
        for (List<Long> times : checks.values()) {
            if (times.size() < 2) {
                continue;
            }
            long span = times.get(times.size() - 1) - times.get(0);
            // Nine tenths of an interval of slack on the span: a first check that started late and a last one that
            // started on time still count as due; a second server checking the target for a while does not fit in it.
            long due = (span + intervalMillis * 9 / 10) / intervalMillis + 1;
            extra += Math.max(0, times.size() - due);
        }
        return extra;
    }

    /**
     * @return how long after {@code killedAt} the last of the targets in the given shards was first checked again
     *     (ms); {@code -1} when one of them never was
     */
    static long takeoverMillis(Map<String, List<Long>> checks, List<String> targetIds, Set<Integer> shards,
            long killedAt) {
        long worst = 0;
        for (String id : targetIds) {
            if (!shards.contains(PlatformHealthMonitor.shardOf(id))) {
                continue;
            }
            long first = checks.getOrDefault(id, List.of()).stream().filter(t -> t >= killedAt).findFirst()
                    .orElse(-1L);
            if (first < 0) {
                return -1;
            }
            worst = Math.max(worst, first - killedAt);
        }
        return worst;
    }

    /** @return the notifications that repeat their target's previous one (the same new status, sent twice) */
    List<String> repeatedNotifications() throws SQLException {
        List<String> repeated = new ArrayList<>();
        Map<String, String> previous = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT target_id, from_status, to_status FROM notifications ORDER BY target_id, id");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                String transition = rows.getString(2) + "->" + rows.getString(3);
                if (transition.equals(previous.put(rows.getString(1), transition))) {
                    repeated.add(rows.getString(1) + ":" + transition);
                }
            }
        }
        return repeated;
    }

    /** @return the notifications of each target, as {@code FROM->TO} in order */
    Map<String, List<String>> notifications() throws SQLException {
        Map<String, List<String>> all = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT target_id, from_status, to_status FROM notifications ORDER BY target_id, id");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                all.computeIfAbsent(rows.getString(1), id -> new ArrayList<>())
                        .add(rows.getString(2) + "->" + rows.getString(3));
            }
        }
        return all;
    }
}
