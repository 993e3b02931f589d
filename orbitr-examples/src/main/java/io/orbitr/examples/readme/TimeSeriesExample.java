package io.orbitr.examples.readme;

import io.orbitr.core.Orbitr;
import io.orbitr.metrics.Point;
import io.orbitr.metrics.Resolution;
import io.orbitr.metrics.Sample;
import io.orbitr.metrics.SeriesKey;
import io.orbitr.metrics.StatsHistory;
import io.orbitr.metrics.StatsHistorySettings;
import io.orbitr.metrics.StatsPoint;
import io.orbitr.metrics.TimeSeries;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The README's "Time series and container stats history" example. */
public final class TimeSeriesExample {

    private TimeSeriesExample() {
    }

    /**
     * Records a series of its own, reads it by hour, and reads a container's recorded stats by minute.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        try (Orbitr orbitr = Orbitr.builder().dataDirectory(Path.of("orbitr-data"))
                .statsHistory(StatsHistorySettings.parse("10s", "7d"))   // the defaults; "off" turns recording off
                .build()) {
            TimeSeries series = orbitr.timeSeries();
            SeriesKey temperature = SeriesKey.of("sensor", "hall", "temperature");
            Instant now = Instant.now();
            series.ingest(List.of(new Sample(temperature, now.minusSeconds(60), 21.5),
                    new Sample(temperature, now, 22.0)));
            series.retention("sensor", Duration.ofDays(30));             // per kind; 7 days unless set
            for (Point p : series.range(temperature, Resolution.HOUR, now.minus(Duration.ofDays(1)), now.plusMillis(1))) {
                System.out.printf("%s avg %.1f min %.1f max %.1f (%d samples)%n", p.time(), p.avg(), p.min(), p.max(),
                        p.count());
            }

            StatsHistory stats = orbitr.statsHistory();
            for (StatsPoint p : stats.history("web-1", Resolution.MINUTE, now.minus(Duration.ofHours(1)), now)) {
                System.out.printf("%s cpu %.1f%% (max %.1f%%) memory %d bytes, rx %d tx %d%n", p.time(),
                        p.cpuPercent(), p.cpuPercentMax(), p.memoryBytes(), p.networkRxBytes(), p.networkTxBytes());
            }
        }
    }
}
