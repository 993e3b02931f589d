package io.orbitr.engine;

import io.orbitr.InvalidValueException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything needed to create a container. Built with {@link #builder(String)}; immutable.
 *
 * <pre>{@code
 * ContainerSpec spec = ContainerSpec.builder("nginx:1.27")
 *         .name("web-1")
 *         .port(PortBinding.tcp(80).onHost("127.0.0.1", 8080))
 *         .mount(Mount.volume("web-data", "/usr/share/nginx/html"))
 *         .network("orbitr-net")
 *         .label("io.orbitr.app", "web")
 *         .restartPolicy(ContainerRestartPolicy.unlessStopped())
 *         .healthCheck(ContainerHealthCheck.shell("wget -q -O- http://127.0.0.1/ || exit 1"))
 *         .limits(ContainerLimits.none().withMemory(256L << 20).withCpus(0.5))
 *         .build();
 * }</pre>
 *
 * @param image            the image, for example {@code nginx:1.27}; it must be present locally
 * @param name             the container's name; empty lets the engine choose one
 * @param command          the command, replacing the image's; empty keeps the image's
 * @param entrypoint       the entrypoint, replacing the image's; empty keeps the image's
 * @param environment      environment variables, added to the image's
 * @param ports            ports to publish on the host
 * @param mounts           binds, named volumes and tmpfs mounts
 * @param networks         networks to join, the first at creation and the others right after; empty for the
 *                         engine's default bridge
 * @param labels           labels
 * @param restartPolicy    what the engine does when the main process ends
 * @param healthCheck      the container's own health check, replacing the image's; empty keeps the image's
 * @param limits           memory and CPU limits
 * @param workingDirectory the working directory, replacing the image's; empty keeps the image's
 * @param user             the user to run as; empty keeps the image's
 * @param tty              whether the container gets a terminal (its output is then one raw stream)
 * @param capabilitiesAdded   Linux capabilities added, as Compose's {@code cap_add}
 * @param capabilitiesDropped Linux capabilities dropped, as Compose's {@code cap_drop}
 * @param networkAliases   extra DNS names of the container on its first network (Compose gives each container its
 *                         service's name there); empty for none
 */
public record ContainerSpec(
        String image,
        Optional<String> name,
        List<String> command,
        List<String> entrypoint,
        Map<String, String> environment,
        List<PortBinding> ports,
        List<Mount> mounts,
        List<String> networks,
        Map<String, String> labels,
        ContainerRestartPolicy restartPolicy,
        Optional<ContainerHealthCheck> healthCheck,
        ContainerLimits limits,
        Optional<String> workingDirectory,
        Optional<String> user,
        boolean tty,
        List<String> capabilitiesAdded,
        List<String> capabilitiesDropped,
        List<String> networkAliases) {

    /** Validates the spec and freezes its collections. */
    public ContainerSpec {
        EngineValues.requireText("image", image);
        if (image.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidValueException("image", image, "must not contain whitespace");
        }
        Objects.requireNonNull(name, "name");
        name.ifPresent(n -> EngineValues.requireName("container name", n));
        command = EngineValues.freeze("command", command);
        entrypoint = EngineValues.freeze("entrypoint", entrypoint);
        environment = EngineValues.freeze("environment", environment);
        environment.keySet().forEach(ContainerSpec::requireVariable);
        ports = EngineValues.freeze("ports", ports);
        mounts = EngineValues.freeze("mounts", mounts);
        requireDistinctTargets(mounts);
        networks = EngineValues.freeze("networks", networks);
        networks.forEach(n -> EngineValues.requireName("network", n));
        labels = EngineValues.freeze("labels", labels);
        Objects.requireNonNull(restartPolicy, "restartPolicy");
        Objects.requireNonNull(healthCheck, "healthCheck");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        workingDirectory.ifPresent(dir -> {
            if (!dir.startsWith("/")) {
                throw new InvalidValueException("working directory", dir, "must be an absolute path");
            }
        });
        Objects.requireNonNull(user, "user");
        capabilitiesAdded = EngineValues.freeze("capabilitiesAdded", capabilitiesAdded);
        capabilitiesDropped = EngineValues.freeze("capabilitiesDropped", capabilitiesDropped);
        capabilitiesAdded.forEach(ContainerSpec::requireCapability);
        capabilitiesDropped.forEach(ContainerSpec::requireCapability);
        networkAliases = EngineValues.freeze("networkAliases", networkAliases);
        networkAliases.forEach(a -> EngineValues.requireName("network alias", a));
        if (!networkAliases.isEmpty() && networks.isEmpty()) {
            throw new InvalidValueException("networkAliases", String.join(",", networkAliases),
                    "need a network: the engine's default bridge has no DNS aliases");
        }
    }

    /**
     * The spec as it was before network aliases were added to it, for callers of the older constructor.
     *
     * @param image               the image
     * @param name                the name
     * @param command             the command
     * @param entrypoint          the entrypoint
     * @param environment         the environment
     * @param ports               the ports
     * @param mounts              the mounts
     * @param networks            the networks
     * @param labels              the labels
     * @param restartPolicy       the restart policy
     * @param healthCheck         the health check
     * @param limits              the limits
     * @param workingDirectory    the working directory
     * @param user                the user
     * @param tty                 whether a TTY is allocated
     * @param capabilitiesAdded   capabilities added
     * @param capabilitiesDropped capabilities dropped
     */
    public ContainerSpec(String image, Optional<String> name, List<String> command, List<String> entrypoint,
            Map<String, String> environment, List<PortBinding> ports, List<Mount> mounts, List<String> networks,
            Map<String, String> labels, ContainerRestartPolicy restartPolicy, Optional<ContainerHealthCheck> healthCheck,
            ContainerLimits limits, Optional<String> workingDirectory, Optional<String> user, boolean tty,
            List<String> capabilitiesAdded, List<String> capabilitiesDropped) {
        this(image, name, command, entrypoint, environment, ports, mounts, networks, labels, restartPolicy,
                healthCheck, limits, workingDirectory, user, tty, capabilitiesAdded, capabilitiesDropped, List.of());
    }

    /**
     * The spec as it was before capabilities were added to it, for callers of the older constructor.
     *
     * @param image            the image
     * @param name             the name
     * @param command          the command
     * @param entrypoint       the entrypoint
     * @param environment      the environment
     * @param ports            the ports
     * @param mounts           the mounts
     * @param networks         the networks
     * @param labels           the labels
     * @param restartPolicy    the restart policy
     * @param healthCheck      the health check
     * @param limits           the limits
     * @param workingDirectory the working directory
     * @param user             the user
     * @param tty              whether a TTY is allocated
     */
    public ContainerSpec(String image, Optional<String> name, List<String> command, List<String> entrypoint,
            Map<String, String> environment, List<PortBinding> ports, List<Mount> mounts, List<String> networks,
            Map<String, String> labels, ContainerRestartPolicy restartPolicy, Optional<ContainerHealthCheck> healthCheck,
            ContainerLimits limits, Optional<String> workingDirectory, Optional<String> user, boolean tty) {
        this(image, name, command, entrypoint, environment, ports, mounts, networks, labels, restartPolicy,
                healthCheck, limits, workingDirectory, user, tty, List.of(), List.of(), List.of());
    }

    private static void requireCapability(String capability) {
        if (!capability.matches("(CAP_)?[A-Z_]{2,40}")) {
            throw new InvalidValueException("capability", capability, "must be a Linux capability such as NET_ADMIN");
        }
    }

    /**
     * @param image the image to run, present locally
     * @return a builder
     */
    public static Builder builder(String image) {
        return new Builder(image);
    }

    private static void requireVariable(String key) {
        if (key.isEmpty() || key.contains("=") || key.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException("environment variable", key,
                    "must be a non-empty name without '=' or control characters");
        }
    }

    private static void requireDistinctTargets(List<Mount> mounts) {
        List<String> seen = new ArrayList<>();
        for (Mount mount : mounts) {
            if (seen.contains(mount.target())) {
                throw new InvalidValueException("mount target", mount.target(), "is mounted twice");
            }
            seen.add(mount.target());
        }
    }

    /** Builds a {@link ContainerSpec}. Not thread-safe. */
    public static final class Builder {
        private final String image;
        private Optional<String> name = Optional.empty();
        private List<String> command = List.of();
        private List<String> entrypoint = List.of();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final List<PortBinding> ports = new ArrayList<>();
        private final List<Mount> mounts = new ArrayList<>();
        private final List<String> networks = new ArrayList<>();
        private final Map<String, String> labels = new LinkedHashMap<>();
        private ContainerRestartPolicy restartPolicy = ContainerRestartPolicy.no();
        private Optional<ContainerHealthCheck> healthCheck = Optional.empty();
        private ContainerLimits limits = ContainerLimits.none();
        private Optional<String> workingDirectory = Optional.empty();
        private Optional<String> user = Optional.empty();
        private boolean tty;
        private final List<String> capabilitiesAdded = new ArrayList<>();
        private final List<String> capabilitiesDropped = new ArrayList<>();
        private final List<String> networkAliases = new ArrayList<>();

        private Builder(String image) {
            this.image = image;
        }

        /**
         * @param value the container's name
         * @return this builder
         */
        public Builder name(String value) {
            this.name = Optional.of(value);
            return this;
        }

        /**
         * @param value the command and its arguments
         * @return this builder
         */
        public Builder command(String... value) {
            return command(List.of(value));
        }

        /**
         * @param value the command and its arguments
         * @return this builder
         */
        public Builder command(List<String> value) {
            this.command = List.copyOf(value);
            return this;
        }

        /**
         * @param value the entrypoint and its arguments
         * @return this builder
         */
        public Builder entrypoint(String... value) {
            this.entrypoint = List.of(value);
            return this;
        }

        /**
         * @param key   a variable's name
         * @param value its value
         * @return this builder
         */
        public Builder env(String key, String value) {
            environment.put(key, value);
            return this;
        }

        /**
         * @param values variables to add
         * @return this builder
         */
        public Builder env(Map<String, String> values) {
            environment.putAll(values);
            return this;
        }

        /**
         * @param binding a port to publish
         * @return this builder
         */
        public Builder port(PortBinding binding) {
            ports.add(Objects.requireNonNull(binding, "binding"));
            return this;
        }

        /**
         * @param mount a bind, volume or tmpfs
         * @return this builder
         */
        public Builder mount(Mount mount) {
            mounts.add(Objects.requireNonNull(mount, "mount"));
            return this;
        }

        /**
         * @param network a network to join
         * @return this builder
         */
        public Builder network(String network) {
            networks.add(network);
            return this;
        }

        /**
         * @param alias another DNS name of the container on its first network, as Compose gives each container its
         *              service's name
         * @return this builder
         */
        public Builder networkAlias(String alias) {
            networkAliases.add(Objects.requireNonNull(alias, "alias"));
            return this;
        }

        /**
         * @param key   a label's name
         * @param value its value
         * @return this builder
         */
        public Builder label(String key, String value) {
            labels.put(key, value);
            return this;
        }

        /**
         * @param values labels to add
         * @return this builder
         */
        public Builder labels(Map<String, String> values) {
            labels.putAll(values);
            return this;
        }

        /**
         * @param value the restart policy
         * @return this builder
         */
        public Builder restartPolicy(ContainerRestartPolicy value) {
            this.restartPolicy = Objects.requireNonNull(value, "restartPolicy");
            return this;
        }

        /**
         * @param value the container's own health check
         * @return this builder
         */
        public Builder healthCheck(ContainerHealthCheck value) {
            this.healthCheck = Optional.of(value);
            return this;
        }

        /**
         * @param value memory and CPU limits
         * @return this builder
         */
        public Builder limits(ContainerLimits value) {
            this.limits = Objects.requireNonNull(value, "limits");
            return this;
        }

        /**
         * @param bytes the memory limit
         * @return this builder
         */
        public Builder memoryLimit(long bytes) {
            this.limits = limits.withMemory(bytes);
            return this;
        }

        /**
         * @param cores the CPU limit in cores
         * @return this builder
         */
        public Builder cpuLimit(double cores) {
            this.limits = limits.withCpus(cores);
            return this;
        }

        /**
         * @param value the working directory
         * @return this builder
         */
        public Builder workingDirectory(String value) {
            this.workingDirectory = Optional.of(value);
            return this;
        }

        /**
         * @param value the user, as {@code name}, {@code uid} or {@code uid:gid}
         * @return this builder
         */
        public Builder user(String value) {
            this.user = Optional.of(value);
            return this;
        }

        /**
         * @param value whether the container gets a terminal
         * @return this builder
         */
        public Builder tty(boolean value) {
            this.tty = value;
            return this;
        }

        /**
         * @param capability a Linux capability to add ({@code NET_ADMIN}), as Compose's {@code cap_add}
         * @return this builder
         */
        public Builder addCapability(String capability) {
            capabilitiesAdded.add(Objects.requireNonNull(capability, "capability"));
            return this;
        }

        /**
         * @param capability a Linux capability to drop ({@code ALL}), as Compose's {@code cap_drop}
         * @return this builder
         */
        public Builder dropCapability(String capability) {
            capabilitiesDropped.add(Objects.requireNonNull(capability, "capability"));
            return this;
        }

        /**
         * @return the spec
         * @throws InvalidValueException naming the first bad field
         */
        public ContainerSpec build() {
            return new ContainerSpec(image, name, command, entrypoint, environment, ports, mounts, networks, labels,
                    restartPolicy, healthCheck, limits, workingDirectory, user, tty, capabilitiesAdded,
                    capabilitiesDropped, networkAliases);
        }
    }
}
