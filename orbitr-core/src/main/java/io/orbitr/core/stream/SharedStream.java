package io.orbitr.core.stream;

import io.orbitr.OrbitrException;
import io.orbitr.UnavailableException;
import io.orbitr.stream.SourceEnd;
import io.orbitr.stream.SourceHandle;
import io.orbitr.stream.SourceSink;
import io.orbitr.stream.StreamEvent;
import io.orbitr.stream.StreamSubscriber;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One source stream shared by all its subscribers: opens the source when the first subscriber comes, writes what
 * it delivers into the ring, wakes the subscribers, reopens it with backoff when it breaks, and closes it when the
 * last subscriber leaves or the source ends. Subclasses say how to open the source and what to keep of its items.
 *
 * <p>Thread-safety: the source's callbacks, subscribers joining and leaving, and scheduled reconnects all hold
 * this object's lock; subscribers read the ring without it. Each opening of the source gets a generation: calls
 * from an older opening (a closed handle still finishing a read) are ignored.
 *
 * @param <T> the item type
 */
abstract class SharedStream<T> {
    private static final Logger log = LoggerFactory.getLogger(SharedStream.class);

    final HubContext context;
    private final String key;
    private final String name;
    private final Ring<T> ring;
    private final int signalEvery;
    private final List<HubSubscription<T>> subscribers = new CopyOnWriteArrayList<>();
    private final List<DeliveryGroup<T>> groups = new CopyOnWriteArrayList<>();
    private SourceHandle handle;
    private long generation;
    private long lastItemSeq;
    private boolean started;
    private boolean ended;
    private int attempts;
    private Instant brokenAt;
    private ScheduledFuture<?> pendingReopen;
    private long lastWake = Long.MIN_VALUE / 2;
    private int sinceWake;
    private boolean wakeScheduled;

    SharedStream(HubContext context, String key, String name, int ringCapacity) {
        this.context = context;
        this.key = key;
        this.name = name;
        this.ring = new Ring<>(ringCapacity);
        this.signalEvery = Math.max(1, ring.capacity() / 4);
    }

    /** Opens the source for the current phase. Called under the lock; must return at once. */
    abstract SourceHandle openSource(SourceSink<T> sink);

    /**
     * Decides what to keep of an item the source delivered. Called under the lock.
     *
     * @param item    the item
     * @param itemSeq the number it gets if kept
     * @return the item to publish (numbered), or null to drop it
     */
    abstract T admit(T item, long itemSeq);

    /** The source delivered everything it was asked for. Called under the lock. */
    abstract void finished(SourceEnd end);

    /** The source broke and is about to be reopened. Called under the lock. */
    abstract void beforeReopen();

    final String key() {
        return key;
    }

    final String name() {
        return name;
    }

    final Ring<T> ring() {
        return ring;
    }

    /** @return the number of the last item published */
    final long lastItemSeq() {
        return lastItemSeq;
    }

    /**
     * Adds a subscriber; opens the source for the first one.
     *
     * @param subscriber    the subscriber
     * @param filter        which items it gets
     * @param queueCapacity how far it may fall behind
     * @param placement     positions the subscription (under the lock), now or later
     * @return the subscription, or null when this stream has ended and a new one must be made
     */
    final HubSubscription<T> join(StreamSubscriber<T> subscriber, Predicate<? super T> filter, int queueCapacity,
            Consumer<HubSubscription<T>> placement) {
        HubSubscription<T> subscription = new HubSubscription<>(this, subscriber, filter, queueCapacity);
        synchronized (this) {
            if (ended) {
                return null;
            }
            subscribers.add(subscription);
            groupWithRoom().add(subscription);
            placement.accept(subscription);
            if (!started) {
                started = true;
                open();
            }
        }
        subscription.signal();
        return subscription;
    }

    /** A subscriber cancelled. The last one to leave closes the source. */
    final void leave(HubSubscription<T> subscription) {
        SourceHandle toClose = null;
        synchronized (this) {
            subscribers.remove(subscription);
            leaveGroup(subscription);
            if (subscribers.isEmpty() && !ended) {
                ended = true;
                toClose = stop();
                log.debug("the last subscriber of {} left: its stream is closed", name);
            }
        }
        close(toClose);
    }

    /** A subscriber received the end: nothing more to send it. */
    final synchronized void forget(HubSubscription<T> subscription) {
        subscribers.remove(subscription);
        leaveGroup(subscription);
    }

    /**
     * Moves a subscriber that held up its group's task into a group of its own. Called by the group.
     *
     * @param slow the subscriber
     * @param from its group
     * @param own  its own group, already served by the thread it holds
     */
    final synchronized void isolate(HubSubscription<T> slow, DeliveryGroup<T> from, DeliveryGroup<T> own) {
        // A subscriber that left meanwhile stays gone; the thread serving its own group finds it cancelled.
        if (from.remove(slow)) {
            slow.servedBy(own);
            groups.add(own);
            if (from.isEmpty()) {
                groups.remove(from);
            }
        }
    }

    /**
     * Moves an isolated subscriber that keeps up again back into a shared group, giving its own thread back. Called
     * by its own group's task, the only one delivering to it.
     *
     * @param member the subscriber
     * @param own    its group of one
     * @return whether it moved (it may have left meanwhile)
     */
    final boolean rejoin(HubSubscription<T> member, DeliveryGroup<T> own) {
        synchronized (this) {
            if (ended || !own.remove(member)) {
                return false;
            }
            groups.remove(own);
            groupWithRoom().add(member);
        }
        // Entries written since its last turn are the shared group's to deliver now.
        member.signal();
        return true;
    }

    /** @return how many delivery groups serve this stream */
    final int groupCount() {
        return groups.size();
    }

    /** Ends the stream for every subscriber (the hub closes). */
    final void shutdown(String reason) {
        SourceHandle toClose;
        synchronized (this) {
            if (ended) {
                return;
            }
            toClose = end(new Entry.End(reason, null));
        }
        close(toClose);
        signalAll();
    }

    /** @return whether the stream has ended */
    final synchronized boolean hasEnded() {
        return ended;
    }

    /** Opens the source for the current phase. Called under the lock. */
    final void open() {
        Sink sink = new Sink(++generation);
        SourceHandle opened;
        try {
            opened = openSource(sink);
        } catch (RuntimeException e) {
            // An engine that is down is worth waiting for; anything else will not get better by retrying.
            sink.onEnd(e instanceof UnavailableException
                    ? SourceEnd.of(SourceEnd.Kind.BROKEN, e.getMessage(), e)
                    : SourceEnd.of(SourceEnd.Kind.FAILED, "cannot open " + name + ": " + e.getMessage(), e));
            return;
        }
        if (sink.done || sink.generation != generation || ended) {
            // The source ended (or was replaced) before open even returned.
            close(opened);
        } else {
            handle = opened;
        }
    }

    /** Appends an event for every subscriber present. Called under the lock. */
    final void publishEvent(StreamEvent.Kind kind, String message) {
        ring.appendEvent(lastItemSeq, StreamEvent.of(kind, message));
    }

    /**
     * Publishes items that were held back (and are admitted now). Called under the lock.
     *
     * @param items the items, each still to pass {@link #admit(Object, long)}
     */
    final void publishHeld(List<T> items) {
        for (T item : items) {
            T kept = admit(item, lastItemSeq + 1);
            if (kept != null) {
                ring.appendItem(++lastItemSeq, kept);
            }
        }
    }

    /**
     * Ends the stream with its last entry. Called under the lock.
     *
     * @param end how it ended
     * @return the source handle to close outside the lock, or null
     */
    final SourceHandle end(Entry.End end) {
        ended = true;
        placeWaiting();
        ring.appendEnd(lastItemSeq, end);
        return stop();
    }

    /** The stream ends: subscribers still waiting for their starting point get one now. Called under the lock. */
    void placeWaiting() {
    }

    final void signalAll() {
        for (DeliveryGroup<T> group : groups) {
            group.signal();
        }
    }

    /** @return a group that takes one more subscriber, made if none does. Called under the lock. */
    private DeliveryGroup<T> groupWithRoom() {
        for (DeliveryGroup<T> group : groups) {
            if (group.hasRoom()) {
                return group;
            }
        }
        DeliveryGroup<T> group = DeliveryGroup.shared(this);
        groups.add(group);
        return group;
    }

    /** Called under the lock. */
    private void leaveGroup(HubSubscription<T> subscription) {
        DeliveryGroup<T> group = subscription.group();
        if (group.remove(subscription) && group.isEmpty()) {
            groups.remove(group);
        }
    }

    private SourceHandle stop() {
        generation++;
        if (pendingReopen != null) {
            pendingReopen.cancel(false);
            pendingReopen = null;
        }
        SourceHandle toClose = handle;
        handle = null;
        context.ended().accept(this);
        return toClose;
    }

    private void publish(Sink sink, List<T> items) {
        synchronized (this) {
            if (isStale(sink)) {
                return;
            }
            boolean kept = false;
            for (T item : items) {
                T published = admit(item, lastItemSeq + 1);
                if (published == null) {
                    continue;
                }
                if (!kept) {
                    // A source that delivers again is back, whether or not it said so with onOpen.
                    reconnected();
                    kept = true;
                }
                ring.appendItem(++lastItemSeq, published);
                // However the wake-ups are spaced, a subscriber is woken before the ring can lap it unwoken.
                if (++sinceWake >= signalEvery) {
                    sinceWake = 0;
                    lastWake = context.ticker().getAsLong();
                    signalAll();
                }
            }
            if (kept) {
                attempts = 0;
            }
        }
        wake();
    }

    /**
     * Wakes the subscribers after new items, at most once per wake interval: a source that delivers line by line
     * (the engine sends a frame per line) must not cost every subscriber a thread wake-up per line. The first
     * items after a quiet spell wake them at once; under load, every subscriber gets a wake-up per interval and
     * reads all that came meanwhile.
     */
    private void wake() {
        long interval = context.wakeInterval().toNanos();
        if (interval == 0) {
            signalAll();
            return;
        }
        long now = context.ticker().getAsLong();
        long wait;
        synchronized (this) {
            if (wakeScheduled) {
                return;
            }
            wait = lastWake + interval - now;
            if (wait <= 0) {
                lastWake = now;
                sinceWake = 0;
            } else {
                wakeScheduled = true;
            }
        }
        if (wait <= 0) {
            signalAll();
            return;
        }
        try {
            context.scheduler().schedule(this::scheduledWake, wait, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            scheduledWake();
        }
    }

    private void scheduledWake() {
        synchronized (this) {
            wakeScheduled = false;
            lastWake = context.ticker().getAsLong();
            sinceWake = 0;
        }
        signalAll();
    }

    private void opened(Sink sink) {
        synchronized (this) {
            if (isStale(sink)) {
                return;
            }
            reconnected();
        }
        signalAll();
    }

    private void reconnected() {
        if (brokenAt != null) {
            Duration outage = Duration.between(brokenAt, context.clock().instant());
            publishEvent(StreamEvent.Kind.RECONNECTED, name + " is back after " + outage.toMillis() + " ms ("
                    + attempts + (attempts == 1 ? " attempt" : " attempts") + "): items continue after the last one "
                    + "delivered");
            brokenAt = null;
        }
    }

    private void sourceEnded(Sink sink, SourceEnd end) {
        SourceHandle toClose = null;
        synchronized (this) {
            if (isStale(sink)) {
                return;
            }
            sink.done = true;
            handle = null;
            switch (end.kind()) {
                case FINISHED -> finished(end);
                case STOPPED, GONE -> toClose = end(new Entry.End(end.reason(), null));
                case FAILED -> toClose = end(new Entry.End(null, new OrbitrException(end.reason(),
                        end.cause().orElse(null))));
                case BROKEN -> toClose = reconnectLater(end);
                default -> throw new IllegalStateException("unknown end " + end.kind());
            }
        }
        close(toClose);
        signalAll();
    }

    private SourceHandle reconnectLater(SourceEnd end) {
        attempts++;
        if (context.backoff().exhausted(attempts)) {
            return end(new Entry.End(null, new UnavailableException("gave up reconnecting to " + name + " after "
                    + (attempts - 1) + " attempts: " + end.reason(), end.cause().orElse(null))));
        }
        if (brokenAt == null) {
            brokenAt = context.clock().instant();
            publishEvent(StreamEvent.Kind.RECONNECTING, end.reason() + ": reconnecting to " + name);
        }
        Duration delay = context.backoff().delay(attempts, context.random().getAsDouble());
        long reopening = ++generation;
        log.debug("{} broke ({}); attempt {} in {} ms", name, end.reason(), attempts, delay.toMillis());
        try {
            pendingReopen = context.scheduler().schedule(() -> reopen(reopening), delay.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return end(new Entry.End(null, new UnavailableException("cannot reconnect to " + name
                    + ": the stream hub is closing", e)));
        }
        return null;
    }

    private void reopen(long reopening) {
        synchronized (this) {
            if (ended || reopening != generation) {
                return;
            }
            pendingReopen = null;
            beforeReopen();
            open();
        }
        signalAll();
    }

    private boolean isStale(Sink sink) {
        return ended || sink.done || sink.generation != generation;
    }

    private void close(SourceHandle toClose) {
        if (toClose != null) {
            try {
                toClose.close();
            } catch (RuntimeException e) {
                log.debug("closing the source of {} failed", name, e);
            }
        }
    }

    /** The sink of one opening of the source. */
    private final class Sink implements SourceSink<T> {
        final long generation;
        volatile boolean done;

        Sink(long generation) {
            this.generation = generation;
        }

        @Override
        public void onOpen() {
            opened(this);
        }

        @Override
        public void onItems(List<T> items) {
            publish(this, items);
        }

        @Override
        public void onEnd(SourceEnd end) {
            sourceEnded(this, end);
        }
    }
}
