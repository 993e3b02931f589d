package io.orbitr.stream;

/** The handle a subscriber holds to leave a stream. */
public interface Subscription extends AutoCloseable {

    /** Leaves the stream; idempotent. The source closes when its last subscriber leaves. */
    void cancel();

    /** @return whether the subscription has ended, by cancellation or by the end of the stream */
    boolean isCancelled();

    /** Same as {@link #cancel()}. */
    @Override
    default void close() {
        cancel();
    }
}
