package io.orbitr.engine;

/**
 * Receives the progress of an image pull, on the pull's own thread. Must be fast; what it throws is logged and
 * ignored, so a faulty listener never breaks the pull.
 */
@FunctionalInterface
public interface PullListener {

    /** A listener that ignores every message. */
    PullListener NONE = progress -> { };

    /**
     * @param progress one message from the engine
     */
    void onProgress(PullProgress progress);
}
