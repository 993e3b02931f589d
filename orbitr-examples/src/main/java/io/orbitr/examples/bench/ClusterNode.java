package io.orbitr.examples.bench;

import io.orbitr.core.Orbitr;
import io.orbitr.core.health.check.HttpCheckProvider;
import io.orbitr.core.health.check.TcpCheckProvider;
import io.orbitr.health.CheckSpec;
import io.orbitr.health.HealthMonitor;
import io.orbitr.health.HealthTarget;
import io.orbitr.health.MonitorMetrics;
import io.orbitr.store.PasswordSource;
import io.orbitr.store.PostgresqlSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One Orbitr server of {@code orbitr bench cluster} and of the cluster test, in a process of its own: a platform on
 * a PostgreSQL schema with the HTTP and TCP checks, its health targets shared with the other servers on the schema.
 * Prints {@code node HOLDER} once started and {@code metrics COMPLETED ON_TIME_SHARE} every second; reads commands
 * from its standard input and stops when it closes:
 * <ul>
 *   <li>{@code targets COUNT INTERVAL_MS HTTP_PORTS TCP_PORTS DOWN}: adds {@code COUNT} targets {@code t0...},
 *   alternately HTTP and TCP against the given loopback ports (comma-separated), the first {@code DOWN} of them TCP
 *   checks of a closed port; answers {@code added COUNT}</li>
 *   <li>{@code status}: answers {@code status UP DOWN HEARD_DOWN}: how many targets are UP and DOWN by this server's
 *   {@code statuses}, and how many different targets its status listener heard go DOWN (every server knows every
 *   target's live status, not only the ones it checks)</li>
 * </ul>
 */
public final class ClusterNode {
    private ClusterNode() {
    }

    /**
     * @param args the JDBC URL, the user, the password ({@code -} for none, {@code file:PATH} or {@code env:NAME}),
     *             the schema, the lease TTL in ms
     * @throws Exception when the platform cannot start
     */
    public static void main(String[] args) throws Exception {
        PostgresqlSettings store = PostgresqlSettings.builder(args[0]).user(args[1])
                .password(password(args[2]))
                .schema(args[3]).maxPoolSize(6).build();
        Duration ttl = Duration.ofMillis(Long.parseLong(args[4]));
        Path data = Files.createTempDirectory("orbitr-cluster-node");
        try (Orbitr orbitr = Orbitr.builder().dataDirectory(data).store(store).noDiscovery()
                .register(new HttpCheckProvider(), new TcpCheckProvider()).shareHealthTargets(true, ttl).build()) {
            HealthMonitor health = orbitr.health();
            java.util.Set<String> heardDown = java.util.concurrent.ConcurrentHashMap.newKeySet();
            health.addListener(change -> {
                if (change.to() == io.orbitr.health.HealthStatus.DOWN) {
                    heardDown.add(change.targetId());
                }
            });
            say("node " + orbitr.leases().holder());
            Thread reporter = new Thread(() -> report(health), "cluster-node-metrics");
            reporter.setDaemon(true);
            reporter.start();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                String[] words = line.trim().split(" ");
                if (words[0].equals("targets")) {
                    List<HealthTarget> targets = targets(Integer.parseInt(words[1]),
                            Duration.ofMillis(Long.parseLong(words[2])), ports(words[3]), ports(words[4]),
                            Integer.parseInt(words[5]));
                    health.addAll(targets);
                    say("added " + targets.size());
                } else if (words[0].equals("status")) {
                    say("status " + count(health, io.orbitr.health.HealthStatus.UP) + " "
                            + count(health, io.orbitr.health.HealthStatus.DOWN) + " " + heardDown.size());
                }
            }
        } finally {
            try (var paths = Files.walk(data)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a leftover temporary directory is harmless
            }
        }
    }

    /** @return the node's argument for a password source */
    static String argument(PasswordSource password) {
        return switch (password.kind()) {
            case NONE -> "-";
            case FILE -> "file:" + password.reference();
            case ENVIRONMENT -> "env:" + password.reference();
        };
    }

    private static PasswordSource password(String argument) {
        if (argument.startsWith("file:")) {
            return PasswordSource.file(Path.of(argument.substring("file:".length())));
        }
        if (argument.startsWith("env:")) {
            return PasswordSource.environment(argument.substring("env:".length()));
        }
        return PasswordSource.none();
    }

    /** The targets both the test and the benchmark add: alternately HTTP and TCP, the first {@code down} failing. */
    static List<HealthTarget> targets(int count, Duration interval, int[] http, int[] tcp, int down) {
        List<HealthTarget> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            CheckSpec check;
            if (i < down) {
                check = CheckSpec.of("tcp", "host", "127.0.0.1", "port", 1);
            } else if (i % 2 == 0) {
                check = CheckSpec.of("http", "url", "http://127.0.0.1:" + http[i / 2 % http.length] + "/t/" + i);
            } else {
                check = CheckSpec.of("tcp", "host", "127.0.0.1", "port", tcp[i / 2 % tcp.length]);
            }
            list.add(HealthTarget.builder("t" + i, check).interval(interval).build());
        }
        return list;
    }

    private static long count(HealthMonitor health, io.orbitr.health.HealthStatus status) {
        long count = 0;
        java.util.Optional<String> after = java.util.Optional.empty();
        do {
            io.orbitr.Page<io.orbitr.health.TargetStatus> page = health.statuses(java.util.Optional.empty(), 1000,
                    after);
            count += page.items().stream().filter(each -> each.status() == status).count();
            after = page.next();
        } while (after.isPresent());
        return count;
    }

    private static int[] ports(String list) {
        return Arrays.stream(list.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    private static void report(HealthMonitor health) {
        while (true) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            MonitorMetrics metrics = health.metrics();
            say("metrics " + metrics.checksCompleted() + " " + metrics.onTimeShare());
        }
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
