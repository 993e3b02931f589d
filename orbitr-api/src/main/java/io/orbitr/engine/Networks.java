package io.orbitr.engine;

import io.orbitr.Page;
import io.orbitr.PageRequest;

/**
 * The networks of one engine. Every method is bounded in time and fails with an {@link io.orbitr.OrbitrException}
 * in the user's words, for example {@code no such network orbitr-net} or {@code network orbitr-net is in use by 2
 * containers}. Thread-safe.
 */
public interface Networks {

    /**
     * Lists networks by name, each with the containers attached to it.
     *
     * @param page which slice of the list
     * @return the slice, with the number of networks
     */
    Page<NetworkDetails> list(PageRequest page);

    /**
     * @param network a name or id
     * @return its details, with the containers attached to it
     * @throws io.orbitr.NotFoundException when there is no such network
     */
    NetworkDetails inspect(String network);

    /**
     * @param spec what to create
     * @return the new network
     * @throws io.orbitr.ConflictException when a network of that name exists
     */
    NetworkDetails create(NetworkSpec spec);

    /**
     * Removes a network.
     *
     * @param network a name or id
     * @throws io.orbitr.ConflictException when it is one of the engine's own networks ({@code bridge}, {@code host},
     *     {@code none}) or containers are attached to it
     */
    void remove(String network);

    /**
     * Attaches a container to a network.
     *
     * @param network   a network's name or id
     * @param container a container's name or id
     * @throws io.orbitr.ConflictException when it is attached already
     */
    void connect(String network, String container);

    /**
     * Detaches a container from a network.
     *
     * @param network   a network's name or id
     * @param container a container's name or id
     * @throws io.orbitr.ConflictException when it is not attached
     */
    void disconnect(String network, String container);
}
