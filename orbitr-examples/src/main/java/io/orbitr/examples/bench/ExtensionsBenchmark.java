package io.orbitr.examples.bench;

import io.orbitr.OrbitrException;
import io.orbitr.core.Orbitr;
import io.orbitr.core.extension.ExtensionSettings;
import io.orbitr.examples.launcher.PlatformOptions;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.ContainerSpec;
import io.orbitr.engine.NetworkSpec;
import io.orbitr.extension.ExtensionManager;
import io.orbitr.extension.ExtensionManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code orbitr bench extensions}: install and uninstall of one 3-service busybox app (a web server, a worker and a
 * cache, the web server depending on both) through Orbitr, and of the same app as a Compose file through
 * {@code docker-compose up -d} and {@code down}, interleaved in the same run. Orbitr's install does more than
 * {@code up -d} (it validates, journals, waits until the main service accepts connections and registers the health
 * checks), and must still take at most half the time: the target is {@code ratio orbitr/compose install <= 0.5}.
 */
@Command(name = "extensions", mixinStandardHelpOptions = true,
        description = "Extension install/uninstall through Orbitr against docker-compose up -d/down.")
public final class ExtensionsBenchmark implements Callable<Integer> {
    /** Every service exits on SIGTERM at once, so that neither side waits out a stop timeout. */
    private static final String WEB = "sh -c 'trap \"exit 0\" TERM; httpd -f -p 8080 -h /www & wait'";
    private static final String IDLE = "sh -c 'trap \"exit 0\" TERM; sleep 3600 & wait'";

    @Mixin
    private PlatformOptions options;

    @Option(names = "--iterations", defaultValue = "5",
            description = "Installs and uninstalls on each side (default: ${DEFAULT-VALUE}).")
    private int iterations;

    @Option(names = "--steps", description = "Print each install step with its time since the start, to stderr.")
    private boolean steps;

    @Override
    public Integer call() throws Exception {
        if (iterations < 1) {
            throw new OrbitrException("--iterations must be at least 1");
        }
        Figures figures = new Figures(System.out);
        Path work = Files.createTempDirectory("orbitr-bench-extensions");
        String run = UUID.randomUUID().toString().substring(0, 6);
        try (Orbitr orbitr = options.builder().dataDirectory(work.resolve("data")).inMemoryStore()
                .extensions(ExtensionSettings.defaults().withSettle(Duration.ZERO).withPullMissingImages(false))
                .build()) {
            BenchImage.ensureBusybox(orbitr.engine(), orbitr.engineSettings(), System.out);
            ExtensionManager extensions = orbitr.extensions();
            String dockerHost = orbitr.engineSettings().host().toString();
            long[] orbitrInstall = new long[iterations];
            long[] orbitrUninstall = new long[iterations];
            long[] composeUp = new long[iterations];
            long[] composeDown = new long[iterations];
            long[] engineFloor = new long[iterations];
            // One warm-up round on each side: class loading and the engine's first network on ours, the CLI's
            // binary in the page cache on theirs.
            for (int i = -1; i < iterations; i++) {
                String id = "bench-" + run + "-" + (i + 1);
                ExtensionManifest manifest = extensions.parse(manifest(id), id);
                long start = System.nanoTime();
                long t0 = start;
                extensions.install(manifest, Map.of(), (ext, step) -> {
                    if (steps) {
                        System.err.printf("# %6.1f ms %s%n", (System.nanoTime() - t0) / 1e6, step);
                    }
                });
                long installed = System.nanoTime();
                extensions.uninstall(id, true);
                long removed = System.nanoTime();

                Path compose = work.resolve(id + ".yml");
                Files.writeString(compose, compose());
                String project = "orbitr-bench-compose-" + run + "-" + (i + 1);
                long composeStart = System.nanoTime();
                compose(dockerHost, compose, project, "up", "-d");
                long up = System.nanoTime();
                compose(dockerHost, compose, project, "down", "-v");
                long down = System.nanoTime();

                long floor = engineFloor(orbitr.engine(), "orbitr-bench-floor-" + run + "-" + (i + 1));
                if (i >= 0) {
                    engineFloor[i] = floor;
                    orbitrInstall[i] = installed - start;
                    orbitrUninstall[i] = removed - installed;
                    composeUp[i] = up - composeStart;
                    composeDown[i] = down - up;
                }
            }
            double install = median(orbitrInstall);
            double uninstall = median(orbitrUninstall);
            double up = median(composeUp);
            double down = median(composeDown);
            figures.figure("iterations", iterations);
            figures.figure("install orbitr median ms", install);
            figures.figure("install compose median ms", up);
            figures.figure("install engine waves median ms", median(engineFloor));
            figures.figure("uninstall orbitr median ms", uninstall);
            figures.figure("uninstall compose median ms", down);
            figures.ratio("orbitr/compose", "install", install / up);
            figures.ratio("orbitr/compose", "uninstall", uninstall / down);
            // Orbitr's own cost on top of the engine work both sides share: the same network, creates and starts
            // issued straight to the engine in plain waves, nothing validated, journaled, waited for or routed.
            figures.ratio("orbitr/engine-waves", "install", install / median(engineFloor));
        }
        return 0;
    }

    /**
     * The engine work alone, as a plain installer would issue it: network, the three creates at once, worker and cache
     * started at once, then web. Everything is removed after; only the install is timed.
     */
    private static long engineFloor(ContainerEngine engine, String prefix) {
        Map<String, ContainerSpec> specs = new java.util.LinkedHashMap<>();
        specs.put("worker", spec(prefix, "worker", IDLE));
        specs.put("cache", spec(prefix, "cache", IDLE));
        specs.put("web", spec(prefix, "web", WEB));
        // Threads of its own: the common pool has one thread on a 2-core machine and would serialize the calls.
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        long start = System.nanoTime();
        engine.networks().create(NetworkSpec.builder(prefix).label("io.orbitr.bench", "extensions").build());
        try {
            CompletableFuture<?>[] creates = specs.values().stream()
                    .map(spec -> CompletableFuture.runAsync(() -> engine.containers().create(spec), pool))
                    .toArray(CompletableFuture[]::new);
            CompletableFuture.allOf(creates).join();
            CompletableFuture.allOf(
                    CompletableFuture.runAsync(() -> engine.containers().start(prefix + "-worker"), pool),
                    CompletableFuture.runAsync(() -> engine.containers().start(prefix + "-cache"), pool)).join();
            engine.containers().start(prefix + "-web");
            return System.nanoTime() - start;
        } finally {
            pool.shutdownNow();
            for (String service : specs.keySet()) {
                try {
                    engine.containers().remove(prefix + "-" + service, true, false);
                } catch (OrbitrException e) {
                    System.err.println("orbitr: could not remove " + prefix + "-" + service + ": " + e.getMessage());
                }
            }
            engine.networks().remove(prefix);
        }
    }

    private static ContainerSpec spec(String prefix, String service, String command) {
        return ContainerSpec.builder(BenchImage.BUSYBOX).name(prefix + "-" + service).command("sh", "-c",
                command.substring("sh -c '".length(), command.length() - 1))
                .network(prefix).networkAlias(service).label("io.orbitr.bench", "extensions").build();
    }

    private static String manifest(String id) {
        return """
                manifestVersion: 1
                id: %s
                name: Bench app
                version: "1"
                services:
                  web:
                    image: %s
                    command: %s
                    depends_on: [worker, cache]
                  worker:
                    image: %s
                    command: %s
                  cache:
                    image: %s
                    command: %s
                main: web
                health:
                  startPeriod: 30s
                """.formatted(id, BenchImage.BUSYBOX, WEB, BenchImage.BUSYBOX, IDLE, BenchImage.BUSYBOX, IDLE);
    }

    private static String compose() {
        return """
                services:
                  web:
                    image: %s
                    command: %s
                    depends_on: [worker, cache]
                  worker:
                    image: %s
                    command: %s
                  cache:
                    image: %s
                    command: %s
                """.formatted(BenchImage.BUSYBOX, WEB, BenchImage.BUSYBOX, IDLE, BenchImage.BUSYBOX, IDLE);
    }

    private static void compose(String dockerHost, Path file, String project, String... command) {
        List<String> args = new java.util.ArrayList<>(List.of("docker-compose", "-p", project, "-f", file.toString()));
        args.addAll(List.of(command));
        try {
            ProcessBuilder builder = new ProcessBuilder(args).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("DOCKER_HOST", dockerHost);
            Process process = builder.start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new OrbitrException(String.join(" ", args) + " did not finish within 2 minutes");
            }
            if (process.exitValue() != 0) {
                throw new OrbitrException(String.join(" ", args) + " exited with " + process.exitValue());
            }
        } catch (IOException e) {
            throw new OrbitrException("cannot run docker-compose (install Debian's docker-compose): " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrbitrException("interrupted", e);
        }
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        double median = sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
        return median / 1e6;
    }
}
