package io.orbitr.engine;

import io.orbitr.PageRequest;
import io.orbitr.Page;
import java.time.Duration;

/**
 * The images of one engine. Every method is bounded in time and fails with an {@link io.orbitr.OrbitrException} in
 * the user's words, for example {@code no such image nginx:1.27} or {@code image nginx:1.27 is not available: the
 * registry cannot be reached}. Thread-safe.
 */
public interface Images {
    /** How long a pull may take when the caller names no bound. */
    Duration DEFAULT_PULL_TIMEOUT = Duration.ofMinutes(10);

    /**
     * Lists images, newest first.
     *
     * @param page which slice of the list
     * @return the slice, with the number of images
     */
    Page<ImageSummary> list(PageRequest page);

    /**
     * @param image a name ({@code nginx:1.27}) or id
     * @return its details
     * @throws io.orbitr.NotFoundException when there is no such image
     */
    ImageDetails inspect(String image);

    /**
     * Pulls an image from its registry, bounded by {@link #DEFAULT_PULL_TIMEOUT}.
     *
     * @param name     the repository, for example {@code nginx} or {@code ghcr.io/org/app}
     * @param tag      the tag, for example {@code 1.27}
     * @param listener receives progress per layer, with bytes
     * @return the pulled image
     * @throws io.orbitr.UnavailableException when the registry cannot be reached or does not have the image
     */
    default ImageDetails pull(String name, String tag, PullListener listener) {
        return pull(name, tag, listener, DEFAULT_PULL_TIMEOUT);
    }

    /**
     * Pulls an image from its registry.
     *
     * @param name     the repository, for example {@code nginx} or {@code ghcr.io/org/app}
     * @param tag      the tag, for example {@code 1.27}
     * @param listener receives progress per layer, with bytes
     * @param timeout  the bound on the whole pull; a registry that stops answering fails it sooner, after the
     *                 engine's request timeout without a message
     * @return the pulled image
     * @throws io.orbitr.UnavailableException when the registry cannot be reached, does not have the image, or the
     *     pull does not finish in time
     */
    ImageDetails pull(String name, String tag, PullListener listener, Duration timeout);

    /**
     * Removes an image name, and the image when no other name points at it.
     *
     * @param image a name or id
     * @param force whether to remove it even when several names point at it or a stopped container uses it
     * @throws io.orbitr.ConflictException when a container uses it (a running one even with force)
     */
    void remove(String image, boolean force);

    /**
     * Removes dangling images (those no name points at) that no container uses.
     *
     * @param labels only images carrying these labels; {@link LabelFilter#any()} for all
     * @return what was removed
     */
    PruneResult pruneDangling(LabelFilter labels);

    /**
     * Removes every image that no container uses, named or not.
     *
     * @param labels only images carrying these labels; {@link LabelFilter#any()} for all
     * @return what was removed
     */
    PruneResult pruneUnused(LabelFilter labels);
}
