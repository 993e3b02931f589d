package io.orbitr.jdclient.instance;

import io.orbitr.NotFoundException;
import io.orbitr.UnavailableException;
import io.orbitr.jdclient.config.JdcConfig;
import io.orbitr.jdclient.config.SavedConfig;
import io.orbitr.jdclient.config.SavedConfigs;
import io.orbitr.jdclient.config.TomlRenderer;
import io.orbitr.jdclient.monitoring.MonitoringClient;
import io.orbitr.process.ProcessSpec;
import io.orbitr.process.ProcessState;
import io.orbitr.process.ProcessStatus;
import io.orbitr.process.ProcessSupervisor;
import io.orbitr.stream.LogLine;
import io.orbitr.stream.StreamSubscriber;
import io.orbitr.stream.Subscription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Launches instances' processes: renders the saved configuration into the instance's file, resolves the binary,
 * builds the process spec from the {@link InstanceSettings}, and starts, restarts and stops the process in the
 * supervisor. Keeps the {@link InstanceRuntime} of every instance it started in this run of the platform. The
 * {@link InstanceManager} serialises the calls for one instance.
 */
final class InstanceLauncher {
    private static final Logger log = LoggerFactory.getLogger(InstanceLauncher.class);

    private final ProcessSupervisor supervisor;
    private final SavedConfigs configs;
    private final InstanceFiles files;
    private final BinaryResolver binaryResolver;
    private final InstanceSettings settings;
    private final Map<String, InstanceRuntime> runtimes = new ConcurrentHashMap<>();

    InstanceLauncher(ProcessSupervisor supervisor, SavedConfigs configs, InstanceFiles files,
            BinaryResolver binaryResolver, InstanceSettings settings) {
        this.supervisor = supervisor;
        this.configs = configs;
        this.files = files;
        this.binaryResolver = binaryResolver;
        this.settings = settings;
    }

    /** @return the process's status, STOPPED when it has not run since the platform started */
    ProcessStatus status(Instance instance) {
        return supervisor.status(instance.processName()).orElseGet(() -> new ProcessStatus(instance.processName(),
                ProcessState.STOPPED, OptionalLong.empty(), OptionalInt.empty(), Optional.empty(), 0,
                "not started since the platform started"));
    }

    /** @return whether the supervisor knows the instance's process (it ran since the platform started) */
    boolean known(Instance instance) {
        return supervisor.status(instance.processName()).isPresent();
    }

    /** Starts the process unless it is alive. */
    ProcessStatus start(Instance instance) {
        ProcessStatus current = status(instance);
        if (current.alive()) {
            return current;
        }
        ProcessStatus started = supervisor.start(prepare(instance));
        follow(instance);
        log.info("started jd-client instance '{}' ({}), pid {}", instance.name(), instance.id(),
                started.pid().isPresent() ? started.pid().getAsLong() : "unknown");
        return started;
    }

    /** Stops the process when the supervisor knows it: SIGINT, the grace period, then a kill. */
    ProcessStatus stop(Instance instance) {
        if (!known(instance)) {
            return status(instance);
        }
        ProcessStatus stopped = supervisor.stop(instance.processName());
        log.info("stopped jd-client instance '{}' ({})", instance.name(), instance.id());
        return stopped;
    }

    /**
     * Writes the configuration file again and restarts the process; a changed spec (another binary, another file)
     * is a stop and a fresh start.
     */
    ProcessStatus restart(Instance instance) {
        ProcessSpec previous = runtime(instance.id()).map(r -> r.spec).orElse(null);
        boolean known = known(instance);
        ProcessSpec spec = prepare(instance);
        ProcessStatus started;
        if (known && spec.equals(previous)) {
            started = supervisor.restart(instance.processName());
        } else {
            if (known) {
                supervisor.stop(instance.processName());
            }
            started = supervisor.start(spec);
        }
        follow(instance);
        log.info("restarted jd-client instance '{}' ({})", instance.name(), instance.id());
        return started;
    }

    /** @return up to that many of the process's last output lines; none when it has not run in this run */
    List<LogLine> tail(Instance instance, int lines) {
        return known(instance) ? supervisor.tail(instance.processName(), lines) : List.of();
    }

    /** Follows the output of a process the supervisor knows. */
    Subscription followOutput(Instance instance, int replay, StreamSubscriber<LogLine> subscriber) {
        return supervisor.follow(instance.processName(), replay, subscriber);
    }

    /** Removes the process from the supervisor (stopping it) and forgets the instance's runtime. */
    void forget(Instance instance) {
        if (known(instance)) {
            supervisor.remove(instance.processName());
        }
        InstanceRuntime runtime = runtimes.remove(instance.id());
        if (runtime != null) {
            runtime.logCounter.cancel();
        }
    }

    /** @return the runtime of an instance started in this run */
    Optional<InstanceRuntime> runtime(String id) {
        return Optional.ofNullable(runtimes.get(id));
    }

    /** @return each instance with its runtime, in the given order */
    Map<Instance, Optional<InstanceRuntime>> withRuntimes(List<Instance> instances) {
        Map<Instance, Optional<InstanceRuntime>> all = new LinkedHashMap<>();
        instances.forEach(instance -> all.put(instance, runtime(instance.id())));
        return all;
    }

    /** Stops following the processes' output; the processes belong to the supervisor and keep running. */
    void close() {
        runtimes.values().forEach(r -> r.logCounter.cancel());
    }

    private ProcessSpec prepare(Instance instance) {
        SavedConfig saved = configs.get(instance.configId());
        JdcConfig config = saved.config();
        config.validate().orThrow().warnings().forEach(w -> log.warn("jd-client instance '{}', configuration '{}':"
                + " {}", instance.name(), saved.name(), w));
        Path binary = binary(instance);
        Path configFile = files.writeConfig(instance.id(), TomlRenderer.render(config));
        ProcessSpec spec = ProcessSpec.builder(instance.processName(), binary.toString())
                .args("-c", configFile.toString())
                .environment(settings.environment())
                .environment("RUST_LOG", settings.logLevel().rustLog())
                .workingDirectory(files.directory(instance.id()))
                .stopSignal(ProcessSpec.StopSignal.INT)
                .gracePeriod(settings.gracePeriod())
                .startPeriod(settings.startPeriod())
                .restartPolicy(settings.restartPolicy())
                .logFile(files.logFile(instance.id()))
                .logBufferLines(settings.logBufferLines())
                .build();
        InstanceRuntime runtime = runtimes.computeIfAbsent(instance.id(), InstanceRuntime::new);
        runtime.spec = spec;
        runtime.monitoring = config.monitoringAddress().map(a -> new MonitoringClient(MonitoringClient.baseFor(a),
                settings.monitoringTimeout()));
        return spec;
    }

    private Path binary(Instance instance) {
        String version = instance.binaryVersion().map(v -> " (version " + v + ")").orElse("");
        String remedy = ": install it with the updater or configure another binary path";
        Path binary;
        try {
            binary = binaryResolver.resolve(instance.binaryVersion());
        } catch (NotFoundException e) {
            throw new UnavailableException("the jd-client binary" + version + " is not installed (" + e.getMessage()
                    + ")" + remedy, e);
        }
        if (!Files.isExecutable(binary)) {
            throw new UnavailableException("the jd-client binary " + binary + " is not installed" + version + remedy);
        }
        return binary;
    }

    private void follow(Instance instance) {
        InstanceRuntime runtime = runtimes.get(instance.id());
        if (runtime != null && !runtime.logCounter.following()) {
            supervisor.follow(instance.processName(), settings.logBufferLines(), runtime.logCounter);
        }
    }
}
