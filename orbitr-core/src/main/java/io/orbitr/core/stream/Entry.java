package io.orbitr.core.stream;

import io.orbitr.stream.StreamEvent;

/**
 * One slot of a {@link Ring}: an item, an event, or the end of the stream. Immutable, so a reader that finds the
 * sequence it expected in the entry knows the slot was not overwritten under it.
 *
 * @param <T> the item type
 */
final class Entry<T> {
    /** The entry's position in the ring's sequence, from 0. */
    final long seq;
    /** For an item, its number (items are numbered from 1); otherwise the number of the last item before it. */
    final long itemSeq;
    final T item;
    final StreamEvent event;
    final End end;

    private Entry(long seq, long itemSeq, T item, StreamEvent event, End end) {
        this.seq = seq;
        this.itemSeq = itemSeq;
        this.item = item;
        this.event = event;
        this.end = end;
    }

    static <T> Entry<T> item(long seq, long itemSeq, T item) {
        return new Entry<>(seq, itemSeq, item, null, null);
    }

    static <T> Entry<T> event(long seq, long lastItemSeq, StreamEvent event) {
        return new Entry<>(seq, lastItemSeq, null, event, null);
    }

    static <T> Entry<T> end(long seq, long lastItemSeq, End end) {
        return new Entry<>(seq, lastItemSeq, null, null, end);
    }

    boolean isItem() {
        return item != null;
    }

    /**
     * How a stream ended.
     *
     * @param reason why, for {@code onComplete}
     * @param error  the failure, for {@code onError}; null when the stream completed
     */
    record End(String reason, Throwable error) {
    }
}
