package io.orbitr.engine.swarm;

/** Where a swarm service's published ports answer. */
public enum PublishMode {
    /** On every node, through the swarm's routing mesh (Docker's default; needs IPVS on the nodes). */
    INGRESS,
    /** Only on the node that runs the task, as a container's published port (one task per node and port). */
    HOST
}
