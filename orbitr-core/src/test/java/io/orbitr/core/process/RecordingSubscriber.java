package io.orbitr.core.process;

import io.orbitr.stream.LogLine;
import io.orbitr.stream.StreamEvent;
import io.orbitr.stream.StreamSubscriber;
import io.orbitr.stream.Subscription;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Keeps what a follower receives; optionally slow, to make its queue overflow. */
class RecordingSubscriber implements StreamSubscriber<LogLine> {
    final List<LogLine> lines = new CopyOnWriteArrayList<>();
    final List<StreamEvent> events = new CopyOnWriteArrayList<>();
    final AtomicReference<String> completed = new AtomicReference<>();
    final AtomicReference<Subscription> subscription = new AtomicReference<>();
    final AtomicLong lost = new AtomicLong();
    private final long pauseNanos;

    RecordingSubscriber() {
        this(0);
    }

    /** @param pauseNanos how long each line takes to handle */
    RecordingSubscriber(long pauseNanos) {
        this.pauseNanos = pauseNanos;
    }

    @Override
    public void onSubscribe(Subscription subscription) {
        this.subscription.set(subscription);
    }

    @Override
    public void onNext(LogLine item) {
        lines.add(item);
        if (pauseNanos > 0) {
            long until = System.nanoTime() + pauseNanos;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        }
    }

    @Override
    public void onEvent(StreamEvent event) {
        events.add(event);
        if (event.kind() == StreamEvent.Kind.LOST) {
            lost.addAndGet(event.count());
        }
    }

    @Override
    public void onComplete(String reason) {
        completed.set(reason);
    }

    List<String> texts() {
        return lines.stream().map(LogLine::text).toList();
    }
}
