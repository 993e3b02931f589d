/**
 * The Docker engine's live streams through docker-java's stream client: container logs decoded from the engine's
 * frames into lines, container stats computed as {@code docker stats} computes them.
 */
package io.orbitr.docker.stream;
