/**
 * Docker Swarm through an engine endpoint that is a swarm manager: nodes, services (created from a
 * {@link io.orbitr.engine.swarm.ServiceSpec}, updated with an {@link io.orbitr.engine.swarm.UpdatePolicy}, scaled,
 * removed) and their tasks. {@link io.orbitr.engine.ContainerEngine#swarm()} is the entry point.
 */
package io.orbitr.engine.swarm;
