package io.orbitr.examples.bench;

import io.orbitr.examples.launcher.Launcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code orbitr bench status}: runs {@code orbitr status} as a child process, as a user would, and prints the median
 * and p90 wall time from start to exit. The child is {@code scripts/orbitr} next to the fat jar when found (so its
 * JVM options and class-data-sharing archive count), else this JVM's class path. One unmeasured run first creates
 * the data directory, so the runs measure a start against an existing store.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Wall time of `orbitr status` as a child process, median and p90 of 10 runs.")
public final class StatusBenchmark implements Callable<Integer> {
    /** A run that takes longer than this is killed and the benchmark fails. */
    private static final long RUN_BOUND_SECONDS = 120;

    @Option(names = "--runs", description = "Measured runs (default: ${DEFAULT-VALUE}).")
    int runs = 10;

    @Option(names = "--command", paramLabel = "FILE",
            description = "The orbitr launcher script to run (default: scripts/orbitr of the build, if found).")
    Path command;

    @Override
    public Integer call() throws Exception {
        if (runs < 1) {
            System.err.println("orbitr: --runs must be 1 or more");
            return 2;
        }
        List<String> launcher = launcher();
        System.err.println("orbitr bench status: running " + String.join(" ", launcher) + " status");
        Path data = Files.createTempDirectory("orbitr-bench-status");
        try {
            run(launcher, data);
            double[] millis = new double[runs];
            for (int i = 0; i < runs; i++) {
                millis[i] = run(launcher, data);
                System.err.printf("orbitr bench status: run %d: %.0f ms%n", i + 1, millis[i]);
            }
            Arrays.sort(millis);
            Figures figures = new Figures(System.out);
            figures.figure("status ms", percentile(millis, 50));
            figures.figure("status p90 ms", percentile(millis, 90));
            figures.figure("status min ms", millis[0]);
        } finally {
            deleteTree(data);
        }
        return 0;
    }

    private List<String> launcher() {
        if (command != null) {
            return List.of(command.toString());
        }
        Optional<Path> script = script();
        if (script.isPresent()) {
            return List.of(script.get().toString());
        }
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Launcher.class.getName());
    }

    /** scripts/orbitr of the source tree the running jar was built in: jar in orbitr-examples/target. */
    private static Optional<Path> script() {
        try {
            Path jar = Path.of(StatusBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = jar.toAbsolutePath().getParent();
            for (int up = 0; up < 3 && root != null; up++) {
                Path candidate = root.resolve("scripts").resolve("orbitr");
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
                root = root.getParent();
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            // No usable location: fall back to the class path.
        }
        return Optional.empty();
    }

    /** @return the wall time of one {@code status} run, in milliseconds */
    private static double run(List<String> launcher, Path data) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of("status", "--data-dir", data.toString()));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        process.getOutputStream().close();
        if (!process.waitFor(RUN_BOUND_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("orbitr status did not finish within " + RUN_BOUND_SECONDS + " s");
        }
        long elapsed = System.nanoTime() - start;
        if (process.exitValue() != 0) {
            throw new IOException("orbitr status exited with " + process.exitValue());
        }
        return elapsed / 1e6;
    }

    private static double percentile(double[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
