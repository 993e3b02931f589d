package io.orbitr.jdclient.metrics;

import io.orbitr.InvalidValueException;
import io.orbitr.metrics.Point;
import io.orbitr.metrics.Resolution;
import io.orbitr.metrics.Sample;
import io.orbitr.metrics.SeriesKey;
import io.orbitr.metrics.TimeSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The jd-client instances' metrics in the platform's {@link TimeSeries}: series of kind {@value #KIND}, the source an
 * instance id. Raw samples with per-minute, per-hour and per-day rollups maintained at ingest, range queries and the
 * retention of the kind. Thread-safe, as the time series is.
 */
public final class MetricStore {
    /** The series kind of the instances' metrics. */
    public static final String KIND = "jdclient";
    /** How long samples are kept by default. */
    public static final Duration DEFAULT_RETENTION = TimeSeries.DEFAULT_RETENTION;

    private final TimeSeries series;

    /**
     * @param series    the platform's time series ({@code context.require(TimeSeries.class)})
     * @param retention how long the instances' samples are kept; set as the retention of kind {@value #KIND}
     */
    public MetricStore(TimeSeries series, Duration retention) {
        this.series = Objects.requireNonNull(series, "series");
        Objects.requireNonNull(retention, "retention");
        if (retention.isNegative() || retention.isZero()) {
            throw new InvalidValueException("retention", retention, "must be positive");
        }
        series.retention(KIND, retention);
    }

    /** @return the time series the metrics live in */
    public TimeSeries timeSeries() {
        return series;
    }

    /**
     * @param source an instance id
     * @param metric a metric name (see {@link MetricNames})
     * @return the key of that series
     */
    public static SeriesKey key(String source, String metric) {
        return new SeriesKey(KIND, source, metric);
    }

    /**
     * Stores samples and updates their rollups, in one transaction.
     *
     * @param samples the samples, in any order
     */
    public void ingest(Collection<MetricSample> samples) {
        // One key per series of the batch: a key validates its names, which costs more than the rest of a sample.
        Map<String, Map<String, SeriesKey>> keys = new HashMap<>();
        List<Sample> out = new ArrayList<>(samples.size());
        SeriesKey last = null;
        for (MetricSample s : samples) {
            // Batches mostly hold runs of one series: the previous key is checked before any map.
            if (last == null || !last.metric().equals(s.metric()) || !last.source().equals(s.source())) {
                last = keys.computeIfAbsent(s.source(), source -> new HashMap<>())
                        .computeIfAbsent(s.metric(), metric -> key(s.source(), metric));
            }
            out.add(new Sample(last, s.timestamp(), s.value()));
        }
        series.ingest(out);
    }

    /**
     * @param source an instance id
     * @param metric a metric name
     * @param from   the range's start, inclusive
     * @param to     the range's end, exclusive
     * @param limit  the most samples to return
     * @return the raw samples in the range, oldest first
     */
    public List<MetricSample> raw(String source, String metric, Instant from, Instant to, int limit) {
        return series.raw(key(source, metric), from, to, limit).stream().map(MetricStore::sample).toList();
    }

    /**
     * @param source an instance id
     * @param metric a metric name
     * @return the newest sample, or empty when there is none
     */
    public Optional<MetricSample> latest(String source, String metric) {
        return series.latest(key(source, metric)).map(MetricStore::sample);
    }

    /**
     * @param source an instance id
     * @return the newest sample of each of its metrics, by metric name
     */
    public Map<String, MetricSample> latest(String source) {
        Map<String, MetricSample> out = new LinkedHashMap<>();
        for (String metric : metricNames(source)) {
            latest(source, metric).ifPresent(s -> out.put(metric, s));
        }
        return out;
    }

    /**
     * @param source an instance id
     * @return the names of the metrics it has samples of, sorted
     */
    public List<String> metricNames(String source) {
        return series.series(KIND, source).stream().map(SeriesKey::metric).toList();
    }

    /**
     * @param source an instance id
     * @param metric a metric name
     * @param from   the range's start, inclusive
     * @param to     the range's end, exclusive
     * @return count, sum, min, max and mean over the range, or empty when it holds no sample
     */
    public Optional<Point> summary(String source, String metric, Instant from, Instant to) {
        return series.summary(key(source, metric), from, to);
    }

    /**
     * @param source     an instance id
     * @param metric     a metric name
     * @param from       the range's start, inclusive
     * @param to         the range's end, exclusive
     * @param resolution the bucket size, or {@link Resolution#RAW} for every sample
     * @return one point per bucket that holds samples, oldest first
     */
    public List<Point> series(String source, String metric, Instant from, Instant to, Resolution resolution) {
        return series.range(key(source, metric), resolution, from, to);
    }

    /**
     * @param source an instance id
     * @param from   the range's start, inclusive
     * @param to     the range's end, exclusive
     * @return the percentage of {@link MetricNames#PROCESS_UP} samples that were up, or empty without samples
     */
    public OptionalDouble uptimePercent(String source, Instant from, Instant to) {
        return summary(source, MetricNames.PROCESS_UP, from, to).map(s -> OptionalDouble.of(100.0 * s.avg()))
                .orElse(OptionalDouble.empty());
    }

    /**
     * Deletes samples older than the retention, and rollup buckets that ended before it.
     *
     * @return how many raw samples were deleted
     */
    public long cleanup() {
        return series.purge(KIND);
    }

    /**
     * Deletes every sample and rollup of a source, for example of a deleted instance.
     *
     * @param source an instance id
     */
    public void deleteSource(String source) {
        series.delete(KIND, source);
    }

    private static MetricSample sample(Sample sample) {
        return new MetricSample(sample.key().source(), sample.key().metric(), sample.time(), sample.value());
    }
}
