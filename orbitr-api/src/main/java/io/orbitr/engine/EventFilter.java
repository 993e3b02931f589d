package io.orbitr.engine;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which engine events a subscriber receives. Immutable; start from {@link #all()} and narrow down.
 *
 * <pre>{@code
 * EventFilter.all().types(EngineEvent.Type.CONTAINER).actions("start", "die", "health_status").container("web-1")
 * }</pre>
 *
 * @param types      when not empty, only events about these kinds of object
 * @param actions    when not empty, only these actions ({@code health_status} matches every health status)
 * @param containers when not empty, only events about these containers (names or ids)
 * @param labels     only events whose object carries these labels
 * @param since      when present, first replay the events from this instant on, then follow live
 */
public record EventFilter(Set<EngineEvent.Type> types, Set<String> actions, Set<String> containers,
        LabelFilter labels, Optional<Instant> since) {

    /** Validates and freezes the filter. */
    public EventFilter {
        types = types.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(types));
        actions = Collections.unmodifiableSet(new LinkedHashSet<>(actions));
        actions.forEach(a -> EngineValues.requireText("event action", a));
        containers = Collections.unmodifiableSet(new LinkedHashSet<>(containers));
        containers.forEach(c -> EngineValues.requireText("container", c));
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(since, "since");
    }

    /** @return every event, live from now on */
    public static EventFilter all() {
        return new EventFilter(Set.of(), Set.of(), Set.of(), LabelFilter.any(), Optional.empty());
    }

    /**
     * @param wanted kinds of object
     * @return a copy that only passes events about these kinds
     */
    public EventFilter types(EngineEvent.Type... wanted) {
        return new EventFilter(Set.copyOf(List.of(wanted)), actions, containers, labels, since);
    }

    /**
     * @param wanted actions, for example {@code start}, {@code die}, {@code health_status}
     * @return a copy that only passes these actions
     */
    public EventFilter actions(String... wanted) {
        return new EventFilter(types, Set.copyOf(List.of(wanted)), containers, labels, since);
    }

    /**
     * @param wanted container names or ids
     * @return a copy that only passes events about these containers
     */
    public EventFilter container(String... wanted) {
        return new EventFilter(types, actions, Set.copyOf(List.of(wanted)), labels, since);
    }

    /**
     * @param filter labels the event's object must carry
     * @return a copy with this label filter
     */
    public EventFilter labels(LabelFilter filter) {
        return new EventFilter(types, actions, containers, filter, since);
    }

    /**
     * @param instant where to start the replay
     * @return a copy that first replays events from this instant on
     */
    public EventFilter since(Instant instant) {
        return new EventFilter(types, actions, containers, labels, Optional.of(instant));
    }

    /**
     * @param event an event
     * @return whether this filter passes it (the engine filters too; this is the exact rule)
     */
    public boolean matches(EngineEvent event) {
        return (types.isEmpty() || types.contains(event.type()))
                && (actions.isEmpty() || actions.contains(event.action()))
                && (containers.isEmpty() || event.type() == EngineEvent.Type.CONTAINER
                        && (containers.contains(event.actorId())
                                || event.actorName().filter(containers::contains).isPresent()))
                && labels.matches(event.attributes());
    }
}
