package io.orbitr.examples.bench;

import com.sun.management.OperatingSystemMXBean;
import io.orbitr.core.Orbitr;
import io.orbitr.health.HealthMonitor;
import io.orbitr.core.health.check.HttpCheckProvider;
import io.orbitr.core.health.check.TcpCheckProvider;
import io.orbitr.health.CheckSpec;
import io.orbitr.health.HealthStatus;
import io.orbitr.health.HealthTarget;
import io.orbitr.health.MonitorMetrics;
import io.orbitr.Page;
import io.orbitr.health.TargetStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * {@code orbitr bench health}: 10,000 targets, half HTTP against local HTTP servers and half TCP against local
 * listeners (both in a separate process), checked every second for 60 s by one platform with a file store. Prints
 * checks per second, the lateness of check starts against their due times (p50, p99), the heap, the share of checks
 * started within 100 ms of their due time and the monitoring process's CPU time over wall time. By default it does
 * so twice, in child processes, once per HTTP transport ({@link TransportComparison}); {@code --transport} picks one.
 */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "10,000 HTTP and TCP targets at a 1 s interval for 60 s.")
public final class HealthBenchmark implements Callable<Integer> {

    @Option(names = "--targets", description = "Targets, half HTTP and half TCP (default: ${DEFAULT-VALUE}).")
    int targets = 10_000;

    @Option(names = "--seconds", description = "How long to measure (default: ${DEFAULT-VALUE}).")
    int seconds = 60;

    @Option(names = "--warmup", description = "Seconds run before measuring, for the JIT (default: ${DEFAULT-VALUE}).")
    int warmup = 0;

    @Option(names = "--interval-ms", description = "Each target's interval (default: ${DEFAULT-VALUE}).")
    int intervalMillis = 1_000;

    @Option(names = "--servers", description = "HTTP servers and TCP listeners each (default: ${DEFAULT-VALUE}).")
    int servers = 10;

    @Option(names = "--transport", paramLabel = "orbitr|jdk|both", converter = TransportChoice.Converter.class,
            description = "The client of the HTTP checks: Orbitr's own, the JDK's HttpClient, or both one after the"
                    + " other in two child processes, printing ratio orbitr/jdk cpu (default: both).")
    TransportChoice transport = TransportChoice.BOTH;

    @Option(names = "--rounds", description = "With --transport both: pairs of runs, alternating (default: ${DEFAULT-VALUE}).")
    int rounds = 1;

    @Override
    public Integer call() throws Exception {
        if (targets < 2 || seconds < 1 || warmup < 0 || intervalMillis < 1_000 || servers < 1 || rounds < 1) {
            System.err.println("orbitr: --targets must be 2 or more, --seconds 1 or more, --warmup 0 or more,"
                    + " --interval-ms at least 1000, --servers 1 or more, --rounds 1 or more");
            return 2;
        }
        if (transport == TransportChoice.BOTH) {
            return new TransportComparison(List.of("--targets", Integer.toString(targets), "--seconds",
                    Integer.toString(seconds), "--warmup", Integer.toString(warmup), "--interval-ms",
                    Integer.toString(intervalMillis), "--servers", Integer.toString(servers)), rounds).run();
        }
        Process serverProcess = startServers();
        Path data = Files.createTempDirectory("orbitr-bench-health");
        try {
            String[] ports = readPorts(serverProcess);
            int[] http = Arrays.stream(ports[0].split(",")).mapToInt(Integer::parseInt).toArray();
            int[] tcp = Arrays.stream(ports[1].split(",")).mapToInt(Integer::parseInt).toArray();
            try (Orbitr orbitr = Orbitr.builder().dataDirectory(data).noDiscovery()
                    .register(new HttpCheckProvider(transport.transport()), new TcpCheckProvider()).build()) {
                run(orbitr.health(), http, tcp);
            }
        } finally {
            serverProcess.getOutputStream().close();
            if (!serverProcess.waitFor(5, TimeUnit.SECONDS)) {
                serverProcess.destroyForcibly();
            }
            deleteTree(data);
        }
        return 0;
    }

    private void run(HealthMonitor health, int[] http, int[] tcp) throws InterruptedException {
        Duration interval = Duration.ofMillis(intervalMillis);
        List<HealthTarget> list = new ArrayList<>(targets);
        for (int i = 0; i < targets; i++) {
            CheckSpec check = i % 2 == 0
                    ? CheckSpec.of("http", "url", "http://127.0.0.1:" + http[i / 2 % http.length] + "/t/" + i)
                    : CheckSpec.of("tcp", "host", "127.0.0.1", "port", tcp[i / 2 % tcp.length]);
            // Uptime Kuma's default timeout: 80% of the interval.
            list.add(HealthTarget.builder("t" + i, check).interval(interval).build());
        }
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        health.addAll(list);
        if (warmup > 0) {
            System.err.printf("orbitr bench health: %d targets added; warming up for %d s%n", targets, warmup);
            Thread.sleep(warmup * 1000L);
        }
        health.resetMetrics();
        long storedBefore = health.metrics().resultsStored();
        long cpuBefore = os.getProcessCpuTime();
        long wallBefore = System.nanoTime();
        for (int elapsed = 0; elapsed < seconds; ) {
            int step = Math.min(10, seconds - elapsed);
            Thread.sleep(step * 1000L);
            elapsed += step;
            MonitorMetrics progress = health.metrics();
            System.err.printf("orbitr bench health: %d s, %d checks, p99 lateness %d ms, %d writes pending%n",
                    elapsed, progress.checksCompleted(), progress.latenessP99Millis(), progress.pendingWrites());
        }
        long cpu = os.getProcessCpuTime() - cpuBefore;
        long wall = System.nanoTime() - wallBefore;
        MonitorMetrics metrics = health.metrics();
        long up = countUp(health);
        System.gc();
        long heapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();

        Figures figures = new Figures(System.out);
        double wallSeconds = wall / 1e9;
        figures.figure("targets", targets);
        figures.figure("checks per second", metrics.checksCompleted() / wallSeconds);
        figures.figure("lateness p50 ms", metrics.latenessP50Millis());
        figures.figure("lateness p99 ms", metrics.latenessP99Millis());
        figures.figure("lateness max ms", metrics.latenessMaxMillis());
        figures.figure("timeouts", metrics.timeouts());
        figures.figure("results stored per second", (metrics.resultsStored() - storedBefore) / wallSeconds);
        figures.figure("results dropped", metrics.resultsDropped());
        figures.figure("up share", (double) up / targets);
        figures.figure("heap after gc mb", heapUsed / 1048576.0);
        figures.figure("on-time share", metrics.onTimeShare());
        figures.figure("cpu cores", cpu / (double) wall);
    }

    private static long countUp(HealthMonitor health) {
        long up = 0;
        Optional<String> cursor = Optional.empty();
        do {
            Page<TargetStatus> page = health.statuses(Optional.empty(), 10_000, cursor);
            up += page.items().stream().filter(s -> s.status() == HealthStatus.UP).count();
            cursor = page.next();
        } while (cursor.isPresent());
        return up;
    }

    private Process startServers() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-Dsun.net.httpserver.nodelay=true",
                "-cp", System.getProperty("java.class.path"), HealthBenchServers.class.getName(),
                Integer.toString(servers), Integer.toString(servers))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static String[] readPorts(Process process) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.US_ASCII));
        String line = reader.readLine();
        if (line == null || !line.startsWith("ports http=")) {
            throw new IOException("the benchmark's servers did not start: " + line);
        }
        String[] parts = line.substring("ports ".length()).split(" ");
        return new String[] {parts[0].substring("http=".length()), parts[1].substring("tcp=".length())};
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
