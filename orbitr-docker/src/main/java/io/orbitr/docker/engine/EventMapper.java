package io.orbitr.docker.engine;

import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import io.orbitr.engine.EngineEvent;
import java.time.Instant;
import java.util.Map;

/** Reads docker-java's events into Orbitr's. */
final class EventMapper {
    private EventMapper() {
    }

    static EngineEvent event(Event e) {
        String raw = e.getAction() != null ? e.getAction() : ContainerMapper.text(e.getStatus());
        // Some actions carry a value after a colon: "health_status: healthy", "exec_start: sh -c ...".
        int colon = raw.indexOf(':');
        String action = colon < 0 ? raw : raw.substring(0, colon).trim();
        String detail = colon < 0 ? "" : raw.substring(colon + 1).trim();
        String actorId = e.getActor() != null && e.getActor().getId() != null ? e.getActor().getId()
                : ContainerMapper.text(e.getId());
        Map<String, String> attributes = e.getActor() == null || e.getActor().getAttributes() == null ? Map.of()
                : e.getActor().getAttributes();
        return new EngineEvent(type(e.getType()), action, detail, actorId, attributes, Instant.ofEpochSecond(0,
                timeNanos(e)));
    }

    static long timeNanos(Event e) {
        if (e.getTimeNano() != null) {
            return e.getTimeNano();
        }
        return e.getTime() == null ? 0 : e.getTime() * 1_000_000_000L;
    }

    static EngineEvent.Type type(EventType type) {
        if (type == null) {
            return EngineEvent.Type.OTHER;
        }
        return switch (type) {
            case CONTAINER -> EngineEvent.Type.CONTAINER;
            case IMAGE -> EngineEvent.Type.IMAGE;
            case NETWORK -> EngineEvent.Type.NETWORK;
            case VOLUME -> EngineEvent.Type.VOLUME;
            case DAEMON -> EngineEvent.Type.DAEMON;
            case PLUGIN -> EngineEvent.Type.PLUGIN;
            default -> EngineEvent.Type.OTHER;
        };
    }
}
