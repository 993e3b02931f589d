package io.orbitr.stream;

/**
 * Receives a live stream: a container's or process's log lines, or its stats samples. The shape follows
 * {@link java.util.concurrent.Flow.Subscriber}, with an extra {@link #onEvent(StreamEvent)} for what happens to the
 * stream itself (a reconnect, lines lost to a full queue).
 *
 * <p>Callbacks for one subscriber arrive on one thread at a time, in order. They must be fast and must not throw:
 * a callback that throws cancels its own subscription and nothing else. A slow subscriber never slows the source
 * or the other subscribers; it loses its oldest items instead and is told how many.
 *
 * @param <T> the item type, {@link LogLine} or {@link StatsSample}
 */
public interface StreamSubscriber<T> {

    /**
     * Called once, first, with the handle to cancel the subscription.
     *
     * @param subscription the subscription
     */
    default void onSubscribe(Subscription subscription) {
    }

    /**
     * Called for each item, in order.
     *
     * @param item the item
     */
    void onNext(T item);

    /**
     * Called when something happens to the stream itself.
     *
     * @param event what happened
     */
    default void onEvent(StreamEvent event) {
    }

    /**
     * Called at most once, last, when the stream fails for good.
     *
     * @param error what went wrong, in the user's words
     */
    default void onError(Throwable error) {
    }

    /**
     * Called at most once, last, when the stream ends normally (the container stopped, the follow was not asked
     * for, the subscription was cancelled).
     *
     * @param reason why it ended
     */
    default void onComplete(String reason) {
    }
}
