package io.orbitr.extension;

import io.orbitr.engine.ContainerRestartPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One service of an extension, with Docker Compose's keys and meaning. Text values may contain
 * {@code ${inputs.NAME}} and the built-ins, replaced at install.
 *
 * @param image            the image reference
 * @param command          overrides the image's command
 * @param entrypoint       overrides the image's entrypoint
 * @param environment      environment variables
 * @param ports            ports, published or not
 * @param volumes          mounts of named volumes and host paths
 * @param labels           container labels (Orbitr adds its own under {@code io.orbitr.})
 * @param restart          the restart policy
 * @param healthcheck      the engine's health check
 * @param dependsOn        services of this extension started first
 * @param user             the user to run as
 * @param workingDir       the working directory
 * @param capAdd           Linux capabilities added
 * @param capDrop          Linux capabilities dropped
 * @param memLimit         a memory limit as Compose writes it ({@code 512m}, {@code 1g})
 * @param cpus             a CPU limit in cores
 */
public record ServiceSpec(String image, List<String> command, List<String> entrypoint,
        Map<String, String> environment, List<ServicePort> ports, List<ServiceVolume> volumes,
        Map<String, String> labels, ContainerRestartPolicy restart, Optional<ServiceHealthcheck> healthcheck,
        List<String> dependsOn, Optional<String> user, Optional<String> workingDir, List<String> capAdd,
        List<String> capDrop, Optional<String> memLimit, OptionalDouble cpus) {

    /** Checks for nulls and freezes the collections. */
    public ServiceSpec {
        Objects.requireNonNull(image, "image");
        command = Values.list("command", command);
        entrypoint = Values.list("entrypoint", entrypoint);
        environment = Values.map("environment", environment);
        ports = Values.list("ports", ports);
        volumes = Values.list("volumes", volumes);
        labels = Values.map("labels", labels);
        Objects.requireNonNull(restart, "restart");
        Objects.requireNonNull(healthcheck, "healthcheck");
        dependsOn = Values.list("dependsOn", dependsOn);
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(workingDir, "workingDir");
        capAdd = Values.list("capAdd", capAdd);
        capDrop = Values.list("capDrop", capDrop);
        Objects.requireNonNull(memLimit, "memLimit");
        Objects.requireNonNull(cpus, "cpus");
    }

    /**
     * @param image the image reference
     * @return a builder with Compose's defaults (restart {@code no})
     */
    public static Builder builder(String image) {
        return new Builder(image);
    }

    /** @return a builder holding this service's values */
    public Builder toBuilder() {
        Builder builder = new Builder(image).command(command).entrypoint(entrypoint).environment(environment)
                .restart(restart).dependsOn(dependsOn).capAdd(capAdd).capDrop(capDrop);
        ports.forEach(builder::port);
        volumes.forEach(builder::volume);
        builder.labels.putAll(labels);
        healthcheck.ifPresent(builder::healthcheck);
        user.ifPresent(builder::user);
        workingDir.ifPresent(builder::workingDir);
        memLimit.ifPresent(builder::memLimit);
        cpus.ifPresent(builder::cpus);
        return builder;
    }

    /** Builds a {@link ServiceSpec}; not thread-safe. */
    public static final class Builder {
        private String image;
        private List<String> command = List.of();
        private List<String> entrypoint = List.of();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final List<ServicePort> ports = new ArrayList<>();
        private final List<ServiceVolume> volumes = new ArrayList<>();
        private final Map<String, String> labels = new LinkedHashMap<>();
        private ContainerRestartPolicy restart = ContainerRestartPolicy.no();
        private Optional<ServiceHealthcheck> healthcheck = Optional.empty();
        private List<String> dependsOn = List.of();
        private Optional<String> user = Optional.empty();
        private Optional<String> workingDir = Optional.empty();
        private List<String> capAdd = List.of();
        private List<String> capDrop = List.of();
        private Optional<String> memLimit = Optional.empty();
        private OptionalDouble cpus = OptionalDouble.empty();

        private Builder(String image) {
            this.image = Objects.requireNonNull(image, "image");
        }

        /** @param value the image @return this builder */
        public Builder image(String value) {
            this.image = Objects.requireNonNull(value, "image");
            return this;
        }

        /** @param value the command @return this builder */
        public Builder command(List<String> value) {
            this.command = List.copyOf(value);
            return this;
        }

        /** @param value the command @return this builder */
        public Builder command(String... value) {
            return command(List.of(value));
        }

        /** @param value the entrypoint @return this builder */
        public Builder entrypoint(List<String> value) {
            this.entrypoint = List.copyOf(value);
            return this;
        }

        /** @param name a variable @param value its value @return this builder */
        public Builder env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        /** @param values variables @return this builder */
        public Builder environment(Map<String, String> values) {
            environment.putAll(values);
            return this;
        }

        /** @param value a port @return this builder */
        public Builder port(ServicePort value) {
            ports.add(Objects.requireNonNull(value, "port"));
            return this;
        }

        /** @param value a mount @return this builder */
        public Builder volume(ServiceVolume value) {
            volumes.add(Objects.requireNonNull(value, "volume"));
            return this;
        }

        /** @param key a label @param value its value @return this builder */
        public Builder label(String key, String value) {
            labels.put(key, value);
            return this;
        }

        /** @param value the restart policy @return this builder */
        public Builder restart(ContainerRestartPolicy value) {
            this.restart = Objects.requireNonNull(value, "restart");
            return this;
        }

        /** @param value the engine's health check @return this builder */
        public Builder healthcheck(ServiceHealthcheck value) {
            this.healthcheck = Optional.of(value);
            return this;
        }

        /** @param value services started first @return this builder */
        public Builder dependsOn(List<String> value) {
            this.dependsOn = List.copyOf(value);
            return this;
        }

        /** @param value the user @return this builder */
        public Builder user(String value) {
            this.user = Optional.of(value);
            return this;
        }

        /** @param value the working directory @return this builder */
        public Builder workingDir(String value) {
            this.workingDir = Optional.of(value);
            return this;
        }

        /** @param value capabilities added @return this builder */
        public Builder capAdd(List<String> value) {
            this.capAdd = List.copyOf(value);
            return this;
        }

        /** @param value capabilities dropped @return this builder */
        public Builder capDrop(List<String> value) {
            this.capDrop = List.copyOf(value);
            return this;
        }

        /** @param value a memory limit such as {@code 512m} @return this builder */
        public Builder memLimit(String value) {
            this.memLimit = Optional.of(value);
            return this;
        }

        /** @param value a CPU limit in cores @return this builder */
        public Builder cpus(double value) {
            this.cpus = OptionalDouble.of(value);
            return this;
        }

        /** @return the service */
        public ServiceSpec build() {
            return new ServiceSpec(image, command, entrypoint, environment, ports, volumes, labels, restart,
                    healthcheck, dependsOn, user, workingDir, capAdd, capDrop, memLimit, cpus);
        }
    }
}
