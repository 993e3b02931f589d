package io.orbitr.stream;

import io.orbitr.engine.EngineSettings;

/**
 * Live logs and stats of containers (and of any other {@link LogSource} or {@link StatsSource}, such as supervised
 * processes), fanned out to many subscribers. A host reaches the platform's hub with {@code orbitr.streams()}, a
 * plug-in with {@code context.require(StreamHub.class)}.
 *
 * <ul>
 * <li>One source stream per log and per stats producer, shared by every subscriber; it opens with the first
 * subscriber and closes when the last one leaves.
 * <li>A bounded replay buffer per stream: a subscriber starts with the last {@code tail} lines, or the lines since
 * an instant, that pass its filter; a stats subscriber starts with the latest sample.
 * <li>Each line has an id that grows by one per line of the stream, the engine's timestamp and its stream.
 * <li>Each subscriber reads at its own pace within a bounded window: a slow or stalled subscriber never slows the
 * source or the other subscribers; when it falls too far behind it loses its oldest lines and is told how many
 * ({@link StreamEvent.Kind#LOST}).
 * <li>Filters run in the hub: a regular expression (or its inverse) and the output (stdout, stderr).
 * <li>When a source breaks (engine restart, container restart) the hub reconnects with exponential backoff and
 * resumes after the last line delivered, with no line twice and none skipped; subscribers see
 * {@code RECONNECTING} and {@code RECONNECTED}. A container that stops completes its stream; a removed container's
 * stream completes saying so.
 * </ul>
 *
 * <pre>{@code
 * Subscription subscription = orbitr.streams().containerLogs("web-1",
 *         LogOptions.builder().tail(200).filter(LogFilter.matching("ERROR")).build(),
 *         line -> System.out.println(line.id() + " " + line.text()));
 * ...
 * subscription.cancel();
 * }</pre>
 *
 * <p>Container streams are per engine endpoint: the methods that take an {@code engine} name the endpoint, the others
 * use {@code local}. Whole logs are written to files or streams by {@link #downloads()}. Thread-safe.
 */
public interface StreamHub {

    /**
     * Subscribes to the log of a container on the {@code local} engine.
     *
     * @param container  the container's name or id
     * @param options    what to start with, whether to follow, which lines
     * @param subscriber receives the lines, events and the end
     * @return the subscription
     * @throws io.orbitr.NotFoundException        when there is no such container
     * @throws io.orbitr.UnavailableException     when the engine does not answer
     * @throws io.orbitr.MissingProviderException when no container engine is available
     */
    default Subscription containerLogs(String container, LogOptions options, StreamSubscriber<LogLine> subscriber) {
        return containerLogs(EngineSettings.LOCAL, container, options, subscriber);
    }

    /**
     * Subscribes to the log of a container on an engine endpoint.
     *
     * @param engine     the endpoint's name
     * @param container  the container's name or id
     * @param options    what to start with, whether to follow, which lines
     * @param subscriber receives the lines, events and the end
     * @return the subscription
     * @throws io.orbitr.NotFoundException    when there is no such container or endpoint
     * @throws io.orbitr.UnavailableException when the endpoint does not answer, naming it
     */
    Subscription containerLogs(String engine, String container, LogOptions options,
            StreamSubscriber<LogLine> subscriber);

    /**
     * Subscribes to the merged log of a swarm service's tasks on an engine endpoint that is a swarm manager.
     *
     * @param engine     the endpoint's name
     * @param service    the service's name or id
     * @param options    what to start with, whether to follow, which lines
     * @param subscriber receives the lines, events and the end
     * @return the subscription
     * @throws io.orbitr.NotFoundException    when there is no such service or endpoint
     * @throws io.orbitr.UnavailableException when the endpoint does not answer, naming it
     */
    Subscription serviceLogs(String engine, String service, LogOptions options, StreamSubscriber<LogLine> subscriber);

    /**
     * Subscribes to the stats of a container on the {@code local} engine: a sample a second while it runs.
     *
     * @param container  the container's name or id
     * @param subscriber receives the samples, events and the end
     * @return the subscription
     * @throws io.orbitr.NotFoundException        when there is no such container
     * @throws io.orbitr.UnavailableException     when the engine does not answer
     * @throws io.orbitr.MissingProviderException when no container engine is available
     */
    default Subscription containerStats(String container, StreamSubscriber<StatsSample> subscriber) {
        return containerStats(EngineSettings.LOCAL, container, subscriber);
    }

    /**
     * Subscribes to the stats of a container on an engine endpoint: a sample a second while it runs.
     *
     * @param engine     the endpoint's name
     * @param container  the container's name or id
     * @param subscriber receives the samples, events and the end
     * @return the subscription
     * @throws io.orbitr.NotFoundException    when there is no such container or endpoint
     * @throws io.orbitr.UnavailableException when the endpoint does not answer, naming it
     */
    Subscription containerStats(String engine, String container, StreamSubscriber<StatsSample> subscriber);

    /**
     * Subscribes to any log, for example a supervised process's output.
     *
     * @param source     the log; subscribers of sources with one {@link LogSource#key()} share one stream
     * @param options    what to start with, whether to follow, which lines
     * @param subscriber receives the lines, events and the end
     * @return the subscription
     */
    Subscription logs(LogSource source, LogOptions options, StreamSubscriber<LogLine> subscriber);

    /**
     * Subscribes to any stats source, for example a supervised process's.
     *
     * @param source     the stats; subscribers of sources with one {@link StatsSource#key()} share one stream
     * @param subscriber receives the samples, events and the end
     * @return the subscription
     */
    Subscription stats(StatsSource source, StreamSubscriber<StatsSample> subscriber);

    /**
     * The log of a container as a source of its own, not shared: what a download reads.
     *
     * @param engine    the endpoint's name ({@link EngineSettings#LOCAL} for the local engine)
     * @param container the container's name or id
     * @return the source; nothing is read until it is opened
     * @throws io.orbitr.NotFoundException        when there is no such endpoint
     * @throws io.orbitr.MissingProviderException when no container engine is available
     */
    LogSource containerLog(String engine, String container);

    /**
     * @return writes whole logs, or parts of them, to files and streams: a private read of the source, neither
     *     bounded by the replay buffer nor able to lose lines
     */
    LogDownloads downloads();

    /** @return how many shared streams are open (each holds one source stream) */
    int openStreams();
}
