package io.orbitr.examples.bench;

import io.orbitr.OrbitrException;
import io.orbitr.core.Orbitr;
import io.orbitr.engine.ContainerSpec;
import io.orbitr.engine.Containers;
import io.orbitr.examples.launcher.PlatformOptions;
import io.orbitr.examples.server.OrbitrServer;
import io.orbitr.examples.server.Role;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code orbitr bench api}: the median and p99 latency of {@code GET /api/v1/containers} over HTTP (a kept-alive
 * connection, a bearer token, the whole listing) against {@code docker ps -a} for the same containers, interleaved in
 * the same run; target ratio at most 0.5. With {@code wrk} on the PATH it also measures requests per second with 64
 * connections from that other process.
 */
@Command(name = "api", mixinStandardHelpOptions = true,
        description = "REST API latency against the docker CLI, and requests/s under wrk when present.")
public final class ApiBenchmark implements Callable<Integer> {
    private static final String PREFIX = "orbitr-bench-api-";
    private static final int API_SAMPLES = 5;

    @Mixin
    private PlatformOptions options;

    @Option(names = "--iterations", defaultValue = "60",
            description = "CLI calls, each paired with 5 API calls (default: ${DEFAULT-VALUE}).")
    private int iterations;

    @Option(names = "--containers", defaultValue = "10",
            description = "Containers to create for the list to return (default: ${DEFAULT-VALUE}).")
    private int containerCount;

    @Override
    public Integer call() throws Exception {
        if (iterations < 5 || containerCount < 1) {
            throw new OrbitrException("--iterations must be at least 5 and --containers at least 1");
        }
        Figures figures = new Figures(System.out);
        try (Orbitr orbitr = options.builder().inMemoryStore().build();
                OrbitrServer server = OrbitrServer.builder(orbitr).bind("127.0.0.1", 0).start()) {
            Containers containers = orbitr.engine().containers();
            BenchImage.ensureBusybox(orbitr.engine(), orbitr.engineSettings(), System.out);
            String token = server.accounts().createToken("bench", Role.VIEWER, Optional.empty()).token().orElseThrow();
            String run = UUID.randomUUID().toString().substring(0, 8);
            List<String> names = new ArrayList<>();
            try {
                for (int i = 0; i < containerCount; i++) {
                    String name = PREFIX + run + "-" + i;
                    names.add(name);
                    containers.create(ContainerSpec.builder(BenchImage.BUSYBOX).name(name).command("sleep", "3600")
                            .label("io.orbitr.bench", "api").build());
                    containers.start(name);
                }
                URI list = server.uri().resolve("api/v1/containers?limit=1000");
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                HttpRequest request = HttpRequest.newBuilder(list).header("Authorization", "Bearer " + token)
                        .timeout(Duration.ofSeconds(30)).GET().build();
                Runnable api = () -> get(http, request);
                Runnable cli = () -> CliCall.run("docker", "ps", "-a");
                for (int i = 0; i < 200; i++) {
                    api.run();
                }
                for (int i = 0; i < 3; i++) {
                    cli.run();
                }
                long[] apiNanos = new long[iterations * API_SAMPLES];
                long[] cliNanos = new long[iterations];
                for (int i = 0; i < iterations; i++) {
                    cliNanos[i] = time(cli);
                    for (int k = 0; k < API_SAMPLES; k++) {
                        apiNanos[i * API_SAMPLES + k] = time(api);
                    }
                }
                double apiMedian = percentileMillis(apiNanos, 50);
                double cliMedian = percentileMillis(cliNanos, 50);
                figures.figure("containers listed", containerCount);
                figures.figure("list api median ms", apiMedian);
                figures.figure("list api p99 ms", percentileMillis(apiNanos, 99));
                figures.figure("list cli median ms", cliMedian);
                figures.figure("list cli p99 ms", percentileMillis(cliNanos, 99));
                figures.ratio("api/cli", "list", apiMedian / cliMedian);
                Optional<Double> rps = wrk(list, token);
                if (rps.isPresent()) {
                    figures.figure("api list requests/s 64 connections", rps.get());
                } else if ("true".equals(System.getenv("CI"))) {
                    throw new OrbitrException("wrk is not on the PATH: under CI=true the load generator must be"
                            + " present (apt-get install wrk; .ci/run installs it)");
                } else {
                    System.out.println("wrk not on the PATH (apt-get install wrk): requests/s under load not measured");
                }
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

    private static void get(HttpClient http, HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new OrbitrException("GET " + request.uri() + " answered " + response.statusCode() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new OrbitrException("GET " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrbitrException("interrupted", e);
        }
    }

    /** Runs wrk (another process) for 10 s with 64 connections; empty when wrk is not installed. */
    private static Optional<Double> wrk(URI url, String token) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("wrk", "-t2", "-c64", "-d10s", "-H", "Authorization: Bearer " + token,
                    url.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return Optional.empty();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new OrbitrException("wrk failed: " + output);
        }
        Matcher refused = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)").matcher(output);
        if (refused.find()) {
            throw new OrbitrException("wrk got " + refused.group(1) + " answers other than 200: " + output);
        }
        Matcher matcher = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(output);
        return matcher.find() ? Optional.of(Double.parseDouble(matcher.group(1))) : Optional.empty();
    }

    private static long time(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return System.nanoTime() - start;
    }

    private static double percentileMillis(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
