package io.orbitr.examples.bench;

import io.orbitr.InvalidValueException;
import io.orbitr.core.store.JdbcStore;
import io.orbitr.core.store.Stores;
import io.orbitr.examples.launcher.StoreOptions;
import io.orbitr.store.PostgresqlSettings;
import io.orbitr.store.StoreSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code orbitr bench cluster}: three Orbitr servers, each in a JVM of its own, on one PostgreSQL database (a schema
 * of the run's own, dropped after it) share 6,000 targets, half HTTP and half TCP against local servers in another
 * process, at a 1 s interval for 60 s; half-way one server is killed with SIGKILL. Prints the share of checks started
 * within 100 ms of their due time (every server's, the killed one's until its death), how long its targets went
 * unchecked ({@code takeover s}: from the kill until the last of them was checked again), and, from the store's
 * record, checks per second, checks above one per interval per target and repeated notifications (both 0 when the
 * sharing is right).
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "3 servers on one PostgreSQL share 6,000 targets at 1 s for 60 s; one is killed half-way.")
public final class ClusterBenchmark implements Callable<Integer> {

    @Mixin
    StoreOptions store = new StoreOptions();

    @Option(names = "--targets", description = "Targets, half HTTP and half TCP (default: ${DEFAULT-VALUE}).")
    int targets = 6_000;

    @Option(names = "--seconds", description = "How long to measure (default: ${DEFAULT-VALUE}).")
    int seconds = 60;

    @Option(names = "--warmup", description = "Seconds run before measuring (default: ${DEFAULT-VALUE}).")
    int warmup = 10;

    @Option(names = "--interval-ms", description = "Each target's interval (default: ${DEFAULT-VALUE}).")
    int intervalMillis = 1_000;

    @Option(names = "--lease-ttl-ms", description = "The servers' lease TTL (default: ${DEFAULT-VALUE}).")
    int leaseTtlMillis = 1_000;

    @Option(names = "--nodes", description = "Orbitr servers (default: ${DEFAULT-VALUE}).")
    int nodes = 3;

    @Option(names = "--servers", description = "HTTP servers and TCP listeners each (default: ${DEFAULT-VALUE}).")
    int servers = 10;

    @Override
    public Integer call() throws Exception {
        if (targets < 2 || seconds < 2 || warmup < 0 || intervalMillis < 1_000 || leaseTtlMillis < 200 || nodes < 2
                || servers < 1) {
            throw new InvalidValueException("options", targets + " targets, " + seconds + " s, " + nodes + " nodes",
                    "--targets must be 2 or more, --seconds 2 or more, --warmup 0 or more, --interval-ms at least"
                            + " 1000, --lease-ttl-ms at least 200, --nodes 2 or more, --servers 1 or more");
        }
        StoreSettings settings = store.settings();
        if (!(settings instanceof PostgresqlSettings given)) {
            throw new InvalidValueException("--store", "h2", "must be postgresql://[USER@]HOST[:PORT]/DATABASE: the"
                    + " servers share a PostgreSQL database (the run uses a schema of its own and drops it)");
        }
        String schema = "bench_cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        PostgresqlSettings pg = PostgresqlSettings.builder(given.url()).user(given.user()).password(given.password())
                .maxPoolSize(2).schema(schema).build();
        Path dir = Files.createTempDirectory("orbitr-bench-cluster");
        Process targetServers = startTargetServers(servers);
        List<NodeProcess> started = new ArrayList<>();
        try (JdbcStore record = Stores.open(pg, dir)) {
            try {
                String[] ports = readPorts(targetServers);
                run(record, pg, ports, started);
            } finally {
                started.forEach(NodeProcess::close);
                record.inTransaction(connection -> {
                    try (Statement drop = connection.createStatement()) {
                        drop.execute("DROP SCHEMA " + schema + " CASCADE");
                    }
                    return null;
                });
            }
        } finally {
            targetServers.getOutputStream().close();
            if (!targetServers.waitFor(5, TimeUnit.SECONDS)) {
                targetServers.destroyForcibly();
            }
            Files.deleteIfExists(dir);
        }
        return 0;
    }

    private void run(JdbcStore record, PostgresqlSettings pg, String[] ports, List<NodeProcess> started)
            throws Exception {
        List<String> args = List.of(pg.url(), pg.user(), ClusterNode.argument(pg.password()), pg.schema().orElseThrow(),
                Integer.toString(leaseTtlMillis));
        String key = NodeProcess.newSecretKey();
        for (int i = 0; i < nodes; i++) {
            started.add(NodeProcess.start("node-" + i, args, key));
        }
        for (NodeProcess node : started) {
            node.awaitStarted(Duration.ofSeconds(90));
        }
        started.get(0).send("targets " + targets + " " + intervalMillis + " " + ports[0] + " " + ports[1] + " 0");
        started.get(0).await("added", Duration.ofSeconds(120));
        progress("%d servers share %d targets; warming up for %d s", nodes, targets, warmup);
        Thread.sleep(warmup * 1000L);

        long from = System.currentTimeMillis();
        double[] onTimeBefore = new double[nodes];
        long[] completedBefore = new long[nodes];
        for (int i = 0; i < nodes; i++) {
            onTimeBefore[i] = started.get(i).onTime();
            completedBefore[i] = started.get(i).completed();
        }
        Thread.sleep(seconds * 500L);
        NodeProcess victim = started.get(nodes - 1);
        Set<Integer> shards = record.read(connection -> new ClusterRecord(connection).shardsOf(victim.holder()));
        double victimOnTime = victim.onTime() - onTimeBefore[nodes - 1];
        long victimCompleted = victim.completed() - completedBefore[nodes - 1];
        long killedAt = System.currentTimeMillis();
        victim.kill();
        progress("killed one server (SIGKILL) at %tT.%<tL holding %d of the shards", killedAt, shards.size());
        Thread.sleep(seconds * 500L);
        long until = System.currentTimeMillis();

        double onTime = victimOnTime;
        long completed = victimCompleted;
        for (int i = 0; i < nodes - 1; i++) {
            onTime += started.get(i).onTime() - onTimeBefore[i];
            completed += started.get(i).completed() - completedBefore[i];
        }
        started.forEach(NodeProcess::close);
        started.clear();

        Map<String, List<Long>> checks = record.read(connection -> new ClusterRecord(connection).checks(from));
        List<String> repeated = record.read(connection -> new ClusterRecord(connection).repeatedNotifications());
        List<String> ids = IntStream.range(0, targets).mapToObj(i -> "t" + i).toList();
        long takeover = ClusterRecord.takeoverMillis(checks, ids, shards, killedAt);
        long stored = checks.values().stream().mapToLong(List::size).sum();

        Figures figures = new Figures(System.out);
        figures.figure("targets", targets);
        figures.figure("servers", nodes);
        figures.figure("checks per second", stored / ((until - from) / 1000.0));
        figures.figure("on-time share", completed == 0 ? 0 : onTime / completed);
        figures.figure("takeover s", takeover < 0 ? -1 : takeover / 1000.0);
        figures.figure("takeover intervals", takeover < 0 ? -1 : takeover / (double) intervalMillis);
        figures.figure("checks above one per interval", ClusterRecord.extraChecks(checks, intervalMillis));
        figures.figure("repeated notifications", repeated.size());
    }

    private static void progress(String format, Object... args) {
        System.err.printf("orbitr bench cluster: " + format + "%n", args);
    }

    /** Starts the targets' HTTP servers and TCP listeners ({@link HealthBenchServers}) in a JVM of their own. */
    static Process startTargetServers(int each) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                HealthBenchServers.class.getName(), Integer.toString(each), Integer.toString(each))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** @return the HTTP ports and the TCP ports, each comma-separated */
    static String[] readPorts(Process process) throws IOException {
        String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))
                .readLine();
        if (line == null || !line.startsWith("ports http=")) {
            throw new IOException("the benchmark's target servers did not start: " + line);
        }
        String[] parts = line.substring("ports ".length()).split(" ");
        return new String[] {parts[0].substring("http=".length()), parts[1].substring("tcp=".length())};
    }
}
