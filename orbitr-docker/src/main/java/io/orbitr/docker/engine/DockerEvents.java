package io.orbitr.docker.engine;

import io.orbitr.engine.EngineEvent;
import io.orbitr.engine.EventFilter;
import io.orbitr.stream.StreamSubscriber;
import io.orbitr.stream.Subscription;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The Docker engine's event streams, one connection per subscriber. Thread-safe. */
final class DockerEvents implements AutoCloseable {
    private final DockerCalls calls;
    private final Set<EventStream> open = ConcurrentHashMap.newKeySet();

    DockerEvents(DockerCalls calls) {
        this.calls = calls;
    }

    Subscription subscribe(EventFilter filter, StreamSubscriber<EngineEvent> subscriber) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(subscriber, "subscriber");
        EventStream stream = new EventStream(calls, filter, subscriber, open::remove, Clock.systemUTC());
        open.add(stream);
        stream.start();
        return stream;
    }

    /** Ends every open stream; their subscribers are told the engine client was closed. */
    @Override
    public void close() {
        for (EventStream stream : List.copyOf(open)) {
            stream.end("the engine client was closed");
        }
    }
}
