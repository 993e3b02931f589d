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
                "SELECT name FROM orbitr_leases WHERE holder = ? AND name LIKE 'health:shard:%'")) {
            query.setString(1, holder);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    shards.add(Integer.parseInt(rows.getString(1).substring("health:shard:".length())));
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

    /** @return how many times a target was checked twice in one interval (two checks less than half one apart) */
    static long checkedTwice(Map<String, List<Long>> checks, long intervalMillis) {
        long twice = 0;
        for (List<Long> times : checks.values()) {
            for (int i = 1; i < times.size(); i++) {
                if (times.get(i) - times.get(i - 1) < intervalMillis / 2) {
                    twice++;
                }
            }
        }
        return twice;
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
