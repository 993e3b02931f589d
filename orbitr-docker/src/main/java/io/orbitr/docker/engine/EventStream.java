package io.orbitr.docker.engine;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.EventsCmd;
import com.github.dockerjava.api.model.Event;
import io.orbitr.engine.EngineEvent;
import io.orbitr.engine.EventFilter;
import io.orbitr.stream.StreamEvent;
import io.orbitr.stream.StreamSubscriber;
import io.orbitr.stream.Subscription;
import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber's engine event stream. Reconnects with a growing delay when the connection breaks and resumes from
 * the last event delivered with the engine's {@code since}, dropping the events it replays twice. Thread-safe.
 */
final class EventStream implements Subscription {
    private static final Logger log = LoggerFactory.getLogger(EventStream.class);
    private static final long FIRST_DELAY_MILLIS = 250;
    private static final long MAX_DELAY_MILLIS = 10_000;

    private final DockerCalls calls;
    private final EventFilter filter;
    private final StreamSubscriber<EngineEvent> subscriber;
    private final Consumer<EventStream> onEnd;
    private final Instant subscribedAt;
    /** Guards delivery and the resume point, so that callbacks of an old and a new connection never interleave. */
    private final Object lock = new Object();
    private volatile boolean ended;
    private Connection connection;
    private int failures;
    private boolean reconnecting;
    private long lastNanos;
    /** The events already delivered at {@link #lastNanos}, which a resumed stream sends again. */
    private final Set<String> deliveredAtLast = new HashSet<>();

    EventStream(DockerCalls calls, EventFilter filter, StreamSubscriber<EngineEvent> subscriber,
            Consumer<EventStream> onEnd, Clock clock) {
        this.calls = calls;
        this.filter = filter;
        this.subscriber = subscriber;
        this.onEnd = onEnd;
        this.subscribedAt = clock.instant();
    }

    void start() {
        try {
            subscriber.onSubscribe(this);
        } catch (RuntimeException e) {
            log.warn("an event subscriber threw in onSubscribe; its subscription ends", e);
            end("the subscriber failed: " + e);
            return;
        }
        connect();
    }

    @Override
    public void cancel() {
        end("cancelled");
    }

    @Override
    public boolean isCancelled() {
        return ended;
    }

    /** Ends the stream for good, telling the subscriber why; idempotent. */
    void end(String reason) {
        Connection current;
        synchronized (lock) {
            if (ended) {
                return;
            }
            ended = true;
            current = connection;
            connection = null;
        }
        if (current != null) {
            current.closeQuietly();
        }
        onEnd.accept(this);
        try {
            subscriber.onComplete(reason);
        } catch (RuntimeException e) {
            log.debug("an event subscriber threw in onComplete", e);
        }
    }

    private void connect() {
        Connection next = new Connection();
        synchronized (lock) {
            if (ended) {
                return;
            }
            connection = next;
        }
        try {
            EventsCmd cmd = calls.streams().eventsCmd();
            since().ifPresent(cmd::withSince);
            if (!filter.types().isEmpty() && !filter.types().contains(EngineEvent.Type.OTHER)) {
                cmd.withEventTypeFilter(filter.types().stream().map(EngineEvent.Type::engineName)
                        .toArray(String[]::new));
            }
            if (!filter.actions().isEmpty()) {
                cmd.withEventFilter(filter.actions().toArray(String[]::new));
            }
            if (!filter.containers().isEmpty()) {
                cmd.withContainerFilter(filter.containers().toArray(String[]::new));
            }
            if (!filter.labels().isAny()) {
                cmd.withLabelFilter(filter.labels().expressions().toArray(String[]::new));
            }
            cmd.exec(next);
        } catch (RuntimeException e) {
            next.onError(e);
        }
    }

    /** Where to start: after the last event delivered, else the caller's instant, else (on a reconnect) now-ish. */
    private Optional<String> since() {
        synchronized (lock) {
            if (lastNanos > 0) {
                return Optional.of(engineTime(lastNanos));
            }
            if (filter.since().isPresent()) {
                Instant since = filter.since().get();
                return Optional.of(engineTime(since.getEpochSecond() * 1_000_000_000L + since.getNano()));
            }
            if (reconnecting) {
                return Optional.of(engineTime(subscribedAt.getEpochSecond() * 1_000_000_000L
                        + subscribedAt.getNano()));
            }
            return Optional.empty();
        }
    }

    private static String engineTime(long nanos) {
        return String.format("%d.%09d", nanos / 1_000_000_000L, nanos % 1_000_000_000L);
    }

    private void deliver(Connection from, Event raw) {
        synchronized (lock) {
            if (ended || from != connection) {
                return;
            }
            long nanos = EventMapper.timeNanos(raw);
            EngineEvent event = EventMapper.event(raw);
            String key = event.type() + " " + event.action() + " " + event.detail() + " " + event.actorId();
            if (nanos < lastNanos || nanos == lastNanos && deliveredAtLast.contains(key)) {
                return;
            }
            if (nanos > lastNanos) {
                lastNanos = nanos;
                deliveredAtLast.clear();
            }
            deliveredAtLast.add(key);
            if (!filter.matches(event)) {
                return;
            }
            try {
                subscriber.onNext(event);
            } catch (RuntimeException e) {
                log.warn("an event subscriber threw; its subscription ends", e);
                calls.timers().execute(() -> end("the subscriber failed: " + e));
            }
        }
    }

    private void connected(Connection from) {
        synchronized (lock) {
            if (ended || from != connection) {
                return;
            }
            failures = 0;
            if (reconnecting) {
                reconnecting = false;
                notify(new StreamEvent(StreamEvent.Kind.RECONNECTED, 0,
                        "reconnected to the Docker " + calls.settings().describe()));
            }
        }
    }

    private void broken(Connection from, String why) {
        long delay;
        synchronized (lock) {
            if (ended || from != connection) {
                return;
            }
            connection = null;
            delay = Math.min(MAX_DELAY_MILLIS, FIRST_DELAY_MILLIS << Math.min(failures, 10));
            failures++;
            if (!reconnecting) {
                reconnecting = true;
                notify(new StreamEvent(StreamEvent.Kind.RECONNECTING, 0,
                        "the event stream of the Docker " + calls.settings().describe() + " broke (" + why
                                + "); reconnecting"));
            }
        }
        log.debug("event stream broke ({}); reconnecting in {} ms", why, delay);
        try {
            calls.timers().schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            end("the engine client was closed");
        }
    }

    private void notify(StreamEvent event) {
        try {
            subscriber.onEvent(event);
        } catch (RuntimeException e) {
            log.debug("an event subscriber threw in onEvent", e);
        }
    }

    /** One connection to the engine's event endpoint. */
    private final class Connection extends ResultCallback.Adapter<Event> {

        @Override
        public void onStart(Closeable stream) {
            super.onStart(stream);
            connected(this);
        }

        @Override
        public void onNext(Event event) {
            deliver(this, event);
        }

        @Override
        public void onError(Throwable error) {
            broken(this, String.valueOf(DockerErrors.rootCause(error).getMessage()));
            closeQuietly();
        }

        @Override
        public void onComplete() {
            broken(this, "the engine ended the stream");
            closeQuietly();
        }

        void closeQuietly() {
            try {
                close();
            } catch (IOException e) {
                log.debug("closing an event stream failed", e);
            }
        }
    }
}
