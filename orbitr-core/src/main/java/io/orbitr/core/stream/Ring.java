package io.orbitr.core.stream;

import io.orbitr.stream.StreamEvent;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The replay buffer of one shared stream: a fixed ring of entries written by one writer at a time (under its
 * stream's lock) and read by any number of readers without locks. A reader keeps its own position; when the
 * writer laps it, the entry it finds carries another sequence and the reader knows it lost entries.
 *
 * @param <T> the item type
 */
final class Ring<T> {
    private final AtomicReferenceArray<Entry<T>> slots;
    private final int mask;
    private volatile long head;

    /** @param capacity the entries kept, rounded up to a power of two */
    Ring(int capacity) {
        int size = capacity <= 2 ? 2 : Integer.highestOneBit(capacity - 1) << 1;
        this.slots = new AtomicReferenceArray<>(size);
        this.mask = size - 1;
    }

    /** @return how many entries the ring keeps */
    int capacity() {
        return mask + 1;
    }

    /** @return the sequence the next entry will get (the number of entries ever written) */
    long head() {
        return head;
    }

    /** @return the oldest sequence still held */
    long oldest() {
        return Math.max(0, head - capacity());
    }

    /**
     * @param seq a sequence between {@link #oldest()} and {@link #head()}
     * @return the entry in its slot: the one asked for, or a newer one when the writer has overwritten it
     */
    Entry<T> get(long seq) {
        return slots.get((int) (seq & mask));
    }

    /** Appends an item. Callers hold the stream's lock. */
    Entry<T> appendItem(long itemSeq, T item) {
        return publish(Entry.item(head, itemSeq, item));
    }

    /** Appends an event. Callers hold the stream's lock. */
    Entry<T> appendEvent(long lastItemSeq, StreamEvent event) {
        return publish(Entry.event(head, lastItemSeq, event));
    }

    /** Appends the end. Callers hold the stream's lock. */
    Entry<T> appendEnd(long lastItemSeq, Entry.End end) {
        return publish(Entry.end(head, lastItemSeq, end));
    }

    private Entry<T> publish(Entry<T> entry) {
        slots.set((int) (entry.seq & mask), entry);
        // The slot is written before the head moves: a reader that sees the new head sees the entry.
        head = entry.seq + 1;
        return entry;
    }
}
