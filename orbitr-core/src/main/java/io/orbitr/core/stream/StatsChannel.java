package io.orbitr.core.stream;

import io.orbitr.stream.SourceEnd;
import io.orbitr.stream.SourceHandle;
import io.orbitr.stream.SourceSink;
import io.orbitr.stream.StatsSample;
import io.orbitr.stream.StatsSource;
import io.orbitr.stream.StreamSubscriber;
import java.util.List;

/** The shared stream of one producer's stats: a late subscriber starts with the latest sample. */
final class StatsChannel extends SharedStream<StatsSample> {
    private final StatsSource source;

    StatsChannel(HubContext context, StatsSource source) {
        super(context, source.key(), source.name(), context.replaySamples());
        this.source = source;
    }

    /**
     * @param subscriber    the subscriber
     * @param queueCapacity how far it may fall behind
     * @return the subscription, or null when this channel has ended
     */
    HubSubscription<StatsSample> subscribe(StreamSubscriber<StatsSample> subscriber, int queueCapacity) {
        return join(subscriber, HubSubscription.EVERYTHING, queueCapacity, this::placeAtLatest);
    }

    @Override
    SourceHandle openSource(SourceSink<StatsSample> sink) {
        return source.open(sink);
    }

    @Override
    StatsSample admit(StatsSample item, long itemSeq) {
        return item;
    }

    @Override
    void finished(SourceEnd end) {
        end(new Entry.End(end.reason(), null));
    }

    @Override
    void beforeReopen() {
        // Samples are not resumed: the next one is simply the next one.
    }

    private void placeAtLatest(HubSubscription<StatsSample> subscription) {
        Ring<StatsSample> ring = ring();
        long head = ring.head();
        for (long seq = head - 1; seq >= ring.oldest(); seq--) {
            Entry<StatsSample> entry = ring.get(seq);
            if (entry.isItem()) {
                subscription.position(seq, entry.itemSeq - 1, head, List.of());
                return;
            }
        }
        subscription.position(head, lastItemSeq(), head, List.of());
    }
}
