package io.orbitr.docker.stream;

import io.orbitr.stream.LogLine;
import io.orbitr.stream.StreamEvent;
import io.orbitr.stream.StreamSubscriber;
import io.orbitr.stream.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A subscriber that keeps what it receives. Thread-safe. */
class Lines implements StreamSubscriber<LogLine> {
    private final List<LogLine> lines = new ArrayList<>();
    private final List<StreamEvent> events = new ArrayList<>();
    private final List<Object> all = new ArrayList<>();
    private Subscription subscription;
    private String completion;
    private Throwable error;

    @Override
    public synchronized void onSubscribe(Subscription value) {
        subscription = value;
    }

    @Override
    public synchronized void onNext(LogLine line) {
        lines.add(line);
        all.add(line);
    }

    @Override
    public synchronized void onEvent(StreamEvent event) {
        events.add(event);
        all.add(event);
    }

    @Override
    public synchronized void onComplete(String reason) {
        completion = reason;
    }

    @Override
    public synchronized void onError(Throwable failure) {
        error = failure;
    }

    synchronized List<LogLine> lines() {
        return List.copyOf(lines);
    }

    synchronized List<String> texts() {
        return lines.stream().map(LogLine::text).toList();
    }

    synchronized int count() {
        return lines.size();
    }

    synchronized List<StreamEvent> events() {
        return List.copyOf(events);
    }

    synchronized List<Object> all() {
        return new ArrayList<>(all);
    }

    synchronized Optional<String> completion() {
        return Optional.ofNullable(completion);
    }

    synchronized Optional<Throwable> error() {
        return Optional.ofNullable(error);
    }

    synchronized boolean ended() {
        return completion != null || error != null;
    }

    synchronized Subscription subscription() {
        return subscription;
    }
}
