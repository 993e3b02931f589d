package io.orbitr.examples.bench;

import io.orbitr.OrbitrException;
import io.orbitr.core.Orbitr;
import io.orbitr.engine.ContainerQuery;
import io.orbitr.engine.ContainerSpec;
import io.orbitr.engine.Containers;
import io.orbitr.PageRequest;
import io.orbitr.examples.launcher.PlatformOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code orbitr bench engine}: the median latency of listing all containers and of inspecting one, through Orbitr
 * and through the {@code docker} CLI ({@code docker ps -a}, {@code docker inspect NAME}), measured in the same run,
 * interleaved so that both see the same engine load. The CLI pays a process start per call; an in-process library
 * should not: the target is both ratios at most 0.5.
 */
@Command(name = "engine", mixinStandardHelpOptions = true,
        description = "Engine call latency through Orbitr against the docker CLI.")
public final class EngineBenchmark implements Callable<Integer> {
    private static final String PREFIX = "orbitr-bench-engine-";

    @Mixin
    private PlatformOptions options;

    @Option(names = "--iterations", defaultValue = "60",
            description = "CLI calls per operation, each paired with 5 Orbitr calls (default: ${DEFAULT-VALUE}).")
    private int iterations;

    @Option(names = "--containers", defaultValue = "10",
            description = "Containers to create for the list to return (default: ${DEFAULT-VALUE}).")
    private int containerCount;

    /** Orbitr calls are ~100 times cheaper than CLI calls: more of them make its median as stable for free. */
    private static final int ORBITR_SAMPLES = 5;

    @Override
    public Integer call() throws Exception {
        if (iterations < 5 || containerCount < 1) {
            throw new OrbitrException("--iterations must be at least 5 and --containers at least 1");
        }
        Figures figures = new Figures(System.out);
        try (Orbitr orbitr = options.builder().inMemoryStore().build()) {
            Containers containers = orbitr.engine().containers();
            BenchImage.ensureBusybox(orbitr.engine(), orbitr.engineSettings(), System.out);
            String run = UUID.randomUUID().toString().substring(0, 8);
            List<String> names = new ArrayList<>();
            try {
                for (int i = 0; i < containerCount; i++) {
                    String name = PREFIX + run + "-" + i;
                    names.add(name);
                    containers.create(ContainerSpec.builder(BenchImage.BUSYBOX).name(name).command("sleep", "3600")
                            .label("io.orbitr.bench", "engine").build());
                    containers.start(name);
                }
                String target = names.get(names.size() / 2);
                int listed = containers.list(ContainerQuery.all(), PageRequest.first(PageRequest.MAX_LIMIT)).total().orElseThrow();
                Runnable orbitrList = () -> containers.list(ContainerQuery.all(),
                        PageRequest.first(PageRequest.MAX_LIMIT));
                Runnable orbitrInspect = () -> containers.inspect(target);
                Runnable cliList = () -> CliCall.run("docker", "ps", "-a");
                Runnable cliInspect = () -> CliCall.run("docker", "inspect", target);

                // Warm up: the JIT and the connection pool on one side, the CLI's binary in the page cache on
                // the other.
                for (int i = 0; i < 200; i++) {
                    orbitrList.run();
                    orbitrInspect.run();
                }
                for (int i = 0; i < 3; i++) {
                    cliList.run();
                    cliInspect.run();
                }
                long[] orbitrListNanos = new long[iterations * ORBITR_SAMPLES];
                long[] orbitrInspectNanos = new long[iterations * ORBITR_SAMPLES];
                long[] cliListNanos = new long[iterations];
                long[] cliInspectNanos = new long[iterations];
                for (int i = 0; i < iterations; i++) {
                    cliListNanos[i] = time(cliList);
                    for (int k = 0; k < ORBITR_SAMPLES; k++) {
                        orbitrListNanos[i * ORBITR_SAMPLES + k] = time(orbitrList);
                    }
                    cliInspectNanos[i] = time(cliInspect);
                    for (int k = 0; k < ORBITR_SAMPLES; k++) {
                        orbitrInspectNanos[i * ORBITR_SAMPLES + k] = time(orbitrInspect);
                    }
                }
                double orbitrListMs = medianMillis(orbitrListNanos);
                double cliListMs = medianMillis(cliListNanos);
                double orbitrInspectMs = medianMillis(orbitrInspectNanos);
                double cliInspectMs = medianMillis(cliInspectNanos);
                figures.figure("containers listed", listed);
                figures.figure("cli calls per operation", iterations);
                figures.figure("orbitr calls per operation", iterations * ORBITR_SAMPLES);
                figures.figure("list orbitr median ms", orbitrListMs);
                figures.figure("list cli median ms", cliListMs);
                figures.figure("inspect orbitr median ms", orbitrInspectMs);
                figures.figure("inspect cli median ms", cliInspectMs);
                figures.ratio("orbitr/cli", "list", orbitrListMs / cliListMs);
                figures.ratio("orbitr/cli", "inspect", orbitrInspectMs / cliInspectMs);
            } finally {
                for (String name : names) {
                    try {
                        containers.remove(name, true, false);
                    } catch (OrbitrException e) {
                        System.err.println("orbitr: could not remove " + name + ": " + e.getMessage());
                    }
                }
            }
        }
        return 0;
    }

    private static long time(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return System.nanoTime() - start;
    }

    private static double medianMillis(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        double median = sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
        return median / 1e6;
    }
}
