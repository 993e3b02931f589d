/**
 * The {@code docker} health check: a container's state and its own {@code HEALTHCHECK}, judged as Uptime Kuma
 * judges them. It reads the container through {@link io.orbitr.engine.ContainerEngine}, never through docker-java.
 */
package io.orbitr.docker.health;
