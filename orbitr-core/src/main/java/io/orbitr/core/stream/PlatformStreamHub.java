package io.orbitr.core.stream;

import io.orbitr.InvalidValueException;
import io.orbitr.MissingProviderException;
import io.orbitr.OrbitrException;
import io.orbitr.engine.EngineStreams;
import io.orbitr.stream.LogDownloads;
import io.orbitr.stream.LogLine;
import io.orbitr.stream.LogOptions;
import io.orbitr.stream.LogSource;
import io.orbitr.stream.StatsSample;
import io.orbitr.stream.StatsSource;
import io.orbitr.stream.StreamHub;
import io.orbitr.stream.StreamSubscriber;
import io.orbitr.stream.Subscription;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's {@link StreamHub}: shared streams over a bounded ring each, served to subscribers in delivery
 * groups (see {@link DeliveryGroup}). Container streams are keyed by endpoint and container id
 * ({@code edge/3f2a...}), so one id on two engines is two streams; a stream whose endpoint stops answering reconnects
 * with backoff like any other, while the other endpoints' streams go on.
 *
 * <p>Thread-safe. Built with {@link #builder()}; {@code Orbitr#streams()} gives the platform's own, which the
 * platform closes.
 */
public final class PlatformStreamHub implements StreamHub, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PlatformStreamHub.class);
    private static final String LOCAL = io.orbitr.engine.EngineSettings.LOCAL;

    private final Function<String, EngineStreams> engineSupplier;
    private final HubContext context;
    private final List<AutoCloseable> owned = new ArrayList<>();
    private final Map<String, LogChannel> logChannels = new ConcurrentHashMap<>();
    private final Map<String, StatsChannel> statsChannels = new ConcurrentHashMap<>();
    /**
     * Containers as subscribers named them (name or id) to the key of their open stream, so that joining an open
     * stream costs no engine call: a hundred viewers of one container make one inspect, not a hundred. Names are
     * unique on an engine, and a removed container's stream ends (and its names are forgotten) as it goes.
     */
    private final Map<String, String> logKeys = new ConcurrentHashMap<>();
    private final Map<String, String> statsKeys = new ConcurrentHashMap<>();
    /** Each endpoint's streams, opened on first use and closed with the hub or when the endpoint changes. */
    private final Map<String, EngineStreams> engineStreams = new HashMap<>();
    private final LogDownloads downloads = new PlatformLogDownloads();
    private volatile boolean closed;

    private PlatformStreamHub(Builder builder) {
        this.engineSupplier = builder.engine;
        Executor delivery = builder.delivery;
        if (delivery == null) {
            ExecutorService pool = Executors.newCachedThreadPool(daemonThreads("orbitr-stream-delivery-"));
            // Gracefully: the last deliveries (the "hub closed" ends) still run; a stalled subscriber keeps its thread.
            owned.add(pool::shutdown);
            delivery = pool;
        }
        ScheduledExecutorService scheduler = builder.scheduler;
        if (scheduler == null) {
            ScheduledExecutorService own = Executors.newSingleThreadScheduledExecutor(daemonThreads("orbitr-stream-"));
            // Gracefully: a delivery watchdog still due frees the subscribers held up behind a stalled one, so that
            // they get their end. Reconnects still due were cancelled as their streams ended.
            owned.add(own::shutdown);
            scheduler = own;
        }
        this.context = new HubContext(delivery, scheduler, builder.clock, builder.backoff, builder.random,
                builder.replayLines, builder.replaySamples, builder.queueCapacity.orElse(builder.replayLines),
                builder.resumeTail, builder.wakeInterval, builder.isolateAfter, builder.rejoinAfter, builder.ticker,
                this::forget);
    }

    /** @return a builder with the defaults: no engine, own threads, 8192 lines of replay */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Subscription containerLogs(String engine, String container, LogOptions options,
            StreamSubscriber<LogLine> subscriber) {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(subscriber, "subscriber");
        int queue = queueCapacity(options);
        requireOpen();
        if (options.follow()) {
            LogChannel open = channel(logChannels, logKeys, engine + "/" + container);
            HubSubscription<LogLine> joined = open == null ? null : open.subscribe(subscriber, options, queue);
            if (joined != null) {
                return joined;
            }
        }
        LogSource source = engine(engine).logs(container);
        Subscription subscription = logs(source, options, subscriber);
        if (options.follow()) {
            logKeys.put(engine + "/" + container, source.key());
        }
        return subscription;
    }

    @Override
    public Subscription serviceLogs(String engine, String service, LogOptions options,
            StreamSubscriber<LogLine> subscriber) {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(service, "service");
        requireOpen();
        return logs(engine(engine).serviceLogs(service), options, subscriber);
    }

    @Override
    public Subscription containerStats(String engine, String container, StreamSubscriber<StatsSample> subscriber) {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(subscriber, "subscriber");
        requireOpen();
        StatsChannel open = channel(statsChannels, statsKeys, engine + "/" + container);
        HubSubscription<StatsSample> joined = open == null ? null : open.subscribe(subscriber, context.replaySamples());
        if (joined != null) {
            return joined;
        }
        StatsSource source = engine(engine).stats(container);
        Subscription subscription = stats(source, subscriber);
        statsKeys.put(engine + "/" + container, source.key());
        return subscription;
    }

    @Override
    public Subscription logs(LogSource source, LogOptions options, StreamSubscriber<LogLine> subscriber) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(subscriber, "subscriber");
        int queue = queueCapacity(options);
        requireOpen();
        if (!options.follow()) {
            // A read that does not follow is private: it must not reshape a shared stream's history.
            return new LogChannel(context, source, options, true).subscribe(subscriber, options, queue);
        }
        while (true) {
            LogChannel channel = logChannels.computeIfAbsent(source.key(),
                    key -> new LogChannel(context, source, options, false));
            HubSubscription<LogLine> subscription = channel.subscribe(subscriber, options, queue);
            if (subscription != null) {
                return subscription;
            }
            // It ended between the lookup and the join: make a new one.
            logChannels.remove(source.key(), channel);
            requireOpen();
        }
    }

    @Override
    public Subscription stats(StatsSource source, StreamSubscriber<StatsSample> subscriber) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(subscriber, "subscriber");
        requireOpen();
        while (true) {
            StatsChannel channel = statsChannels.computeIfAbsent(source.key(), key -> new StatsChannel(context, source));
            HubSubscription<StatsSample> subscription = channel.subscribe(subscriber, context.replaySamples());
            if (subscription != null) {
                return subscription;
            }
            statsChannels.remove(source.key(), channel);
            requireOpen();
        }
    }

    @Override
    public LogSource containerLog(String engine, String container) {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(container, "container");
        requireOpen();
        return engine(engine).logs(container);
    }

    @Override
    public LogDownloads downloads() {
        return downloads;
    }

    @Override
    public int openStreams() {
        return logChannels.size() + statsChannels.size();
    }

    /**
     * Ends every stream (subscribers complete with "the stream hub closed"), closes the engine's streams and shuts
     * the hub's own threads down once they have made the last deliveries; a subscriber stalled in its callback keeps
     * its thread until it returns. Idempotent.
     */
    @Override
    public void close() {
        List<EngineStreams> engines;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            engines = List.copyOf(engineStreams.values());
            engineStreams.clear();
        }
        for (SharedStream<?> stream : List.<SharedStream<?>>copyOf(logChannels.values())) {
            stream.shutdown("the stream hub closed");
        }
        for (SharedStream<?> stream : List.<SharedStream<?>>copyOf(statsChannels.values())) {
            stream.shutdown("the stream hub closed");
        }
        engines.forEach(EngineStreams::close);
        for (AutoCloseable closeable : owned) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.debug("closing the stream hub's threads failed", e);
            }
        }
    }

    private synchronized EngineStreams engine(String endpoint) {
        EngineStreams streams = engineStreams.get(endpoint);
        if (streams == null) {
            streams = engineSupplier.apply(endpoint);
            engineStreams.put(endpoint, streams);
        }
        return streams;
    }

    /**
     * An endpoint was saved anew or removed: its streams end (subscribers are told why, and may subscribe again)
     * and its engine streams are closed; the next subscription opens them anew. Other endpoints are untouched.
     *
     * @param endpoint the endpoint's name
     */
    public void endpointChanged(String endpoint) {
        EngineStreams streams;
        synchronized (this) {
            streams = engineStreams.remove(endpoint);
        }
        String prefix = endpoint + "/";
        String why = "the engine endpoint " + endpoint + " changed; subscribe again";
        for (LogChannel channel : List.copyOf(logChannels.values())) {
            if (channel.key().startsWith(prefix)) {
                channel.shutdown(why);
            }
        }
        for (StatsChannel channel : List.copyOf(statsChannels.values())) {
            if (channel.key().startsWith(prefix)) {
                channel.shutdown(why);
            }
        }
        if (streams != null) {
            streams.close();
        }
    }

    /** @return how many delivery groups serve the shared log stream of a source key (0 when none is open) */
    int deliveryGroups(String key) {
        LogChannel channel = logChannels.get(key);
        return channel == null ? 0 : channel.groupCount();
    }

    private void forget(SharedStream<?> stream) {
        if (stream instanceof LogChannel channel && logChannels.remove(channel.key(), channel)) {
            logKeys.values().removeIf(channel.key()::equals);
        } else if (stream instanceof StatsChannel channel && statsChannels.remove(channel.key(), channel)) {
            statsKeys.values().removeIf(channel.key()::equals);
        }
    }

    /** @return the open stream of a container named as a subscriber named it before, or null */
    private static <C> C channel(Map<String, C> channels, Map<String, String> keys, String container) {
        String key = keys.get(container);
        return key == null ? null : channels.get(key);
    }

    private int queueCapacity(LogOptions options) {
        int queue = options.queueCapacity().orElse(context.queueCapacity());
        if (queue > context.replayLines()) {
            throw new InvalidValueException("queueCapacity", queue, "must be at most the hub's replay buffer of "
                    + context.replayLines() + " lines");
        }
        return queue;
    }

    private void requireOpen() {
        if (closed) {
            throw new OrbitrException("the stream hub is closed");
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Builds a {@link PlatformStreamHub}. Not thread-safe; build once. */
    public static final class Builder {
        private Function<String, EngineStreams> engine = endpoint -> {
            throw new MissingProviderException("provider of ContainerEngine", "orbitr-docker");
        };
        private Executor delivery;
        private ScheduledExecutorService scheduler;
        private Clock clock = Clock.systemUTC();
        private Backoff backoff = Backoff.DEFAULT;
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
        private int replayLines = 8192;
        private int replaySamples = 64;
        private OptionalInt queueCapacity = OptionalInt.empty();
        private int resumeTail = 10_000;
        private Duration wakeInterval = Duration.ofMillis(20);
        private Duration isolateAfter = Duration.ofMillis(50);
        private Duration rejoinAfter = Duration.ofSeconds(1);
        private LongSupplier ticker = System::nanoTime;

        private Builder() {
        }

        /**
         * @param streams gives the container engine's streams on first use (the hub closes them); without it,
         *                container subscriptions fail with {@link MissingProviderException}
         * @return this builder
         */
        public Builder engine(Supplier<EngineStreams> streams) {
            Objects.requireNonNull(streams, "streams");
            return engines(endpoint -> {
                if (!endpoint.equals(LOCAL)) {
                    throw new io.orbitr.NotFoundException("engine endpoint", endpoint);
                }
                return streams.get();
            });
        }

        /**
         * @param streams gives an engine endpoint's streams, by the endpoint's name, on first use (the hub closes
         *                them); it throws {@link io.orbitr.NotFoundException} for an unknown endpoint
         * @return this builder
         */
        public Builder engines(Function<String, EngineStreams> streams) {
            this.engine = Objects.requireNonNull(streams, "streams");
            return this;
        }

        /**
         * @param executor runs the subscribers' deliveries (default: the hub's own pool). Subscribers of one stream
         *                 are served together, up to 64 by one task; one that holds its task up gets a task of its
         *                 own (see {@link #isolateAfter(Duration)})
         * @return this builder
         */
        public Builder delivery(Executor executor) {
            this.delivery = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * @param executor runs the delayed reconnects (default: the hub's own thread); the caller keeps ownership
         * @return this builder
         */
        public Builder scheduler(ScheduledExecutorService executor) {
            this.scheduler = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * @param value measures outages for the reconnect events
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * @param value the waits between reconnects
         * @return this builder
         */
        public Builder backoff(Backoff value) {
            this.backoff = Objects.requireNonNull(value, "backoff");
            return this;
        }

        /**
         * @param value numbers in [0, 1) that place each wait inside the backoff's jitter (tests give a constant)
         * @return this builder
         */
        public Builder random(DoubleSupplier value) {
            this.random = Objects.requireNonNull(value, "random");
            return this;
        }

        /**
         * @param lines the replay buffer of each log stream (rounded up to a power of two), default 8192
         * @return this builder
         */
        public Builder replayLines(int lines) {
            this.replayLines = atLeast("replayLines", lines, 2);
            return this;
        }

        /**
         * @param samples the replay buffer of each stats stream, default 64
         * @return this builder
         */
        public Builder replaySamples(int samples) {
            this.replaySamples = atLeast("replaySamples", samples, 2);
            return this;
        }

        /**
         * @param lines how far a subscriber may fall behind before it loses its oldest lines, unless it asks
         *              otherwise; default and maximum: the replay buffer
         * @return this builder
         */
        public Builder queueCapacity(int lines) {
            this.queueCapacity = OptionalInt.of(atLeast("queueCapacity", lines, 1));
            return this;
        }

        /**
         * @param lines how many of the last lines a resumed read asks for before falling back to every line since
         *              the break (which an engine finds only by scanning the whole log), default 10000
         * @return this builder
         */
        public Builder resumeTail(int lines) {
            this.resumeTail = atLeast("resumeTail", lines, 1);
            return this;
        }

        /**
         * @param interval the least time between two wake-ups of a stream's subscribers while items pour in
         *                 (default 20 ms; zero wakes them for every batch the source delivers). The first items after
         *                 a quiet spell are delivered at once; under load a subscriber reads all that came in the
         *                 interval in one go, which is what lets one stream feed many subscribers
         * @return this builder
         */
        public Builder wakeInterval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative()) {
                throw new InvalidValueException("wakeInterval", interval, "must not be negative");
            }
            this.wakeInterval = interval;
            return this;
        }

        /**
         * @param limit how long one subscriber's callbacks may hold up the delivery task it shares with other
         *              subscribers of the stream (default 50 ms). A subscriber that takes longer (it blocks, or works
         *              slowly on each line) is moved to a task and thread of its own, and the others go on: a
         *              stalled subscriber delays the rest once, by at most about this much, and never again. It is
         *              moved sooner when waiting for it would cost the others lines
         * @return this builder
         */
        public Builder isolateAfter(Duration limit) {
            Objects.requireNonNull(limit, "limit");
            if (limit.isNegative() || limit.isZero()) {
                throw new InvalidValueException("isolateAfter", limit, "must be positive");
            }
            this.isolateAfter = limit;
            return this;
        }

        /**
         * @param period how long a subscriber that was moved to a thread of its own must keep up (every turn well
         *               under the isolation limit, and caught up with the stream) before it rejoins a shared group
         *               and gives its thread back (default 1 s)
         * @return this builder
         */
        public Builder rejoinAfter(Duration period) {
            Objects.requireNonNull(period, "period");
            if (period.isNegative()) {
                throw new InvalidValueException("rejoinAfter", period, "must not be negative");
            }
            this.rejoinAfter = period;
            return this;
        }

        /** Nanoseconds for the wake interval and the delivery watchdog; tests give a controllable one. */
        Builder ticker(LongSupplier nanos) {
            this.ticker = Objects.requireNonNull(nanos, "nanos");
            return this;
        }

        /** @return the hub */
        public PlatformStreamHub build() {
            if (queueCapacity.isPresent() && queueCapacity.getAsInt() > replayLines) {
                throw new InvalidValueException("queueCapacity", queueCapacity.getAsInt(),
                        "must be at most the replay buffer of " + replayLines + " lines");
            }
            return new PlatformStreamHub(this);
        }

        private static int atLeast(String field, int value, int minimum) {
            if (value < minimum) {
                throw new InvalidValueException(field, value, "must be at least " + minimum);
            }
            return value;
        }
    }
}
