package io.orbitr.engine;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened in the engine: a container started or died, its health check flipped, an image was
 * pulled, a network or volume was created or removed.
 *
 * @param type       what kind of object it happened to
 * @param action     what happened, for example {@code start}, {@code die}, {@code health_status}, {@code pull},
 *                   {@code connect}, {@code destroy}
 * @param detail     what the engine appends to some actions after a colon, for example {@code healthy} for
 *                   {@code health_status: healthy}; empty for most
 * @param actorId    the object's id (for an image, often its name)
 * @param attributes what the engine adds: {@code name}, {@code image}, {@code exitCode}, labels...
 * @param time       when it happened, to the nanosecond
 */
public record EngineEvent(Type type, String action, String detail, String actorId, Map<String, String> attributes,
        Instant time) {

    /** The kinds of object an event is about. */
    public enum Type {
        /** A container. */
        CONTAINER,
        /** An image. */
        IMAGE,
        /** A network. */
        NETWORK,
        /** A volume. */
        VOLUME,
        /** The engine itself. */
        DAEMON,
        /** A plug-in. */
        PLUGIN,
        /** Anything else (swarm services, nodes, secrets, configs). */
        OTHER;

        /** @return the engine's name, for example {@code container} */
        public String engineName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Refuses nulls and freezes the attributes. */
    public EngineEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(actorId, "actorId");
        attributes = EngineValues.freeze("attributes", attributes);
        Objects.requireNonNull(time, "time");
    }

    /** @return the object's name, when the engine names it (containers, networks, volumes by their name) */
    public Optional<String> actorName() {
        return Optional.ofNullable(attributes.get("name"));
    }

    /**
     * @return for a {@code health_status} event, the new status
     */
    public Optional<ContainerHealth.Status> healthStatus() {
        if (!action.equals("health_status") || detail.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(ContainerHealth.Status.fromEngineName(detail));
    }
}
