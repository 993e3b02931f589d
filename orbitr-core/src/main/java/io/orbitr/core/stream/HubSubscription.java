package io.orbitr.core.stream;

import io.orbitr.stream.LogFilter;
import io.orbitr.stream.StreamEvent;
import io.orbitr.stream.StreamSubscriber;
import io.orbitr.stream.Subscription;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber of a shared stream: a position in the stream's ring, delivered from there in turns by its
 * {@link DeliveryGroup}. The subscriber's bounded queue is the stretch of ring between its position and the head,
 * at most {@code queueCapacity} entries: when it falls further behind, it skips its oldest entries and is told how
 * many items it lost. Nothing is copied per subscriber, so a stalled subscriber costs a position, not memory.
 *
 * <p>One group's task at a time delivers to a subscriber, so callbacks for one subscriber never overlap. The writer
 * only signals; it never waits for a subscriber.
 *
 * @param <T> the item type
 */
final class HubSubscription<T> implements Subscription {
    private static final Logger log = LoggerFactory.getLogger(HubSubscription.class);
    /** The filter of subscribers that take every item. */
    static final Predicate<Object> EVERYTHING = item -> true;

    private final SharedStream<T> stream;
    private final StreamSubscriber<T> subscriber;
    private final Predicate<? super T> filter;
    /** Most subscribers filter nothing: then the filter is not even asked. */
    private final boolean filtered;
    private final int queueCapacity;
    private volatile DeliveryGroup<T> group;
    private volatile boolean cancelled;
    /** Set once, under the stream's lock, when the subscriber's starting point is known. */
    private volatile boolean positioned;
    private volatile boolean finished;
    /** Events for this subscriber alone, set with its position and delivered first; then null. */
    private volatile List<StreamEvent> openingEvents;

    // Owned by the delivering task after positioning.
    private long cursor;
    private long lastItemSeq;
    private long eventsFrom;
    private boolean lossPending;
    private boolean subscribed;

    HubSubscription(SharedStream<T> stream, StreamSubscriber<T> subscriber, Predicate<? super T> filter,
            int queueCapacity) {
        this.stream = stream;
        this.subscriber = subscriber;
        this.filter = filter;
        this.filtered = filter != EVERYTHING && !(filter instanceof LogFilter logFilter && logFilter.passesAll());
        this.queueCapacity = queueCapacity;
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
        this.openingEvents = opening.isEmpty() ? null : List.copyOf(opening);
        this.positioned = true;
    }

    /** Called under the stream's lock when the subscriber joins or is moved to another group. */
    void servedBy(DeliveryGroup<T> value) {
        this.group = value;
    }

    /** @return how far this subscriber may fall behind before it loses entries */
    int queueCapacity() {
        return queueCapacity;
    }

    /** @return the group that delivers to this subscriber */
    DeliveryGroup<T> group() {
        return group;
    }

    /** New entries (or the subscriber's start) are there: make sure its group's task runs. */
    void signal() {
        group.signal();
    }

    /**
     * Delivers this subscriber's next entries, at most {@code maxEntries}. Called by its group's task only.
     *
     * @param maxEntries the most entries of this turn
     * @return whether entries are left after this turn
     */
    boolean deliverTurn(int maxEntries) {
        if (cancelled || finished) {
            return false;
        }
        // One try around the whole turn, not one per callback: this is the hot path of every line.
        try {
            if (!subscribed) {
                subscribed = true;
                subscriber.onSubscribe(this);
            }
            if (!positioned) {
                return false;
            }
            List<StreamEvent> opening = openingEvents;
            if (opening != null) {
                openingEvents = null;
                for (StreamEvent event : opening) {
                    subscriber.onEvent(event);
                }
            }
            Ring<T> ring = stream.ring();
            // The window is placed once per turn: a turn is short, and a writer that laps this subscriber within
            // it is noticed entry by entry.
            long head = ring.head();
            long floor = Math.max(head - queueCapacity, head - ring.capacity());
            if (cursor < floor) {
                cursor = floor;
                lossPending = true;
            }
            long end = Math.min(head, cursor + maxEntries);
            while (cursor < end && !cancelled) {
                Entry<T> entry = ring.get(cursor);
                if (entry == null || entry.seq != cursor) {
                    // The writer lapped this subscriber while it read: go on from the oldest entry still held.
                    lossPending = true;
                    cursor = Math.max(cursor + 1, ring.oldest());
                    continue;
                }
                cursor++;
                if (!dispatch(entry)) {
                    return false;
                }
            }
            return !cancelled && cursor < ring.head();
        } catch (RuntimeException | LinkageError | AssertionError e) {
            log.warn("a subscriber of {} threw from its callback and was unsubscribed", stream.name(), e);
            cancel();
            return false;
        }
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
