package io.orbitr.engine;

import java.util.Objects;

/**
 * One progress message of an image pull.
 *
 * @param image        the image being pulled, as {@code name:tag}
 * @param layer        the layer the message is about; empty for messages about the whole pull
 * @param status       the engine's status text, for example {@code Downloading}, {@code Extracting},
 *                     {@code Pull complete}
 * @param currentBytes the layer's bytes done so far; 0 when the message carries no count
 * @param totalBytes   the layer's size; 0 when unknown
 */
public record PullProgress(String image, String layer, String status, long currentBytes, long totalBytes) {

    /** Refuses nulls. */
    public PullProgress {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(status, "status");
    }
}
