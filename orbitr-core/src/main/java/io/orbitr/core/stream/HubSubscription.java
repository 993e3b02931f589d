package io.orbitr.core.stream;

import io.orbitr.stream.StreamEvent;
import io.orbitr.stream.StreamSubscriber;
import io.orbitr.stream.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber of a shared stream: a position in the stream's ring and a task that delivers from there. The
 * subscriber's bounded queue is the stretch of ring between its position and the head, at most
 * {@code queueCapacity} entries: when it falls further behind, it skips its oldest entries and is told how many
 * items it lost. Nothing is copied per subscriber, so a stalled subscriber costs a position, not memory.
 *
 * <p>Delivery runs on the hub's delivery executor, one task at a time per subscriber, so callbacks for one
 * subscriber never overlap. The writer only signals; it never waits for a subscriber.
 *
 * @param <T> the item type
 */
final class HubSubscription<T> implements Subscription, Runnable {
    private static final Logger log = LoggerFactory.getLogger(HubSubscription.class);
    /** The filter of subscribers that take every item. */
    static final Predicate<Object> EVERYTHING = item -> true;

    private final SharedStream<T> stream;
    private final StreamSubscriber<T> subscriber;
    private final Predicate<? super T> filter;
    /** Most subscribers filter nothing: then the filter is not even asked. */
    private final boolean filtered;
    private final int queueCapacity;
    private final Executor delivery;
    private final AtomicInteger pendingSignals = new AtomicInteger();
    private final List<StreamEvent> openingEvents = new ArrayList<>();
    private volatile boolean cancelled;
    /** Set once, under the stream's lock, when the subscriber's starting point is known. */
    private volatile boolean positioned;
    private volatile boolean finished;

    // Owned by the delivering thread after positioning.
    private long cursor;
    private long lastItemSeq;
    private long eventsFrom;
    private boolean lossPending;
    private boolean subscribed;

    HubSubscription(SharedStream<T> stream, StreamSubscriber<T> subscriber, Predicate<? super T> filter,
            int queueCapacity, Executor delivery) {
        this.stream = stream;
        this.subscriber = subscriber;
        this.filter = filter;
        this.filtered = filter != EVERYTHING && !(filter instanceof LogFilter logFilter && logFilter.passesAll());
        this.queueCapacity = queueCapacity;
        this.delivery = delivery;
    }

    /**
     * Sets where delivery starts. Called once, under the stream's lock, before or after the first signal.
     *
     * @param start         the first ring sequence to deliver
     * @param itemsBefore   the number of the last item before it
     * @param eventsFrom    events before this sequence are history, not news, and are not delivered
     * @param opening       events for this subscriber alone, delivered first
     */
    void position(long start, long itemsBefore, long eventsFrom, List<StreamEvent> opening) {
        this.cursor = start;
        this.lastItemSeq = itemsBefore;
        this.eventsFrom = eventsFrom;
        synchronized (openingEvents) {
            openingEvents.addAll(opening);
        }
        this.positioned = true;
    }

    /** New entries (or the subscriber's start) are there: make sure a delivery task runs. */
    void signal() {
        if (pendingSignals.getAndIncrement() == 0) {
            try {
                delivery.execute(this);
            } catch (RejectedExecutionException e) {
                cancelled = true;
                pendingSignals.set(0);
            }
        }
    }

    @Override
    public void run() {
        int missed = 1;
        do {
            deliver();
            missed = pendingSignals.addAndGet(-missed);
        } while (missed != 0);
    }

    @Override
    public void cancel() {
        if (!cancelled) {
            cancelled = true;
            stream.leave(this);
        }
    }

    @Override
    public boolean isCancelled() {
        return cancelled || finished;
    }

    private void deliver() {
        if (cancelled || finished) {
            return;
        }
        // One try around the whole loop, not one per callback: this is the hot path of every line.
        try {
            if (!subscribed) {
                subscribed = true;
                subscriber.onSubscribe(this);
            }
            if (!positioned) {
                return;
            }
            List<StreamEvent> opening;
            synchronized (openingEvents) {
                opening = List.copyOf(openingEvents);
                openingEvents.clear();
            }
            for (StreamEvent event : opening) {
                subscriber.onEvent(event);
            }
            Ring<T> ring = stream.ring();
            long head;
            // The head is read again for every entry: after a callback that took long, the window is where the
            // ring is now, not where it was before the callback.
            while (!cancelled && cursor < (head = ring.head())) {
                long floor = Math.max(head - queueCapacity, head - ring.capacity());
                if (cursor < floor) {
                    cursor = floor;
                    lossPending = true;
                }
                Entry<T> entry = ring.get(cursor);
                if (entry == null || entry.seq != cursor) {
                    // The writer lapped this subscriber while it read: go on from the oldest entry still held.
                    lossPending = true;
                    cursor = Math.max(cursor + 1, ring.oldest());
                    continue;
                }
                cursor++;
                if (!dispatch(entry)) {
                    return;
                }
            }
        } catch (RuntimeException | LinkageError | AssertionError e) {
            log.warn("a subscriber of {} threw from its callback and was unsubscribed", stream.name(), e);
            cancel();
        }
    }

    /** @return false when delivery must stop: the stream ended */
    private boolean dispatch(Entry<T> entry) {
        if (entry.isItem()) {
            if (lossPending) {
                lossPending = false;
                reportLoss(entry.itemSeq - lastItemSeq - 1);
            }
            lastItemSeq = entry.itemSeq;
            if (!filtered || filter.test(entry.item)) {
                subscriber.onNext(entry.item);
            }
            return true;
        }
        if (entry.event != null) {
            if (entry.seq >= eventsFrom) {
                subscriber.onEvent(entry.event);
            }
            return true;
        }
        if (lossPending) {
            lossPending = false;
            reportLoss(entry.itemSeq - lastItemSeq);
        }
        finished = true;
        stream.forget(this);
        if (entry.end.error() == null) {
            subscriber.onComplete(entry.end.reason());
        } else {
            subscriber.onError(entry.end.error());
        }
        return false;
    }

    private void reportLoss(long lost) {
        if (lost > 0) {
            subscriber.onEvent(new StreamEvent(StreamEvent.Kind.LOST, lost, "this subscriber fell more than "
                    + queueCapacity + " entries behind " + stream.name() + ": its oldest " + lost
                    + " items were dropped"));
        }
    }
}
