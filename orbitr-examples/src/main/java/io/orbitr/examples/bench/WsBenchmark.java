package io.orbitr.examples.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orbitr.OrbitrException;
import io.orbitr.core.Orbitr;
import io.orbitr.engine.ContainerSpec;
import io.orbitr.engine.Containers;
import io.orbitr.examples.launcher.PlatformOptions;
import io.orbitr.examples.server.OrbitrServer;
import io.orbitr.examples.server.Role;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code orbitr bench ws}: a container writes {@code --rate} lines a second for {@code --warmup-seconds} and then
 * {@code --seconds} while {@code --clients} WebSocket clients in another process ({@code --client}) follow it through
 * {@code /ws}. Prints the p99 delay from the engine's timestamp to receipt over the seconds after the warm-up (target
 * < 250 ms; the warm-up's worst delay is printed apart), the lines lost over the whole run (every line must arrive or
 * be counted in a LOST event; target 0) and the server process's CPU in cores (target < 1.0).
 */
@Command(name = "ws", mixinStandardHelpOptions = true,
        description = "WebSocket log fan-out: 100 clients in another process follow one busy container.")
public final class WsBenchmark implements Callable<Integer> {
    private static final String END = "orbitr-bench-ws-end";

    @Mixin
    private PlatformOptions options;

    @Option(names = "--rate", defaultValue = "20000", description = "Lines a second (default: ${DEFAULT-VALUE}).")
    private int rate;

    @Option(names = "--seconds", defaultValue = "30", description = "How long it writes (default: ${DEFAULT-VALUE}).")
    private int seconds;

    @Option(names = "--warmup-seconds", defaultValue = "5",
            description = "How long it writes before that, at the same rate, while the clients' and the server's code"
                    + " is compiled: those lines must arrive too, but their delays are left out of the percentiles"
                    + " (default: ${DEFAULT-VALUE}).")
    private int warmupSeconds;

    @Option(names = "--clients", defaultValue = "100", description = "WebSocket clients (default: ${DEFAULT-VALUE}).")
    private int clients;

    /** Which program runs the clients, always in a process of its own. */
    enum ClientKind { socket, jdk, node }

    @Option(names = "--client", defaultValue = "socket",
            description = "The clients' process: socket (a JVM of their own reading WebSocket frames off plain sockets,"
                    + " the cheapest receiver), jdk (the JDK's WebSocket client in a JVM of their own) or node (Node's"
                    + " ws package, installed with npm) (default: ${DEFAULT-VALUE}).")
    private ClientKind client;

    /** @return how many slices a second's lines are written in: the largest divisor of the rate up to 100 */
    static int slices(int rate) {
        for (int slices = Math.min(100, rate); slices > 1; slices--) {
            if (rate % slices == 0) {
                return slices;
            }
        }
        return 1;
    }

    @Override
    public Integer call() throws Exception {
        if (rate < 1 || seconds < 1 || clients < 1) {
            throw new OrbitrException("--rate, --seconds and --clients must be at least 1");
        }
        if (warmupSeconds < 0) {
            throw new OrbitrException("--warmup-seconds must be 0 or more, not " + warmupSeconds);
        }
        int writing = warmupSeconds + seconds;
        Figures figures = new Figures(System.out);
        Path work = Files.createTempDirectory("orbitr-bench-ws");
        if (client == ClientKind.node) {
            Files.copy(resource("ws-clients.js"), work.resolve("ws-clients.js"));
            run(work, List.of("npm", "install", "--prefix", work.toString(), "--no-audit", "--no-fund", "--silent",
                    "ws@8"), Duration.ofMinutes(3));
        }
        String name = "orbitr-bench-ws-" + UUID.randomUUID().toString().substring(0, 8);
        try (Orbitr orbitr = options.builder().inMemoryStore().build();
                OrbitrServer server = OrbitrServer.builder(orbitr).bind("127.0.0.1", 0).start()) {
            Containers containers = orbitr.engine().containers();
            BenchImage.ensureBusybox(orbitr.engine(), orbitr.engineSettings(), System.out);
            String token = server.accounts().createToken("bench", Role.OPERATOR, Optional.empty()).token()
                    .orElseThrow();
            // Each second's RATE numbered lines in up to 100 slices about 10 ms apart (busybox awk, flushed after
            // each slice; a background "sleep 1" keeps the second's pace when the slices are quicker): a program
            // writing 20,000 lines a second, not one burst a second that the engine must swallow whole before its
            // last line can be read. The end marker is repeated, so that a client that lost the first one (told in a
            // LOST event) still sees the end; a LOST count may include a few of these markers.
            int slices = slices(rate);
            String script = "while [ ! -f /tmp/go ]; do sleep 0.1; done; s=0; while [ $s -lt " + writing + " ]; do"
                    + " sleep 1 & awk -v s=$s -v slices=" + slices + " -v per=" + rate / slices
                    + " 'BEGIN { for (c = 0; c < slices; c++) { for (i = 1; i <= per; i++)"
                    + " print s \" line with a little padding \" c * per + i; fflush(); system(\"usleep 7000\") } }';"
                    + " wait; s=$((s+1)); done;"
                    + " while true; do echo " + END + "; sleep 0.5; done";
            containers.create(ContainerSpec.builder(BenchImage.BUSYBOX).name(name).command("sh", "-c", script)
                    .label("io.orbitr.bench", "ws").build());
            try {
                containers.start(name);
                String url = server.uri().toString().replaceFirst("^http", "ws") + "ws";
                ProcessBuilder clientProcess = client == ClientKind.node
                        ? new ProcessBuilder("node", work.resolve("ws-clients.js").toString(), url, token, name,
                                Integer.toString(clients), END, Long.toString(warmupSeconds * 1000L))
                        : new ProcessBuilder(javaCommand(), "-Xmx512m", "-XX:+UseParallelGC", "-cp",
                                System.getProperty("java.class.path"), WsBenchClient.class.getName(), client.name(), url,
                                token, name,
                                Integer.toString(clients), END, Long.toString(warmupSeconds * 1000L),
                                Integer.toString(writing * 2 + 30));
                clientProcess.redirectError(ProcessBuilder.Redirect.INHERIT);
                clientProcess.environment().put("NODE_PATH", work.resolve("node_modules").toString());
                Process process = clientProcess.start();
                BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8));
                String line = out.readLine();
                if (!"ready".equals(line)) {
                    throw new OrbitrException("the clients did not start: " + line);
                }
                // The same stream followed inside the server's process: the delay before any socket is involved.
                long[] hubDelays = new long[(int) Math.min(Integer.MAX_VALUE - 8, (long) rate * writing + 16)];
                java.util.concurrent.atomic.AtomicInteger hubCount = new java.util.concurrent.atomic.AtomicInteger();
                io.orbitr.stream.Subscription hub = orbitr.streams().containerLogs(name,
                        io.orbitr.stream.LogOptions.builder().tail(0).build(),
                        new io.orbitr.stream.StreamSubscriber<io.orbitr.stream.LogLine>() {
                            @Override
                            public void onNext(io.orbitr.stream.LogLine item) {
                                int at = hubCount.getAndIncrement();
                                if (at < hubDelays.length) {
                                    hubDelays[at] = System.currentTimeMillis() - item.timestamp().toEpochMilli();
                                }
                            }
                        });
                long cpuBefore = ProcessCpu.nanos();
                long wallBefore = System.nanoTime();
                containers.exec(name, List.of("touch", "/tmp/go"), Duration.ofSeconds(10), 1024);
                String summary = out.readLine();
                long wall = System.nanoTime() - wallBefore;
                double cores = (ProcessCpu.nanos() - cpuBefore) / (double) wall;
                Optional<Duration> clientCpu = process.toHandle().info().totalCpuDuration();
                if (!process.waitFor(30, TimeUnit.SECONDS) || summary == null) {
                    process.destroyForcibly();
                    throw new OrbitrException("the clients did not finish");
                }
                JsonNode result = new ObjectMapper().readTree(summary);
                long written = (long) rate * writing;
                long lostTold = 0;
                long missing = 0;
                for (int i = 0; i < result.path("lines").size(); i++) {
                    long got = result.path("lines").get(i).asLong();
                    long lost = result.path("lost").get(i).asLong();
                    lostTold += lost;
                    missing += Math.max(0, written - got - lost);
                }
                figures.figure("ws clients", result.path("clients").asInt());
                figures.figure("ws lines written", written);
                figures.figure("ws lines per second", written / (wall / 1e9));
                figures.figure("ws p50 ms", result.path("p50").asDouble());
                figures.figure("ws p99 ms", result.path("p99").asDouble());
                if (result.has("warmupMax")) {
                    figures.figure("ws warm-up max ms", result.path("warmupMax").asDouble());
                }
                figures.figure("ws lost lines", lostTold);
                figures.figure("ws unaccounted lines", missing);
                figures.figure("ws cpu cores", cores);
                hub.cancel();
                long[] inServer = java.util.Arrays.copyOf(hubDelays, Math.min(hubCount.get(), hubDelays.length));
                java.util.Arrays.sort(inServer);
                if (inServer.length > 0) {
                    // Diagnostic: engine timestamp to the hub's delivery inside the server, no socket involved.
                    figures.figure("ws hub p99 ms", inServer[(int) Math.min(inServer.length - 1,
                            Math.ceil(0.99 * inServer.length) - 1)]);
                }
                // The clients' whole life, connecting included: what receiving cost on the same machine.
                clientCpu.ifPresent(cpu -> figures.figure("ws client process cpu seconds", cpu.toMillis() / 1e3));
            } finally {
                containers.remove(name, true, false);
            }
        }
        return 0;
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static InputStream resource(String name) {
        InputStream in = WsBenchmark.class.getResourceAsStream(name);
        if (in == null) {
            throw new OrbitrException(name + " is missing from the class path; rebuild orbitr-examples");
        }
        return in;
    }

    private static void run(Path work, List<String> command, Duration bound) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(bound.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new OrbitrException(String.join(" ", command) + " failed: " + output);
        }
    }
}
