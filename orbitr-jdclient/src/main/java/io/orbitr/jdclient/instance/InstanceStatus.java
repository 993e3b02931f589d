package io.orbitr.jdclient.instance;

import io.orbitr.process.ProcessStatus;
import java.util.Objects;

/**
 * An instance together with the state of its process.
 *
 * @param instance the instance as stored
 * @param process  its process as the supervisor sees it (STOPPED when the supervisor has not run it)
 */
public record InstanceStatus(Instance instance, ProcessStatus process) {

    /** Refuses nulls. */
    public InstanceStatus {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(process, "process");
    }
}
