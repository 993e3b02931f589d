package io.orbitr.engine.swarm;

import io.orbitr.InvalidValueException;
import io.orbitr.engine.PortBinding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a replicated swarm service runs. Built with {@link #builder(String, String)}.
 *
 * <p>The image is used as the nodes have it: Orbitr never asks the manager to resolve it in a registry (what
 * {@code docker service create --no-resolve-image} does), so a locally built or loaded image works.
 *
 * @param name         the service's name
 * @param image        the image reference
 * @param command      the command that replaces the image's, or empty for the image's own
 * @param environment  environment variables
 * @param labels       the service's labels
 * @param replicas     how many tasks run
 * @param updatePolicy how a change of spec rolls out
 * @param ports        ports published as {@code publishMode} says: each on its {@link PortBinding#hostPort()} (a port
 *                     with no host port is not published; a host address cannot be chosen)
 * @param networks     networks the tasks join (overlay networks), by name
 * @param volumes      named volumes mounted into the tasks: the volume's name to the path in the container
 * @param publishMode  where the published ports answer (default {@link PublishMode#INGRESS}, the routing mesh)
 * @param constraints  placement constraints, as Docker writes them ({@code node.role==manager})
 */
public record ServiceSpec(String name, String image, List<String> command, Map<String, String> environment,
        Map<String, String> labels, int replicas, UpdatePolicy updatePolicy, List<PortBinding> ports,
        List<String> networks, Map<String, String> volumes, PublishMode publishMode, List<String> constraints) {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}");

    /** Validates the spec and copies its collections. */
    public ServiceSpec {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new InvalidValueException("service name", name,
                    "must be 1 to 63 letters, digits, '-', '_' or '.', starting with a letter or digit");
        }
        Objects.requireNonNull(image, "image");
        if (image.isBlank() || image.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidValueException("service image", image, "must be an image reference such as nginx:1.27");
        }
        command = List.copyOf(command);
        environment = Map.copyOf(new LinkedHashMap<>(environment));
        environment.keySet().forEach(key -> {
            if (key.isEmpty() || key.contains("=")) {
                throw new InvalidValueException("service environment name", key, "must be non-empty without '='");
            }
        });
        labels = Map.copyOf(labels);
        requireReplicas(replicas);
        Objects.requireNonNull(updatePolicy, "updatePolicy");
        ports = List.copyOf(ports);
        ports.forEach(port -> {
            if (port.isPublished() && !port.hostIp().isEmpty() && !port.hostIp().equals("0.0.0.0")) {
                throw new InvalidValueException("service port", port.hostIp() + ":" + port.hostPort(),
                        "a swarm service publishes a port on every address of every node: leave the address out");
            }
        });
        networks = List.copyOf(networks);
        volumes = Map.copyOf(volumes);
        Objects.requireNonNull(publishMode, "publishMode");
        constraints = List.copyOf(constraints);
    }

    /**
     * @param name  the service's name
     * @param image the image reference, used as the nodes have it
     * @return a builder with one replica, the image's command and Docker's default update policy
     */
    public static Builder builder(String name, String image) {
        return new Builder(name, image);
    }

    /** @return a builder holding this spec, to change part of it */
    public Builder toBuilder() {
        Builder builder = new Builder(name, image).command(command).replicas(replicas).updatePolicy(updatePolicy);
        environment.forEach(builder::env);
        labels.forEach(builder::label);
        ports.forEach(builder::publish);
        networks.forEach(builder::network);
        volumes.forEach(builder::volume);
        builder.publishMode(publishMode);
        constraints.forEach(builder::constraint);
        return builder;
    }

    /**
     * @param count how many tasks
     * @return a copy with that many replicas
     */
    public ServiceSpec withReplicas(int count) {
        return new ServiceSpec(name, image, command, environment, labels, count, updatePolicy, ports, networks,
                volumes, publishMode, constraints);
    }

    /** @return the command, or empty for the image's own */
    public Optional<List<String>> commandOverride() {
        return command.isEmpty() ? Optional.empty() : Optional.of(command);
    }

    static int requireReplicas(int replicas) {
        if (replicas < 0) {
            throw new InvalidValueException("replicas", replicas, "must be 0 or more");
        }
        return replicas;
    }

    /** Builds a {@link ServiceSpec}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private String image;
        private final List<String> command = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final Map<String, String> labels = new LinkedHashMap<>();
        private int replicas = 1;
        private UpdatePolicy updatePolicy = UpdatePolicy.DEFAULT;
        private final List<PortBinding> ports = new ArrayList<>();
        private final List<String> networks = new ArrayList<>();
        private final Map<String, String> volumes = new LinkedHashMap<>();
        private PublishMode publishMode = PublishMode.INGRESS;
        private final List<String> constraints = new ArrayList<>();

        private Builder(String name, String image) {
            this.name = Objects.requireNonNull(name, "name");
            this.image = Objects.requireNonNull(image, "image");
        }

        /**
         * @param value the image reference
         * @return this builder
         */
        public Builder image(String value) {
            this.image = Objects.requireNonNull(value, "image");
            return this;
        }

        /**
         * @param words the command and its arguments, replacing the image's
         * @return this builder
         */
        public Builder command(String... words) {
            return command(List.of(words));
        }

        /**
         * @param words the command and its arguments, replacing the image's; empty for the image's own
         * @return this builder
         */
        public Builder command(List<String> words) {
            command.clear();
            command.addAll(words);
            return this;
        }

        /**
         * @param key   a variable's name
         * @param value its value
         * @return this builder
         */
        public Builder env(String key, String value) {
            environment.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * @param key   a label's name
         * @param value its value
         * @return this builder
         */
        public Builder label(String key, String value) {
            labels.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * @param count how many tasks run (default 1)
         * @return this builder
         */
        public Builder replicas(int count) {
            this.replicas = requireReplicas(count);
            return this;
        }

        /**
         * @param policy how a change of spec rolls out (default {@link UpdatePolicy#DEFAULT})
         * @return this builder
         */
        public Builder updatePolicy(UpdatePolicy policy) {
            this.updatePolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * @param port a port to publish on every node ({@code PortBinding.tcp(80).onHost(8080)})
         * @return this builder
         */
        public Builder publish(PortBinding port) {
            ports.add(Objects.requireNonNull(port, "port"));
            return this;
        }

        /**
         * @param network a network the tasks join, by name (an overlay network)
         * @return this builder
         */
        public Builder network(String network) {
            networks.add(Objects.requireNonNull(network, "network"));
            return this;
        }

        /**
         * @param volume a named volume (created on a node that lacks it)
         * @param target the path in the container
         * @return this builder
         */
        public Builder volume(String volume, String target) {
            volumes.put(Objects.requireNonNull(volume, "volume"), Objects.requireNonNull(target, "target"));
            return this;
        }

        /**
         * @param mode where the published ports answer (default {@link PublishMode#INGRESS})
         * @return this builder
         */
        public Builder publishMode(PublishMode mode) {
            this.publishMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * @param constraint a placement constraint, such as {@code node.role==manager}
         * @return this builder
         */
        public Builder constraint(String constraint) {
            constraints.add(Objects.requireNonNull(constraint, "constraint"));
            return this;
        }

        /** @return the spec */
        public ServiceSpec build() {
            return new ServiceSpec(name, image, command, environment, labels, replicas, updatePolicy, ports,
                    networks, volumes, publishMode, constraints);
        }
    }
}
