package io.orbitr.jdclient.metrics;

import io.orbitr.jdclient.log.LogLevel;

/** The names of the metrics recorded for each jd-client instance. */
public final class MetricNames {
    /** 1 when the process is alive while it should run, 0 when it should run but is not; uptime % is its mean. */
    public static final String PROCESS_UP = "process.up";
    /** Seconds since the process last started. */
    public static final String UPTIME_SECONDS = "process.uptime_seconds";
    /** How many times the supervisor restarted the process. */
    public static final String RESTARTS = "process.restarts";
    /** CPU use since the previous sample, 100 per fully used core. */
    public static final String CPU_PERCENT = "process.cpu_percent";
    /** Resident memory (VmRSS) in bytes. */
    public static final String RSS_BYTES = "process.rss_bytes";
    /** Output lines not in jd-client's log format (panics, config errors), per collection interval. */
    public static final String LOG_LINES_OTHER = "log.lines.other";
    /** Output lines the log counter did not see because it fell behind (the supervisor said how many). */
    public static final String LOG_LINES_LOST = "log.lines.lost";
    /** The instance's 0-100 health score. */
    public static final String HEALTH_SCORE = "health.score";
    /** Seconds since jd-client started, as its monitoring API reports it. */
    public static final String MONITORING_UPTIME = "monitoring.uptime_seconds";
    /** Total hashrate of the upstream (server) channels, hashes per second. */
    public static final String SERVER_HASHRATE = "monitoring.server_hashrate";
    /** Upstream (server) channels open. */
    public static final String SERVER_CHANNELS = "monitoring.server_channels";
    /** Downstream (client) connections. */
    public static final String CLIENTS = "monitoring.clients";
    /** Downstream (client) channels open. */
    public static final String CLIENT_CHANNELS = "monitoring.client_channels";
    /** Total hashrate of the downstream (client) channels, hashes per second. */
    public static final String CLIENT_HASHRATE = "monitoring.client_hashrate";
    /** Shares accepted upstream (a running total). */
    public static final String SHARES_ACCEPTED = "monitoring.shares_accepted";
    /** Shares rejected upstream (a running total). */
    public static final String SHARES_REJECTED = "monitoring.shares_rejected";

    private MetricNames() {
    }

    /**
     * @param level a log level
     * @return the metric counting that level's lines per collection interval, for example {@code log.lines.warn}
     */
    public static String logLines(LogLevel level) {
        return "log.lines." + level.rustLog();
    }
}
