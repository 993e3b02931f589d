package io.orbitr.engine;

import java.util.List;

/**
 * What a prune removed.
 *
 * @param removed        the ids or names of what was removed
 * @param reclaimedBytes the disk space freed, as the engine reports it
 */
public record PruneResult(List<String> removed, long reclaimedBytes) {

    /** Freezes the list. */
    public PruneResult {
        removed = List.copyOf(removed);
    }
}
