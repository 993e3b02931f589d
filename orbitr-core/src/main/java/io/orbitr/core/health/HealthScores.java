package io.orbitr.core.health;

import io.orbitr.health.HealthScore;
import io.orbitr.health.HealthStatus;
import io.orbitr.health.ResponseTimes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The health-score formula documented on {@link HealthScore}, as pure functions of a target's status, its recent
 * results and its window figures, so it is tested on hand-built histories.
 */
final class HealthScores {
    /** How many of the latest results make the recent part. */
    static final int RECENT = 10;
    /** The window of the uptime and response-time parts. */
    static final Duration WINDOW = Duration.ofHours(24);
    private static final double FAST_MILLIS = 200;
    private static final double SLOW_CAP_MILLIS = 5_000;

    private HealthScores() {
    }

    /**
     * @param current the target's status now
     * @param recent  the statuses of its latest results, newest first (at most {@link #RECENT} are used)
     * @param window  its figures over {@link #WINDOW}
     * @param timeout its timeout
     * @return its score; empty when it is paused or has no result
     */
    static Optional<HealthScore> target(HealthStatus current, List<HealthStatus> recent, HealthHistory.Window window,
            Duration timeout) {
        if (current == HealthStatus.PAUSED || recent.isEmpty()) {
            return Optional.empty();
        }
        double now = value(current);
        double recentPart = recent.stream().limit(RECENT).mapToDouble(HealthScores::value).average().orElse(now);
        double uptime = window.judged() == 0 ? recentPart : (double) window.up() / window.judged();
        double response = window.times().map(t -> response(t, timeout)).orElse(1.0);
        int score = (int) Math.round(100 * (0.40 * now + 0.30 * recentPart + 0.20 * uptime + 0.10 * response));
        return Optional.of(new HealthScore(score, now, recentPart, uptime, response,
                window.judged() + window.unknown()));
    }

    /**
     * @param members the scores of a group's scored members
     * @return score {@code round(0.75 * mean + 0.25 * worst)} with each part the members' mean, empty for none
     */
    static Optional<HealthScore> group(List<HealthScore> members) {
        if (members.isEmpty()) {
            return Optional.empty();
        }
        double mean = members.stream().mapToInt(HealthScore::score).average().orElse(0);
        int worst = members.stream().mapToInt(HealthScore::score).min().orElse(0);
        return Optional.of(new HealthScore((int) Math.round(0.75 * mean + 0.25 * worst),
                members.stream().mapToDouble(HealthScore::current).average().orElse(0),
                members.stream().mapToDouble(HealthScore::recent).average().orElse(0),
                members.stream().mapToDouble(HealthScore::uptime).average().orElse(0),
                members.stream().mapToDouble(HealthScore::response).average().orElse(0),
                members.stream().mapToLong(HealthScore::samples).sum()));
    }

    private static double response(ResponseTimes times, Duration timeout) {
        double slow = Math.min(timeout.toMillis(), SLOW_CAP_MILLIS);
        if (slow <= FAST_MILLIS) {
            return times.averageMillis() <= slow ? 1.0 : 0.0;
        }
        double part = 1 - (times.averageMillis() - FAST_MILLIS) / (slow - FAST_MILLIS);
        return Math.max(0, Math.min(1, part));
    }

    private static double value(HealthStatus status) {
        return switch (status) {
            case UP -> 1.0;
            case DOWN -> 0.0;
            default -> 0.5;
        };
    }
}
