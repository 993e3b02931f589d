package io.orbitr.examples.server;

import io.orbitr.InvalidValueException;
import io.orbitr.core.Orbitr;
import io.orbitr.stream.LogDownload;
import io.orbitr.stream.StreamHub;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.ContainerQuery;
import io.orbitr.engine.ContainerRestartPolicy;
import io.orbitr.engine.ContainerSpec;
import io.orbitr.engine.ExecResult;
import io.orbitr.engine.Mount;
import io.orbitr.engine.NetworkDriver;
import io.orbitr.engine.NetworkSpec;
import io.orbitr.Page;
import io.orbitr.PageRequest;
import io.orbitr.engine.PortBinding;
import io.orbitr.engine.VolumeSpec;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Engine, containers, images, networks and volumes: the platform seed's Docker endpoints. */
final class EngineEndpoints {
    private static final int MAX_EXEC_OUTPUT = 1 << 20;

    private final Orbitr orbitr;
    private final Jobs jobs;

    EngineEndpoints(Orbitr orbitr, Jobs jobs) {
        this.orbitr = orbitr;
        this.jobs = jobs;
    }

    /** The engine the request addresses with its {@code engine} query parameter, {@code local} without one. */
    private ContainerEngine engine(Call call) {
        return EnginesEndpoints.engine(orbitr, call);
    }

    void register(Handlers handlers) {
        handlers.on("getEngineInfo", call -> call.ok(engine(call).info()))
                .on("listContainers", this::listContainers)
                .on("createContainer", this::createContainer)
                .on("inspectContainer", call -> call.ok(engine(call).containers().inspect(call.path("id"))))
                .on("removeContainer", call -> {
                    engine(call).containers().remove(call.path("id"), call.flag("force", false),
                            call.flag("volumes", false));
                    call.noContent();
                })
                .on("startContainer", call -> {
                    engine(call).containers().start(call.path("id"));
                    call.noContent();
                })
                .on("stopContainer", call -> {
                    engine(call).containers().stop(call.path("id"), timeout(call));
                    call.noContent();
                })
                .on("restartContainer", call -> {
                    engine(call).containers().restart(call.path("id"), timeout(call));
                    call.noContent();
                })
                .on("killContainer", call -> {
                    engine(call).containers().kill(call.path("id"), signal(call));
                    call.noContent();
                })
                .on("pauseContainer", call -> {
                    engine(call).containers().pause(call.path("id"));
                    call.noContent();
                })
                .on("unpauseContainer", call -> {
                    engine(call).containers().unpause(call.path("id"));
                    call.noContent();
                })
                .on("execContainer", this::exec)
                .on("downloadContainerLogs", this::downloadLogs)
                .on("getContainerStats", call -> call.ok(engine(call).stats(call.path("id"))))
                .on("getContainerStatsHistory", call -> call.ok(ContainerStatsHistory.answer(orbitr, call)))
                .on("listImages", call -> call.ok(page(engine(call).images().list(request(call)))))
                .on("pullImage", this::pull)
                .on("removeImage", call -> {
                    engine(call).images().remove(call.path("id"), call.flag("force", false));
                    call.noContent();
                })
                .on("listNetworks", call -> call.ok(page(engine(call).networks().list(request(call)))))
                .on("createNetwork", this::createNetwork)
                .on("inspectNetwork", call -> call.ok(engine(call).networks().inspect(call.path("name"))))
                .on("removeNetwork", call -> {
                    engine(call).networks().remove(call.path("name"));
                    call.noContent();
                })
                .on("listVolumes", call -> call.ok(page(engine(call).volumes().list(request(call)))))
                .on("createVolume", this::createVolume)
                .on("inspectVolume", call -> call.ok(engine(call).volumes().inspect(call.path("name"))))
                .on("removeVolume", call -> {
                    engine(call).volumes().remove(call.path("name"), call.flag("force", false));
                    call.noContent();
                });
    }

    private void listContainers(Call call) {
        ContainerQuery query = call.flag("all", true) ? ContainerQuery.all() : ContainerQuery.running();
        Optional<String> name = call.query("name");
        if (name.isPresent()) {
            query = query.withNameContaining(name.get());
        }
        call.ok(page(engine(call).containers().list(query, request(call))));
    }

    /** The body of {@code createContainer}. */
    record ContainerCreate(String image, String name, List<String> command, List<String> entrypoint,
            Map<String, String> env, Map<String, String> labels, List<PortBinding> ports, List<VolumeMount> volumes,
            List<String> networks, String workingDirectory, String user, Boolean tty, Long memoryBytes, Double cpus,
            Boolean start, String restartPolicy, Integer restartRetries) {
    }

    /** A named volume mounted into a new container. */
    record VolumeMount(String volume, String target, Boolean readOnly) {
    }

    private void createContainer(Call call) throws Exception {
        ContainerCreate body = call.body(ContainerCreate.class);
        if (body.image() == null) {
            throw new InvalidValueException("image", "null", "is required");
        }
        ContainerSpec.Builder spec = ContainerSpec.builder(body.image());
        if (body.name() != null) {
            spec.name(body.name());
            call.context().attribute(ApiRouter.OBJECT, body.name());
        }
        if (body.command() != null) {
            spec.command(body.command());
        }
        if (body.entrypoint() != null) {
            spec.entrypoint(body.entrypoint().toArray(String[]::new));
        }
        if (body.env() != null) {
            spec.env(body.env());
        }
        if (body.labels() != null) {
            spec.labels(body.labels());
        }
        if (body.ports() != null) {
            body.ports().forEach(spec::port);
        }
        if (body.volumes() != null) {
            for (VolumeMount volume : body.volumes()) {
                if (volume.volume() == null || volume.target() == null) {
                    throw new InvalidValueException("volumes", volume, "each needs a volume and a target");
                }
                Mount mount = Mount.volume(volume.volume(), volume.target());
                spec.mount(Boolean.TRUE.equals(volume.readOnly()) ? mount.asReadOnly() : mount);
            }
        }
        if (body.networks() != null) {
            body.networks().forEach(spec::network);
        }
        if (body.workingDirectory() != null) {
            spec.workingDirectory(body.workingDirectory());
        }
        if (body.user() != null) {
            spec.user(body.user());
        }
        if (body.tty() != null) {
            spec.tty(body.tty());
        }
        if (body.memoryBytes() != null) {
            spec.memoryLimit(body.memoryBytes());
        }
        if (body.cpus() != null) {
            spec.cpuLimit(body.cpus());
        }
        spec.restartPolicy(restartPolicy(body.restartPolicy(), body.restartRetries()));
        String id = engine(call).containers().create(spec.build());
        if (Boolean.TRUE.equals(body.start())) {
            engine(call).containers().start(id);
        }
        call.json(201, Map.of("id", id));
    }

    /**
     * @param mode    {@code no}, {@code always}, {@code on-failure} or {@code unless-stopped}; absent for {@code no}
     * @param retries for {@code on-failure}, the most restarts (0 or absent: no limit)
     * @return the policy
     */
    static ContainerRestartPolicy restartPolicy(String mode, Integer retries) {
        if (mode == null || mode.equals("no")) {
            if (retries != null && retries != 0) {
                throw new InvalidValueException("restartRetries", retries, "only applies to the on-failure policy");
            }
            return ContainerRestartPolicy.no();
        }
        for (ContainerRestartPolicy.Mode each : ContainerRestartPolicy.Mode.values()) {
            if (each.engineName().equals(mode)) {
                int max = retries == null ? 0 : retries;
                if (max < 0 || max > 1000) {
                    throw new InvalidValueException("restartRetries", max, "must be between 0 and 1000");
                }
                if (each != ContainerRestartPolicy.Mode.ON_FAILURE && max != 0) {
                    throw new InvalidValueException("restartRetries", max, "only applies to the on-failure policy");
                }
                return new ContainerRestartPolicy(each, max);
            }
        }
        throw new InvalidValueException("restartPolicy", mode, "must be no, always, on-failure or unless-stopped");
    }

    /** The body of {@code execContainer}. */
    record ExecRequest(List<String> command, Integer timeoutSeconds, Integer maxOutputBytes) {
    }

    private void exec(Call call) throws Exception {
        ExecRequest body = call.body(ExecRequest.class);
        if (body.command() == null || body.command().isEmpty()) {
            throw new InvalidValueException("command", "[]", "must name a program");
        }
        int timeout = body.timeoutSeconds() == null ? 30 : body.timeoutSeconds();
        if (timeout < 1 || timeout > 3600) {
            throw new InvalidValueException("timeoutSeconds", timeout, "must be between 1 and 3600");
        }
        int max = body.maxOutputBytes() == null ? MAX_EXEC_OUTPUT : body.maxOutputBytes();
        if (max < 1 || max > 10 * MAX_EXEC_OUTPUT) {
            throw new InvalidValueException("maxOutputBytes", max, "must be between 1 and " + 10 * MAX_EXEC_OUTPUT);
        }
        ExecResult result = engine(call).containers().exec(call.path("id"), body.command(), Duration.ofSeconds(timeout),
                max);
        call.ok(result);
    }

    private void downloadLogs(Call call) throws Exception {
        String container = call.path("id");
        if (call.query("engine").filter(e -> !e.equals(io.orbitr.engine.EngineSettings.LOCAL)).isPresent()) {
            throw new InvalidValueException("engine", call.query("engine").get(),
                    "log downloads read the local engine's log streams only");
        }
        // Inspect first: a missing container is a 404 problem, not a half-sent text body.
        String name = engine(call).containers().inspect(container).name();
        LogDownload request = new LogDownload(call.instant("since"), call.instant("until"),
                io.orbitr.stream.LogFilter.all(), call.flag("timestamps", false));
        call.context().status(200).contentType("text/plain; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + name.replaceAll("[^A-Za-z0-9_.-]", "_")
                        + ".log\"");
        OutputStream out = call.context().outputStream();
        StreamHub hub = orbitr.streams();
        hub.downloads().toStream(hub.containerLog(io.orbitr.engine.EngineSettings.LOCAL, container), request, out);
    }

    /** The body of {@code pullImage}. */
    record PullRequest(String name, String tag) {
    }

    private void pull(Call call) throws Exception {
        PullRequest body = call.body(PullRequest.class);
        if (body.name() == null || body.name().isBlank() || body.name().chars().anyMatch(c -> c <= ' ')) {
            throw new InvalidValueException("name", body.name(), "must be an image name without spaces");
        }
        String tag = body.tag() == null ? "latest" : body.tag();
        if (!tag.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}")) {
            throw new InvalidValueException("tag", tag, "must be a Docker tag (letters, digits, '_', '.', '-')");
        }
        String image = body.name() + ":" + tag;
        call.context().attribute(ApiRouter.OBJECT, image);
        ContainerEngine target = engine(call);
        Job job = jobs.start("image-pull", image, call.actor(), progress -> {
            target.images().pull(body.name(), tag, p -> progress.report(p.layer().isEmpty() ? p.status()
                    : p.layer() + ": " + p.status() + (p.totalBytes() > 0 ? " " + p.currentBytes() + "/"
                    + p.totalBytes() : "")));
            return "pulled " + image;
        });
        call.json(202, job);
    }

    /** The body of {@code createNetwork}. */
    record NetworkCreate(String name, NetworkDriver driver, String subnet, String gateway, Boolean internal,
            Boolean attachable, Map<String, String> labels) {
    }

    private void createNetwork(Call call) throws Exception {
        NetworkCreate body = call.body(NetworkCreate.class);
        NetworkSpec.Builder spec = NetworkSpec.builder(body.name() == null ? "" : body.name());
        call.context().attribute(ApiRouter.OBJECT, String.valueOf(body.name()));
        if (body.driver() != null) {
            spec.driver(body.driver());
        }
        if (body.subnet() != null) {
            spec.subnet(body.subnet());
        }
        if (body.gateway() != null) {
            spec.gateway(body.gateway());
        }
        spec.internal(Boolean.TRUE.equals(body.internal())).attachable(Boolean.TRUE.equals(body.attachable()));
        if (body.labels() != null) {
            body.labels().forEach(spec::label);
        }
        call.json(201, engine(call).networks().create(spec.build()));
    }

    /** The body of {@code createVolume}. */
    record VolumeCreate(String name, String driver, Map<String, String> labels) {
    }

    private void createVolume(Call call) throws Exception {
        VolumeCreate body = call.body(VolumeCreate.class);
        VolumeSpec.Builder spec = VolumeSpec.builder().name(body.name() == null ? "" : body.name());
        call.context().attribute(ApiRouter.OBJECT, String.valueOf(body.name()));
        if (body.driver() != null) {
            spec.driver(body.driver());
        }
        if (body.labels() != null) {
            body.labels().forEach(spec::label);
        }
        call.json(201, engine(call).volumes().create(spec.build()));
    }

    private static Duration timeout(Call call) {
        OptionalInt seconds = call.integer("timeoutSeconds", 0, 600);
        return Duration.ofSeconds(seconds.orElse(10));
    }

    private static String signal(Call call) {
        String signal = call.query("signal").orElse("SIGKILL");
        if (!signal.matches("(SIG)?[A-Z0-9]{2,10}")) {
            throw new InvalidValueException("signal", signal, "must be a signal name such as SIGTERM or SIGKILL");
        }
        return signal;
    }

    private static PageRequest request(Call call) {
        return PageRequest.atOffset(call.offset(), call.limit());
    }

    private static <T> PageBody page(Page<T> page) {
        return new PageBody(page.items(), page.total(), page.next());
    }
}
