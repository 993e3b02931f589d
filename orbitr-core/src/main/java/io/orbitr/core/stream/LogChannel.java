package io.orbitr.core.stream;

import io.orbitr.stream.LogLine;
import io.orbitr.stream.LogOptions;
import io.orbitr.stream.LogQuery;
import io.orbitr.stream.LogSource;
import io.orbitr.stream.SourceEnd;
import io.orbitr.stream.SourceHandle;
import io.orbitr.stream.SourceSink;
import io.orbitr.stream.StreamEvent;
import io.orbitr.stream.StreamSubscriber;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shared stream of one log. It reads in phases, each a separate request to the source:
 * <ol>
 * <li>history: the last lines (as many as the replay buffer holds, or what the first subscriber asked for), not
 * followed, so that the end of the history is known and every subscriber's tail or since can be served from it;
 * <li>live: followed, from a second before the last line delivered, duplicates dropped by the {@link LineSequencer};
 * <li>after a break, catch-up: the lines since the last one delivered, held back until the read ends: if it
 * brought as many lines as it asked for, it may have cut off older ones, and a full read since that instant
 * replaces it. Then live again.
 * </ol>
 * Asking for "the last N lines since T" rather than "every line since T" keeps resuming cheap: an engine finds the
 * last lines of a log file at its end, but every line since an instant by scanning the file from its start.
 *
 * <p>A one-shot channel (a subscriber that does not follow) stops after the history.
 */
final class LogChannel extends SharedStream<LogLine> {

    private enum Phase { HISTORY, CATCH_UP, FULL_CATCH_UP, LIVE }

    private final LogSource source;
    private final boolean oneShot;
    private final LogQuery historyQuery;
    private final LineSequencer sequencer = new LineSequencer();
    private final Map<HubSubscription<LogLine>, LogOptions> waiting = new LinkedHashMap<>();
    private final List<LogLine> held = new ArrayList<>();
    private Phase phase = Phase.HISTORY;
    private boolean historyDone;
    private long historyLines;
    private Instant firstHistoryTimestamp;
    private long caughtUp;
    /** The ring holds every line written at or after this instant ({@link Instant#MIN}: the whole log); null: unknown. */
    private Instant coverage;

    /**
     * @param context the hub's context
     * @param source  the log
     * @param creator the first subscriber's options: they decide how much history is read
     * @param oneShot whether the channel serves one subscriber that does not follow
     */
    LogChannel(HubContext context, LogSource source, LogOptions creator, boolean oneShot) {
        super(context, source.key(), source.name(), context.replayLines());
        this.source = source;
        this.oneShot = oneShot;
        LogQuery history = LogQuery.all();
        if (creator.tail().isPresent()) {
            history = history.withTail(Math.max(creator.tail().getAsInt(), context.replayLines()));
        }
        this.historyQuery = creator.since().map(history::withSince).orElse(history);
    }

    /**
     * @param subscriber    the subscriber
     * @param options       what it asks for
     * @param queueCapacity how far it may fall behind
     * @return the subscription, or null when this channel has ended
     */
    HubSubscription<LogLine> subscribe(StreamSubscriber<LogLine> subscriber, LogOptions options, int queueCapacity) {
        return join(subscriber, options.filter(), queueCapacity, subscription -> place(subscription, options));
    }

    @Override
    SourceHandle openSource(SourceSink<LogLine> sink) {
        LogQuery query = switch (phase) {
            case HISTORY -> historyQuery;
            case CATCH_UP -> resumeQuery(false).withTail(context.resumeTail());
            case FULL_CATCH_UP -> resumeQuery(false);
            case LIVE -> resumeQuery(true).withTail(context.resumeTail());
        };
        caughtUp = 0;
        return source.open(query, sink);
    }

    @Override
    LogLine admit(LogLine line, long itemSeq) {
        switch (phase) {
            case HISTORY -> {
                if (historyLines++ == 0) {
                    firstHistoryTimestamp = line.timestamp();
                }
            }
            case CATCH_UP -> {
                // Held until the read ends; past the limit the read is replaced anyway.
                if (caughtUp++ < context.resumeTail()) {
                    held.add(line);
                }
                return null;
            }
            default -> {
            }
        }
        if (!sequencer.admit(line)) {
            return null;
        }
        // A first read numbers its lines from 1 as the hub does: no copy needed then.
        return line.id() == itemSeq ? line : line.withId(itemSeq);
    }

    @Override
    void finished(SourceEnd end) {
        switch (phase) {
            case HISTORY -> {
                historyDone(true);
                next();
            }
            case CATCH_UP -> {
                if (caughtUp >= context.resumeTail()) {
                    // As many lines as asked for: older ones since the last delivered line may be cut off.
                    held.clear();
                    phase = Phase.FULL_CATCH_UP;
                    sequencer.beginResume();
                    open();
                } else {
                    phase = Phase.FULL_CATCH_UP;
                    publishHeld(List.copyOf(held));
                    held.clear();
                    next();
                }
            }
            case FULL_CATCH_UP -> next();
            case LIVE -> end(new Entry.End("the log of " + name() + " ended", null));
            default -> throw new IllegalStateException("unknown phase " + phase);
        }
    }

    @Override
    void beforeReopen() {
        held.clear();
        if (!historyDone && !sequencer.seenAny()) {
            // Nothing delivered yet: read the history again.
            historyLines = 0;
            phase = Phase.HISTORY;
            return;
        }
        if (!historyDone) {
            historyDone(false);
        }
        phase = Phase.CATCH_UP;
        sequencer.beginResume();
    }

    @Override
    void placeWaiting() {
        waiting.forEach(this::select);
        waiting.clear();
    }

    /** After the history or a catch-up: follow, unless this channel only reads. */
    private void next() {
        if (oneShot) {
            end(new Entry.End("read the log of " + name(), null));
            return;
        }
        phase = Phase.LIVE;
        sequencer.beginResume();
        open();
    }

    private LogQuery resumeQuery(boolean follow) {
        LogQuery query = LogQuery.all().withFollow(follow);
        Optional<Instant> since = sequencer.resumeSince().or(historyQuery::since);
        return since.map(query::withSince).orElse(query);
    }

    private void historyDone(boolean complete) {
        historyDone = true;
        boolean cut = historyQuery.tail().isPresent() && historyLines >= historyQuery.tail().getAsInt();
        if (!complete) {
            coverage = null;
        } else if (cut) {
            coverage = firstHistoryTimestamp;
        } else {
            coverage = historyQuery.since().orElse(Instant.MIN);
        }
        placeWaiting();
    }

    /** Places a subscriber now, or once the history is in. Called under the lock. */
    private void place(HubSubscription<LogLine> subscription, LogOptions options) {
        if (historyDone) {
            select(subscription, options);
        } else if (wantsWholeHistory(options)) {
            // It asks for everything the history read brings: it reads along from the first line.
            subscription.position(0, 0, ring().head(), List.of());
        } else {
            waiting.put(subscription, options);
        }
    }

    private boolean wantsWholeHistory(LogOptions options) {
        boolean tailCovers = options.tail().isEmpty() || (historyQuery.tail().isPresent()
                && options.tail().getAsInt() >= historyQuery.tail().getAsInt());
        return tailCovers && options.since().equals(historyQuery.since());
    }

    /**
     * Finds where a subscriber starts in the replay buffer: the oldest of the last {@code tail} lines that pass its
     * filter, none before {@code since}. Called under the lock.
     */
    private void select(HubSubscription<LogLine> subscription, LogOptions options) {
        Ring<LogLine> ring = ring();
        long head = ring.head();
        int wanted = options.tail().orElse(Integer.MAX_VALUE);
        Instant since = options.since().orElse(null);
        long start = head;
        int found = 0;
        boolean satisfied = wanted == 0;
        for (long seq = head - 1; seq >= ring.oldest() && !satisfied; seq--) {
            Entry<LogLine> entry = ring.get(seq);
            if (!entry.isItem()) {
                continue;
            }
            if (since != null && entry.item.timestamp().isBefore(since)) {
                satisfied = true;
            } else if (options.filter().test(entry.item)) {
                start = seq;
                satisfied = ++found == wanted;
            }
        }
        List<StreamEvent> opening = satisfied || covers(since) ? List.of() : List.of(truncated(found));
        long itemsBefore = start < head ? ring.get(start).itemSeq - 1 : lastItemSeq();
        subscription.position(start, itemsBefore, head, opening);
    }

    /** @return whether the ring holds every line written at or after {@code since} (null: from the start) */
    private boolean covers(Instant since) {
        Instant from = coverage;
        Ring<LogLine> ring = ring();
        if (from != null && ring.head() > ring.capacity()) {
            Instant oldest = oldestHeld();
            from = oldest == null || oldest.isBefore(from) ? from : oldest;
        }
        if (from == null) {
            return false;
        }
        return from.equals(Instant.MIN) || (since != null && !since.isBefore(from));
    }

    private Instant oldestHeld() {
        Ring<LogLine> ring = ring();
        for (long seq = ring.oldest(); seq < ring.head(); seq++) {
            Entry<LogLine> entry = ring.get(seq);
            if (entry.isItem()) {
                return entry.item.timestamp();
            }
        }
        return null;
    }

    private StreamEvent truncated(int found) {
        Instant oldest = oldestHeld();
        return StreamEvent.of(StreamEvent.Kind.TRUNCATED, "the replay buffer of " + name() + " holds " + found
                + " of the lines asked for" + (oldest == null ? "" : ", from " + oldest)
                + ": older lines are not replayed (StreamHub.downloads() reads the whole log)");
    }
}
