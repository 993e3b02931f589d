package io.orbitr.engine;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which containers a list returns. Immutable; start from {@link #all()} or {@link #running()} and narrow down.
 *
 * <pre>{@code
 * ContainerQuery.all().withLabel("io.orbitr.app", "web").withStatus(ContainerStatus.EXITED)
 * }</pre>
 *
 * @param includeStopped whether containers that are not up (created, exited, dead) are listed
 * @param statuses       when not empty, only containers in one of these states (implies {@code includeStopped})
 * @param labels         the labels a container must carry
 * @param nameContains   when present, only containers whose name contains this text
 */
public record ContainerQuery(boolean includeStopped, Set<ContainerStatus> statuses, LabelFilter labels,
        Optional<String> nameContains) {

    /** Validates and freezes the query. */
    public ContainerQuery {
        statuses = statuses.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(statuses));
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(nameContains, "nameContains");
        nameContains.ifPresent(name -> EngineValues.requireText("name filter", name));
    }

    /** @return every container, whatever its state */
    public static ContainerQuery all() {
        return new ContainerQuery(true, Set.of(), LabelFilter.any(), Optional.empty());
    }

    /** @return the containers that are up (running, paused or restarting), as {@code docker ps} lists them */
    public static ContainerQuery running() {
        return new ContainerQuery(false, Set.of(), LabelFilter.any(), Optional.empty());
    }

    /**
     * @param key   a label name
     * @param value its value
     * @return a copy that also requires this label
     */
    public ContainerQuery withLabel(String key, String value) {
        return new ContainerQuery(includeStopped, statuses, labels.with(key, value), nameContains);
    }

    /**
     * @param key a label name
     * @return a copy that also requires this label, with any value
     */
    public ContainerQuery withLabel(String key) {
        return new ContainerQuery(includeStopped, statuses, labels.with(key), nameContains);
    }

    /**
     * @param filter labels to require
     * @return a copy with these labels required instead of the current ones
     */
    public ContainerQuery withLabels(LabelFilter filter) {
        return new ContainerQuery(includeStopped, statuses, filter, nameContains);
    }

    /**
     * @param text part of a container name
     * @return a copy that only lists containers whose name contains the text
     */
    public ContainerQuery withNameContaining(String text) {
        return new ContainerQuery(includeStopped, statuses, labels, Optional.of(text));
    }

    /**
     * @param wanted the states to list
     * @return a copy that only lists containers in one of these states
     */
    public ContainerQuery withStatus(ContainerStatus... wanted) {
        return new ContainerQuery(includeStopped, Set.copyOf(List.of(wanted)), labels, nameContains);
    }
}
