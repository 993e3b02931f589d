package io.orbitr.engine;

import io.orbitr.Page;
import io.orbitr.PageRequest;

/**
 * The volumes of one engine. Every method is bounded in time and fails with an {@link io.orbitr.OrbitrException} in
 * the user's words, for example {@code no such volume web-data} or {@code volume web-data is in use by 1 container
 * (web-1)}. Thread-safe.
 */
public interface Volumes {

    /**
     * Lists volumes by name.
     *
     * @param page which slice of the list
     * @return the slice, with the number of volumes
     */
    Page<VolumeDetails> list(PageRequest page);

    /**
     * @param volume a name
     * @return its details
     * @throws io.orbitr.NotFoundException when there is no such volume
     */
    VolumeDetails inspect(String volume);

    /**
     * Creates a volume; creating one that exists with the same driver returns it unchanged, as the engine does.
     *
     * @param spec what to create
     * @return the volume
     */
    VolumeDetails create(VolumeSpec spec);

    /**
     * Removes a volume and its data.
     *
     * @param volume a name
     * @param force  whether to remove the containers that use it first (running ones are killed); without it, a
     *               volume in use is refused
     * @throws io.orbitr.ConflictException when containers use it and {@code force} is false
     */
    void remove(String volume, boolean force);

    /**
     * Removes every volume that no container uses.
     *
     * @param labels only volumes carrying these labels; {@link LabelFilter#any()} for all
     * @return what was removed
     */
    PruneResult prune(LabelFilter labels);
}
