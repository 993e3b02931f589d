package io.orbitr.docker.engines;

import io.orbitr.stream.StreamEvent;
import io.orbitr.stream.StreamSubscriber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** Keeps what a stream delivered, for assertions. */
final class Recorder<T> implements StreamSubscriber<T> {
    private final List<T> items = new ArrayList<>();
    private final List<StreamEvent> events = new ArrayList<>();
    private String completion;

    @Override
    public synchronized void onNext(T item) {
        items.add(item);
    }

    @Override
    public synchronized void onEvent(StreamEvent event) {
        events.add(event);
    }

    @Override
    public synchronized void onComplete(String reason) {
        completion = reason;
    }

    synchronized List<T> items() {
        return List.copyOf(items);
    }

    synchronized int count() {
        return items.size();
    }

    synchronized List<StreamEvent> events() {
        return List.copyOf(events);
    }

    synchronized Optional<String> completion() {
        return Optional.ofNullable(completion);
    }

    synchronized boolean saw(StreamEvent.Kind kind) {
        return events.stream().anyMatch(e -> e.kind() == kind);
    }

    /** Polls a condition until it holds, or fails naming it. */
    static void await(Duration bound, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + bound + ": " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what, e);
            }
        }
    }
}
