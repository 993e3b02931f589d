package io.orbitr.core.extension;

import io.orbitr.ConflictException;
import io.orbitr.InvalidValueException;
import io.orbitr.NotFoundException;
import io.orbitr.OrbitrException;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.ContainerSpec;
import io.orbitr.engine.PortBinding;
import io.orbitr.engine.swarm.PublishMode;
import io.orbitr.engine.swarm.ServiceSpec;
import io.orbitr.engine.swarm.Swarm;
import io.orbitr.engine.swarm.SwarmTask;
import io.orbitr.engine.swarm.TaskState;
import io.orbitr.extension.ExtensionManifest;
import io.orbitr.extension.ExtensionRoute;
import io.orbitr.extension.InvalidManifestException;
import io.orbitr.extension.ManifestProblem;
import io.orbitr.extension.ServiceVolume;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An extension installed as swarm services ({@link io.orbitr.extension.Deployment#SERVICES}): what such an install
 * refuses, the service specs made from the container plan, where the main service is reached, and the bounded waits.
 *
 * <p>Each manifest service becomes one service of one replica, named as its container would be, on the extension's
 * attachable overlay network. A service that publishes ports runs on a manager and publishes them there (host mode),
 * at the endpoint's address where this host reaches it; the others go wherever the swarm places them. What a swarm service spec here cannot
 * express is refused before anything is created, naming the manifest key, rather than silently dropped.
 */
final class SwarmServices {
    private static final Duration POLL = Duration.ofMillis(200);

    private SwarmServices() {
    }

    /**
     * @throws InvalidValueException    ({@code deployment}) when the endpoint is not a swarm manager
     * @throws InvalidManifestException when the manifest uses what swarm services cannot do here
     */
    static void require(ExtensionEngine place, ExtensionManifest manifest, Map<String, ContainerSpec> specs) {
        if (!place.client().swarm().isManager()) {
            throw new InvalidValueException("deployment", "SERVICES", "engine " + place.name() + " is not a swarm"
                    + " manager: run docker swarm init there, or install " + manifest.id() + " as containers");
        }
        List<ManifestProblem> problems = new ArrayList<>();
        if (!manifest.dependsOn().isEmpty()) {
            problems.add(new ManifestProblem("depends_on", "an extension installed as swarm services cannot join"
                    + " the networks of the extensions it depends on; install it as containers"));
        }
        manifest.services().forEach((name, service) -> {
            String at = "services." + name;
            List<String> keys = new ArrayList<>();
            if (!service.entrypoint().isEmpty()) {
                keys.add("entrypoint");
            }
            if (service.healthcheck().isPresent()) {
                keys.add("healthcheck");
            }
            if (service.user().isPresent()) {
                keys.add("user");
            }
            if (service.workingDir().isPresent()) {
                keys.add("working_dir");
            }
            if (!service.capAdd().isEmpty()) {
                keys.add("cap_add");
            }
            if (!service.capDrop().isEmpty()) {
                keys.add("cap_drop");
            }
            if (service.memLimit().isPresent()) {
                keys.add("mem_limit");
            }
            if (service.cpus().isPresent()) {
                keys.add("cpus");
            }
            keys.forEach(key -> problems.add(new ManifestProblem(at + "." + key, "Orbitr cannot yet express "
                    + key + " in a swarm service; install as containers, or leave it out")));
            for (int i = 0; i < service.volumes().size(); i++) {
                ServiceVolume volume = service.volumes().get(i);
                if (volume.bind() || volume.readOnly()) {
                    problems.add(new ManifestProblem(at + ".volumes[" + i + "]", volume.bind()
                            ? "a bind mount names a path on one machine; a swarm service takes named volumes only"
                            : "a read-only volume cannot yet be expressed in a swarm service; leave out :ro"));
                }
            }
            for (int i = 0; i < service.ports().size(); i++) {
                if (!service.ports().get(i).hostIp().isEmpty()) {
                    problems.add(new ManifestProblem(at + ".ports[" + i + "]", "a swarm service publishes on every"
                            + " address of every node; leave out the address " + service.ports().get(i).hostIp()));
                }
            }
        });
        manifest.route().ifPresent(route -> {
            if (upstream(place, manifest, specs).isEmpty()) {
                problems.add(new ManifestProblem("services." + manifest.main() + ".ports", "installed as swarm"
                        + " services, " + manifest.main() + " is reached through a published port: publish the"
                        + " route's port " + route.port() + " (for example \"" + route.port() + ":" + route.port()
                        + "\")"));
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidManifestException(manifest.id(), problems);
        }
        List<String> taken = specs.values().stream().map(spec -> spec.name().orElseThrow())
                .filter(name -> place.client().swarm().find(name).isPresent()).toList();
        if (!taken.isEmpty()) {
            throw new ConflictException("cannot install " + manifest.id() + ": swarm service"
                    + (taken.size() == 1 ? " " : "s ") + String.join(", ", taken) + " already exist"
                    + (taken.size() == 1 ? "s" : "") + ": remove it, it is not part of an installed extension");
        }
    }

    /**
     * @param manifest the manifest
     * @param specs    the container plan, in start order
     * @return each manifest service's swarm service spec, in the same order
     */
    static Map<String, ServiceSpec> plan(ExtensionManifest manifest, Map<String, ContainerSpec> specs) {
        String id = manifest.id();
        Map<String, ServiceSpec> services = new LinkedHashMap<>();
        specs.forEach((service, spec) -> {
            ServiceSpec.Builder builder = ServiceSpec.builder(spec.name().orElseThrow(), spec.image())
                    .command(spec.command()).replicas(1).network(Names.network(id));
            spec.environment().forEach(builder::env);
            spec.labels().forEach(builder::label);
            List<PortBinding> published = spec.ports().stream().filter(PortBinding::isPublished).toList();
            published.forEach(builder::publish);
            if (!published.isEmpty()) {
                // Published on the manager itself, where this host (and the proxy) reach the endpoint: the routing
                // mesh would answer on every node, but needs IPVS, which not every engine host has.
                builder.publishMode(PublishMode.HOST).constraint("node.role==manager");
            }
            for (ServiceVolume volume : manifest.services().get(service).volumes()) {
                builder.volume(Names.volume(id, volume.source()), volume.target());
            }
            services.put(service, builder.build());
        });
        return services;
    }

    /**
     * @return where this host reaches the main service's routed port: its published port at the endpoint's address
     *         (loopback for an endpoint on this machine); empty when there is no route or the port is not published
     */
    static Optional<ExtensionEngine.Upstream> upstream(ExtensionEngine place, ExtensionManifest manifest,
            Map<String, ContainerSpec> specs) {
        if (manifest.route().isEmpty()) {
            return Optional.empty();
        }
        ExtensionRoute route = manifest.route().get();
        PortBinding.Protocol protocol = route.protocol() == io.orbitr.proxy.Protocol.UDP ? PortBinding.Protocol.UDP
                : PortBinding.Protocol.TCP;
        return specs.get(manifest.main()).ports().stream()
                .filter(p -> p.isPublished() && p.containerPort() == route.port() && p.protocol() == protocol)
                .findFirst()
                .map(p -> new ExtensionEngine.Upstream(place.remoteHost().orElse("127.0.0.1"), p.hostPort()));
    }

    /**
     * Waits until every service runs as many tasks as it wants; a task the swarm failed or rejected ends the wait
     * with its error.
     */
    static void awaitRunning(Swarm swarm, List<String> services, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            List<String> waiting = new ArrayList<>();
            for (String service : services) {
                int wanted = swarm.inspect(service).replicas();
                List<SwarmTask> tasks = swarm.tasks(service);
                long running = tasks.stream().filter(SwarmTask::running).count();
                if (running < wanted) {
                    Optional<SwarmTask> failed = tasks.stream().filter(t -> t.state() == TaskState.FAILED
                            || t.state() == TaskState.REJECTED).findFirst();
                    if (failed.isPresent()) {
                        throw new OrbitrException("a task of service " + service + " " + failed.get().state().name()
                                .toLowerCase(java.util.Locale.ROOT) + ": " + failed.get().error()
                                + (failed.get().message().isEmpty() ? "" : " (" + failed.get().message() + ")"));
                    }
                    waiting.add(service + " (" + running + " of " + wanted + " tasks running)");
                }
            }
            if (waiting.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new OrbitrException("swarm services did not start within " + bound.toSeconds() + " s: "
                        + String.join(", ", waiting));
            }
            pause();
        }
    }

    /**
     * Removes an overlay network once the removed services' tasks have left it (the manager refuses it until then),
     * waiting at most the bound.
     */
    static void removeNetwork(ContainerEngine client, String network, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            try {
                client.networks().remove(network);
                return;
            } catch (NotFoundException gone) {
                return;
            } catch (OrbitrException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                pause();
            }
        }
    }

    /** Removes a service; already gone is what removal wants. */
    static void remove(Swarm swarm, String service) {
        try {
            swarm.remove(service);
        } catch (NotFoundException gone) {
            // already removed
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrbitrException("interrupted while waiting for swarm services", e);
        }
    }
}
