package io.orbitr.health;

/**
 * How the monitor itself keeps up: counts since it started (or since metrics were last reset) and the lateness of
 * check starts against their due times.
 *
 * @param targets           targets monitored now (paused ones included)
 * @param checksStarted     checks started
 * @param checksCompleted   checks that produced a result (timeouts included)
 * @param timeouts          checks the monitor timed out
 * @param resultsStored     results written to the history
 * @param resultsDropped    results not stored because the history writer fell too far behind
 * @param pendingWrites     results waiting to be written
 * @param latenessP50Millis the median delay between a check's due time and its start
 * @param latenessP99Millis the 99th percentile of that delay
 * @param latenessMaxMillis the largest delay
 * @param onTimeShare       the share of checks started within 100 ms of their due time, 1 when none started
 */
public record MonitorMetrics(int targets, long checksStarted, long checksCompleted, long timeouts,
        long resultsStored, long resultsDropped, long pendingWrites, long latenessP50Millis, long latenessP99Millis,
        long latenessMaxMillis, double onTimeShare) {
}
