package io.orbitr.core.stream;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribers of one shared stream served together by one delivery task at a time. The task gives each subscriber
 * in turn up to {@value #TURN_ENTRIES} entries, round after round until all have caught up: they read the same
 * stretch of the ring while it is in the processor's cache, and a hundred subscribers cost one thread and its
 * wake-ups rather than a hundred.
 *
 * <p>Isolation: a subscriber that holds the task up (its callback blocks, or is slow) is moved to a group of its own,
 * served from then on by the thread it holds, and the others go on with a new task. It is moved as soon as holding
 * the others up would cost them a line: when the writer signals new entries and finds that, since the current turn
 * began, more than half the smallest window of the group's members has been written. A watchdog on the hub's
 * scheduler moves it in any case once its turn has lasted the hub's isolation limit. So one subscriber holds up the
 * rest of its group once, by less than half their window and at most about that limit, and never again.
 *
 * <p>Thread-safety: one task serves a group at a time (a signal counter: whoever raises it from zero starts the
 * task, which runs until it has seen every signal). The turn is handed on with compare-and-set, so the watchdog and
 * the task agree on who serves whom: once the watchdog has taken a turn away, the task's next hand-on fails and its
 * thread knows it now serves only the subscriber it was held up by.
 *
 * @param <T> the item type
 */
final class DeliveryGroup<T> implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(DeliveryGroup.class);
    /** Entries one subscriber gets per turn: enough to make a turn cheap, few enough to stay in the cache. */
    static final int TURN_ENTRIES = 1024;
    /** The most subscribers served together: more groups use more processors when there are many subscribers. */
    static final int CAPACITY = 64;
    /** Entries a busy turn may see written before it counts as holding the others up, however small their windows. */
    private static final int MIN_GUARD = 64;

    private final SharedStream<T> stream;
    private final HubContext context;
    /** A group made for one isolated subscriber: it takes no one else and needs no watchdog. */
    private final boolean solo;
    private final List<HubSubscription<T>> members = new CopyOnWriteArrayList<>();
    private final AtomicInteger pendingSignals = new AtomicInteger();
    private final AtomicReference<Turn<T>> turn = new AtomicReference<>(Turn.idle());
    private final AtomicBoolean watched = new AtomicBoolean();
    /**
     * For a group of one: since when (ticker nanoseconds) its member has kept up, every turn short and each serve
     * ending caught up; {@link Long#MIN_VALUE} while it has not. Owned by the group's task.
     */
    private long keptUpSince = Long.MIN_VALUE;
    /** The smallest window of the members so far: how far the writer may get ahead of a held-up turn. */
    private volatile int smallestWindow = Integer.MAX_VALUE;

    private DeliveryGroup(SharedStream<T> stream, boolean solo) {
        this.stream = stream;
        this.context = stream.context;
        this.solo = solo;
    }

    /** @return an empty group that takes up to {@link #CAPACITY} subscribers */
    static <T> DeliveryGroup<T> shared(SharedStream<T> stream) {
        return new DeliveryGroup<>(stream, false);
    }

    /** @return whether another subscriber may join. Called under the stream's lock. */
    boolean hasRoom() {
        return !solo && members.size() < CAPACITY;
    }

    /** Adds a subscriber. Called under the stream's lock. */
    void add(HubSubscription<T> subscription) {
        smallestWindow = Math.min(smallestWindow, subscription.queueCapacity());
        members.add(subscription);
        subscription.servedBy(this);
        if (pendingSignals.get() > 0) {
            // The task may be held up by a member already: the newcomer must not wait behind it for good.
            watch();
        }
    }

    /** @return whether the subscriber was a member. Called under the stream's lock. */
    boolean remove(HubSubscription<T> subscription) {
        return members.remove(subscription);
    }

    /** @return whether no subscriber is left */
    boolean isEmpty() {
        return members.isEmpty();
    }

    /** New entries (or a new member) are there: make sure a task runs. */
    void signal() {
        // Saturates instead of overflowing: a task stuck for years must not see the counter come round to zero.
        if (pendingSignals.getAndUpdate(pending -> pending == Integer.MAX_VALUE ? pending : pending + 1) == 0) {
            start();
        } else if (!solo) {
            guardWindows();
        }
    }

    /**
     * The task is busy and more entries came: if the current turn has lasted while more than half the smallest
     * window was written, the others are about to lose lines waiting for it, and its subscriber is moved out now.
     */
    private void guardWindows() {
        Turn<T> current = turn.get();
        if (stream.ring().head() - current.startHead > Math.max(smallestWindow / 2, MIN_GUARD)) {
            isolate(current, "while more than half its group's smallest window was written");
        }
    }

    @Override
    public void run() {
        serve(1);
    }

    private void start() {
        try {
            context.delivery().execute(this);
        } catch (RejectedExecutionException e) {
            // The hub is closing and its threads are gone: the last entries (the ends) still reach the members.
            Thread thread = new Thread(this, "orbitr-stream-delivery-closing");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Serves rounds until every signal up to {@code missed} and after it is answered. */
    private void serve(int missed) {
        watch();
        int answered = missed;
        do {
            DeliveryGroup<T> movedTo = serveRounds();
            if (movedTo != null) {
                // The watchdog left this thread to the subscriber it was held up by, now in a group of its own.
                movedTo.serve(1);
                return;
            }
            answered = pendingSignals.addAndGet(-answered);
        } while (answered != 0);
    }

    /**
     * Gives every member turns until all have caught up.
     *
     * @return null, or the group of the subscriber this thread was left to when the watchdog took the turn away
     */
    private DeliveryGroup<T> serveRounds() {
        if (solo) {
            serveAlone();
            return null;
        }
        Turn<T> current = turn.get();
        boolean more = true;
        while (more) {
            more = false;
            for (HubSubscription<T> member : members) {
                Turn<T> next = new Turn<>(member, context.ticker().getAsLong(), stream.ring().head());
                if (!turn.compareAndSet(current, next)) {
                    return current.movedTo;
                }
                current = next;
                more |= member.deliverTurn(TURN_ENTRIES);
            }
        }
        return turn.compareAndSet(current, Turn.idle()) ? null : current.movedTo;
    }

    /**
     * Serves an isolated subscriber until it has caught up, timing its turns: once it has kept up for the hub's
     * rejoin period (no turn over half the isolation limit, every serve ending caught up), it goes back to a shared
     * group, so that a subscriber slowed for a while by a busy moment does not keep a thread for good.
     */
    private void serveAlone() {
        long slowTurn = context.isolateAfter().toNanos() / 2;
        for (HubSubscription<T> member : members) {
            boolean more = true;
            while (more) {
                long started = context.ticker().getAsLong();
                more = member.deliverTurn(TURN_ENTRIES);
                if (context.ticker().getAsLong() - started >= slowTurn) {
                    keptUpSince = Long.MIN_VALUE;
                }
            }
            long now = context.ticker().getAsLong();
            if (keptUpSince == Long.MIN_VALUE) {
                keptUpSince = now;
            } else if (now - keptUpSince >= context.rejoinAfter().toNanos() && !member.isCancelled()
                    && stream.rejoin(member, this)) {
                log.debug("a subscriber of {} keeps up again and rejoins a shared delivery group", stream.name());
            }
        }
    }

    /** Starts the watchdog for this task, unless it is on already or nobody needs it: a lone member holds no one up. */
    private void watch() {
        if (!solo && members.size() > 1 && watched.compareAndSet(false, true)) {
            schedule(context.isolateAfter().toNanos());
        }
    }

    private void schedule(long delayNanos) {
        try {
            context.scheduler().schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // The hub is closing and its scheduler takes nothing new: the others get their end without waiting.
            watched.set(false);
            isolate(turn.get(), "as the hub closed");
        }
    }

    /** The watchdog: isolates a member whose turn has lasted too long, and looks again while the task runs. */
    private void check() {
        long limit = context.isolateAfter().toNanos();
        long now = context.ticker().getAsLong();
        Turn<T> current = turn.get();
        if (now - current.started >= limit) {
            isolate(current, "longer than the hub's isolation limit");
            current = turn.get();
        }
        if (pendingSignals.get() > 0 && members.size() > 1) {
            // Next look: when the current turn reaches the limit, or a whole limit from now.
            long untilLimit = current.subscription != null ? current.started + limit - now : limit;
            schedule(untilLimit > 0 ? untilLimit : limit);
            return;
        }
        watched.set(false);
        // A task that started, or a member that joined, between the look above and now found the watchdog still on.
        if (pendingSignals.get() > 0) {
            watch();
        }
    }

    /**
     * Moves the subscriber of a turn that holds the others up to a group of its own, unless the turn is over by now
     * or the subscriber is alone (it holds no one up).
     *
     * @param stuck the turn
     * @param why   how long it held the others up, for the log
     */
    private void isolate(Turn<T> stuck, String why) {
        HubSubscription<T> slow = stuck.subscription;
        if (slow == null || members.size() < 2) {
            return;
        }
        DeliveryGroup<T> own = new DeliveryGroup<>(stream, true);
        // Its task is the thread held up in it now: the one signal it owes is the one that thread answers.
        own.pendingSignals.set(1);
        own.members.add(slow);
        // Set before the turn is taken: the thread that finds its turn gone reads where it went.
        stuck.movedTo = own;
        if (!turn.compareAndSet(stuck, Turn.idle())) {
            return;
        }
        log.debug("a subscriber of {} held its delivery thread {} and gets a thread of its own", stream.name(), why);
        stream.isolate(slow, this, own);
        own.signal();
        // The task is in the slow subscriber's thread: the others get a new one, which owes the signals still due.
        start();
    }

    /** Whose turn it is, since when (ticker nanoseconds, and the ring's head then). Compared by identity. */
    private static final class Turn<T> {
        private static final Turn<?> IDLE = new Turn<>(null, 0, Long.MAX_VALUE);

        final HubSubscription<T> subscription;
        final long started;
        final long startHead;
        volatile DeliveryGroup<T> movedTo;

        Turn(HubSubscription<T> subscription, long started, long startHead) {
            this.subscription = subscription;
            this.started = started;
            this.startHead = startHead;
        }

        @SuppressWarnings("unchecked")
        static <T> Turn<T> idle() {
            return (Turn<T>) IDLE;
        }
    }
}
