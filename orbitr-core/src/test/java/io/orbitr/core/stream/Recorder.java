package io.orbitr.core.stream;

import io.orbitr.stream.LogLine;
import io.orbitr.stream.StreamEvent;
import io.orbitr.stream.StreamSubscriber;
import io.orbitr.stream.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A subscriber that keeps everything it receives, in order. Thread-safe. */
class Recorder<T> implements StreamSubscriber<T> {
    private final List<Object> received = new ArrayList<>();
    private Subscription subscription;
    private String completion;
    private Throwable error;

    @Override
    public synchronized void onSubscribe(Subscription value) {
        this.subscription = value;
    }

    @Override
    public synchronized void onNext(T item) {
        received.add(item);
    }

    @Override
    public synchronized void onEvent(StreamEvent event) {
        received.add(event);
    }

    @Override
    public synchronized void onError(Throwable failure) {
        this.error = failure;
    }

    @Override
    public synchronized void onComplete(String reason) {
        this.completion = reason;
    }

    synchronized List<Object> received() {
        return List.copyOf(received);
    }

    @SuppressWarnings("unchecked")
    synchronized List<T> items() {
        return received.stream().filter(item -> !(item instanceof StreamEvent)).map(item -> (T) item).toList();
    }

    synchronized List<StreamEvent> events() {
        return received.stream().filter(StreamEvent.class::isInstance).map(StreamEvent.class::cast).toList();
    }

    synchronized List<String> texts() {
        return received.stream().filter(LogLine.class::isInstance).map(item -> ((LogLine) item).text()).toList();
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

    static <T> List<T> copy(List<T> list) {
        return new ArrayList<>(list);
    }
}
