package io.orbitr.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.store.PostgresqlSettings;
import io.orbitr.testing.TestStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three Orbitr servers in three JVMs on one PostgreSQL schema share 60 targets (4 of them DOWN) at a 2 s interval;
 * one is killed with SIGKILL. Its targets are checked again within two intervals, no target is checked twice in one
 * interval, and no notification is sent twice. The store is the record of what every server did. Before the kill,
 * every server knows the live status of every target, also of those another server checks.
 */
@Timeout(value = 110, unit = TimeUnit.SECONDS)
class ClusterIT {
    private static final int TARGETS = 60;
    private static final int DOWN = 4;
    private static final long INTERVAL = 2_000;
    private static final Duration START = Duration.ofSeconds(40);

    private final TestStore store = new TestStore(TestStore.Kind.POSTGRESQL);
    private final List<NodeProcess> nodes = new ArrayList<>();
    private Process servers;

    @AfterEach
    void stop() {
        nodes.forEach(NodeProcess::close);
        if (servers != null) {
            servers.destroyForcibly();
        }
        store.close();
    }

    @Test
    void aKilledServersTargetsAreTakenOverWithoutDoubleChecksOrRepeatedNotifications() throws Exception {
        PostgresqlSettings settings = (PostgresqlSettings) store.settings();
        String passwordFile = settings.password().reference();
        List<String> args = List.of(settings.url(), settings.user(), ClusterNode.argument(settings.password()),
                settings.schema().orElseThrow(),
                "1000");
        String[] ports = startServers();
        String key = NodeProcess.newSecretKey();
        // All three start at once, as servers restarted together do: they migrate the fresh schema one at a time.
        for (int i = 0; i < 3; i++) {
            nodes.add(NodeProcess.start("node-" + i, args, key));
        }
        for (NodeProcess node : nodes) {
            node.awaitStarted(START);
        }
        nodes.get(0).send("targets " + TARGETS + " " + INTERVAL + " " + ports[0] + " " + ports[1] + " " + DOWN);
        nodes.get(0).await("added", Duration.ofSeconds(20));
        long from = System.currentTimeMillis();
        Thread.sleep(4 * INTERVAL);
        for (NodeProcess node : nodes) {
            node.send("status");
            assertThat(node.await("status ", Duration.ofSeconds(10)))
                    .as("UP, DOWN and heard DOWN on %s", node.holder())
                    .isEqualTo("status " + (TARGETS - DOWN) + " " + DOWN + " " + DOWN);
        }

        try (Connection connection = connect(settings, passwordFile)) {
            ClusterRecord record = new ClusterRecord(connection);
            NodeProcess victim = nodes.get(1);
            Set<Integer> shards = record.shardsOf(victim.holder());
            assertThat(shards).as("the second server's shards before it dies").isNotEmpty();
            long killedAt = System.currentTimeMillis();
            victim.kill();
            nodes.remove(victim);
            Thread.sleep(4 * INTERVAL);
            nodes.forEach(NodeProcess::close);
            nodes.clear();

            Map<String, List<Long>> checks = record.checks(from);
            List<String> ids = IntStream.range(0, TARGETS).mapToObj(i -> "t" + i).toList();
            assertThat(checks).as("every target was checked").hasSize(TARGETS);
            long takeover = ClusterRecord.takeoverMillis(checks, ids, shards, killedAt);
            assertThat(takeover).as("ms until the killed server's targets were all checked again")
                    .isBetween(0L, 2 * INTERVAL);
            assertThat(ClusterRecord.extraChecks(checks, INTERVAL)).as("checks above one per interval").isZero();
            assertThat(record.repeatedNotifications()).isEmpty();
            Map<String, List<String>> notifications = record.notifications();
            for (int i = 0; i < DOWN; i++) {
                assertThat(notifications.get("t" + i)).as("notifications of the DOWN target t%d", i)
                        .hasSize(1).allMatch(transition -> transition.endsWith("->DOWN"));
            }
        }
    }

    private String[] startServers() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        servers = new ProcessBuilder(java, "-Xmx64m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                HealthBenchServers.class.getName(), "2", "2").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new BufferedReader(new InputStreamReader(servers.getInputStream(), StandardCharsets.US_ASCII))
                .readLine();
        assertThat(line).as("the targets' servers' ports").startsWith("ports http=");
        String[] parts = line.substring("ports ".length()).split(" ");
        return new String[] {parts[0].substring("http=".length()), parts[1].substring("tcp=".length())};
    }

    private static Connection connect(PostgresqlSettings settings, String passwordFile) throws Exception {
        Connection connection = DriverManager.getConnection(settings.url(), settings.user(),
                Files.readString(Path.of(passwordFile)).strip());
        connection.setSchema(settings.schema().orElseThrow());
        return connection;
    }
}
