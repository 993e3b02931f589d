package io.orbitr.engine.swarm;

import java.util.List;
import java.util.Optional;

/**
 * The swarm of an engine endpoint that is a swarm manager ({@code docker swarm init}). Every call on an engine that
 * is not a manager fails with an {@link io.orbitr.ConflictException} that says so; an endpoint that does not answer
 * fails with an {@link io.orbitr.UnavailableException} that names it. Thread-safe.
 *
 * <pre>{@code
 * Swarm swarm = orbitr.engines().get("edge").swarm();
 * swarm.create(ServiceSpec.builder("web", "nginx:1.27").replicas(3).build());
 * swarm.scale("web", 5);
 * List<SwarmTask> tasks = swarm.tasks("web");
 * }</pre>
 *
 * <p>Service logs are a stream: {@code orbitr.streams().serviceLogs("edge", "web", options, subscriber)}.
 */
public interface Swarm {

    /** @return whether the endpoint is a manager of an active swarm */
    boolean isManager();

    /** @return the swarm's nodes, managers first, then by host name */
    List<SwarmNode> nodes();

    /**
     * @param node the node's id or host name
     * @return the node
     * @throws io.orbitr.NotFoundException when there is no such node
     */
    SwarmNode node(String node);

    /**
     * Sets whether tasks may be placed on a node; the node's role and labels stay.
     *
     * @param node         the node's id or host name
     * @param availability active, pause or drain
     * @return the node as it is now
     */
    SwarmNode availability(String node, NodeAvailability availability);

    /** @return the swarm's services, by name */
    List<ServiceDetails> services();

    /**
     * @param service the service's name or id
     * @return the service, or empty
     */
    Optional<ServiceDetails> find(String service);

    /**
     * @param service the service's name or id
     * @return the service
     * @throws io.orbitr.NotFoundException when there is no such service
     */
    ServiceDetails inspect(String service);

    /**
     * Creates a replicated service. The image is not resolved in a registry: nodes use the image they have.
     *
     * @param spec what it runs
     * @return the new service's id
     * @throws io.orbitr.ConflictException when a service of that name exists
     */
    String create(ServiceSpec spec);

    /**
     * Replaces a service's spec; its tasks are replaced as the spec's {@link UpdatePolicy} says. The name cannot
     * change.
     *
     * @param service the service's name or id
     * @param spec    the new spec
     * @return the service as it is now
     */
    ServiceDetails update(String service, ServiceSpec spec);

    /**
     * @param service  the service's name or id
     * @param replicas how many tasks it should run
     * @return the service as it is now
     */
    ServiceDetails scale(String service, int replicas);

    /**
     * Removes a service; the manager stops its tasks.
     *
     * @param service the service's name or id
     * @throws io.orbitr.NotFoundException when there is no such service
     */
    void remove(String service);

    /**
     * @param service the service's name or id
     * @return its tasks, the current ones first (by slot), then the ones they replaced
     */
    List<SwarmTask> tasks(String service);
}
