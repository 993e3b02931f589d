package io.orbitr.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An image as a list shows it.
 *
 * @param id        the image id ({@code sha256:...})
 * @param repoTags  its names, for example {@code nginx:1.27}; empty for a dangling image
 * @param sizeBytes its size on disk, layers shared with other images included
 * @param created   when it was built
 * @param labels    its labels
 */
public record ImageSummary(String id, List<String> repoTags, long sizeBytes, Instant created,
        Map<String, String> labels) {

    /** Validates and freezes the summary. */
    public ImageSummary {
        Objects.requireNonNull(id, "id");
        repoTags = List.copyOf(repoTags);
        Objects.requireNonNull(created, "created");
        labels = EngineValues.freeze("labels", labels);
    }

    /** @return whether no name points at it any more */
    public boolean isDangling() {
        return repoTags.isEmpty();
    }
}
