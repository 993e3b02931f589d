package io.orbitr.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.orbitr.core.Orbitr;
import io.orbitr.engine.ContainerSpec;
import io.orbitr.testing.Await;
import io.orbitr.testing.RealDocker;
import io.orbitr.testing.Shell;
import io.orbitr.testing.TestImages;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The WebSocket protocol over a real socket, on real container logs. */
@RealDocker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class SocketIT {
    static final String PREFIX = "orbitr-server-ws-" + UUID.randomUUID().toString().substring(0, 6);

    @TempDir
    static Path dataDir;

    Orbitr orbitr;
    OrbitrServer server;
    String operator;
    String viewer;
    final List<String> containers = new ArrayList<>();

    @BeforeAll
    void start() {
        TestImages.busybox();
        orbitr = Orbitr.builder().dataDirectory(dataDir).build();
        server = OrbitrServer.builder(orbitr).bind("127.0.0.1", 0).start();
        server.accounts().create(PREFIX + "-root", Role.ADMIN, "a long enough password");
        operator = server.accounts().createToken(PREFIX + "-op", Role.OPERATOR, Optional.empty()).token().orElseThrow();
        viewer = server.accounts().createToken(PREFIX + "-view", Role.VIEWER, Optional.empty()).token().orElseThrow();
    }

    @AfterAll
    void stop() {
        for (String container : containers) {
            Shell.run(Duration.ofSeconds(30), List.of("docker", "rm", "-f", container));
        }
        if (server != null) {
            server.close();
        }
        if (orbitr != null) {
            orbitr.close();
        }
    }

    String container(String suffix, String script) {
        String name = PREFIX + "-" + suffix;
        String id = orbitr.engine().containers().create(ContainerSpec.builder(TestImages.BUSYBOX).name(name)
                .command("sh", "-c", script).label("io.orbitr.test", PREFIX).build());
        containers.add(name);
        orbitr.engine().containers().start(id);
        return name;
    }

    static Map<String, Object> subscribe(String type, String container) {
        return Map.of("type", type, "containerId", container);
    }

    @Test
    void theHandshakeNeedsCredentialsAndASameOrigin() {
        assertThatThrownBy(() -> WsClient.connect(server.uri(), null, Map.of(), false))
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode())
                        .isEqualTo(401));
        assertThatThrownBy(() -> WsClient.connect(server.uri(), viewer, Map.of("Origin", "https://evil.example"),
                false))
                .hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode())
                        .isEqualTo(403));
        String own = "http://127.0.0.1:" + server.port();
        try (WsClient client = WsClient.connect(server.uri(), viewer, Map.of("Origin", own), false)) {
            client.send(Map.of("type", "ping"));
            assertThat(client.messages).isNotNull();
        }
    }

    @Test
    void logsArriveInBatchesSharedByEveryClientAndResumeWithoutDuplicates() throws Exception {
        String name = container("logs", "i=1; while [ $i -le 400 ]; do echo line $i; i=$((i+1)); done; sleep 600");
        Await.until("the 400 lines are written", () -> orbitr.engine().recentLogs(name, 1).stream()
                .anyMatch(line -> line.text().equals("line 400")));
        try (WsClient first = WsClient.connect(server.uri(), operator, Map.of(), false);
                WsClient second = WsClient.connect(server.uri(), operator, Map.of(), false)) {
            first.send(Map.of("type", "subscribe_logs", "containerId", name, "tail", 100));
            List<JsonNode> lines = new ArrayList<>();
            while (lines.size() < 100) {
                JsonNode batch = first.awaitType("logs");
                assertThat(batch.path("containerId").asText()).isEqualTo(name);
                batch.path("lines").forEach(lines::add);
            }
            JsonNode line = lines.get(0);
            assertThat(line.has("id")).isTrue();
            assertThat(line.path("ts").asText()).matches("\\d{4}-.*Z");
            assertThat(line.path("stream").asText()).isEqualTo("stdout");
            assertThat(lines.get(lines.size() - 1).path("text").asText()).isEqualTo("line 400");
            second.send(Map.of("type", "subscribe_logs", "containerId", name, "tail", 0));
            Await.until("both share one stream", () -> orbitr.streams().openStreams() == 1);
            long resumeAfter = lines.get(49).path("id").asLong();
            try (WsClient resumed = WsClient.connect(server.uri(), operator, Map.of(), false)) {
                resumed.send(Map.of("type", "subscribe_logs", "containerId", name, "sinceId", resumeAfter));
                List<JsonNode> again = new ArrayList<>();
                while (again.size() < 50) {
                    resumed.awaitType("logs").path("lines").forEach(again::add);
                }
                assertThat(again).hasSize(50);
                assertThat(again.get(0).path("id").asLong()).isEqualTo(resumeAfter + 1);
                assertThat(again.get(0).path("text").asText()).isEqualTo(lines.get(50).path("text").asText());
            }
            assertThat(orbitr.streams().openStreams()).isEqualTo(1);
            first.send(Map.of("type", "unsubscribe_logs", "containerId", name));
            first.send(Map.of("type", "ping"));
            first.awaitType("pong");
        }
    }

    @Test
    void rolesBadMessagesAndFloodsGetErrorsAndTheConnectionStays() throws Exception {
        String name = container("roles", "sleep 600");
        try (WsClient client = WsClient.connect(server.uri(), viewer, Map.of(), false)) {
            client.send(Map.of("type", "subscribe_logs", "containerId", name));
            JsonNode denied = client.awaitType("error");
            assertThat(denied.path("message").asText()).contains("operator");
            client.send("{not json");
            assertThat(client.awaitType("error").path("message").asText()).contains("JSON");
            client.send(Map.of("type", "subscribe_everything"));
            assertThat(client.awaitType("error").path("field").asText()).isEqualTo("type");
            client.send(Map.of("type", "subscribe_stats", "containerId", name, "tail", "lots"));
            assertThat(client.awaitType("error").path("field").asText()).isEqualTo("tail");
            client.send(Map.of("type", "subscribe_stats", "containerId", name, "colour", "red"));
            assertThat(client.awaitType("error").path("field").asText()).isEqualTo("colour");
            client.send(Map.of("type", "subscribe_stats", "containerId", "../../etc/passwd"));
            assertThat(client.awaitType("error").path("field").asText()).isEqualTo("containerId");
            client.send(Map.of("type", "subscribe_stats", "containerId", PREFIX + "-absent"));
            assertThat(client.awaitType("error").path("status").asInt()).isEqualTo(404);
            for (int i = 0; i < 300; i++) {
                client.send("{\"type\": " + i + "}");
            }
            for (int i = 0; i < 300; i++) {
                client.awaitType("error");
            }
            assertThat(orbitr.streams().openStreams()).as("nothing was subscribed").isZero();
            client.send(Map.of("type", "subscribe_stats", "containerId", name));
            JsonNode stats = client.awaitType("stats");
            assertThat(stats.path("containerId").asText()).isEqualTo(name);
            assertThat(stats.path("sample").has("cpuPercent")).isTrue();
            client.send(Map.of("type", "unsubscribe_stats", "containerId", name));
        }
    }

    @Test
    void engineEventsAndInstanceLogsUseTheSameShape() throws Exception {
        try (WsClient client = WsClient.connect(server.uri(), operator, Map.of(), false)) {
            client.send(Map.of("type", "subscribe_events"));
            String name = container("events", "sleep 600");
            JsonNode event = client.await(m -> m.path("type").asText().equals("engine_event")
                    && m.path("event").path("attributes").path("name").asText().equals(name), Duration.ofSeconds(30));
            assertThat(event.path("event").path("action").asText()).isNotBlank();
            client.send(Map.of("type", "subscribe_instance_logs", "instanceId", PREFIX + "-absent"));
            JsonNode error = client.awaitType("error");
            assertThat(error.path("status").asInt()).isEqualTo(404);
            client.send(Map.of("type", "unsubscribe_events"));
            client.send(Map.of("type", "ping"));
            client.awaitType("pong");
        }
    }

    @Test
    void anEndedContainerEndsItsStreamWithAReason() throws Exception {
        String name = container("end", "echo only; sleep 2");
        try (WsClient client = WsClient.connect(server.uri(), operator, Map.of(), false)) {
            client.send(Map.of("type", "subscribe_logs", "containerId", name));
            JsonNode end = client.await(m -> m.path("event").asText().equals("END"), Duration.ofSeconds(30));
            assertThat(end.path("containerId").asText()).isEqualTo(name);
            assertThat(end.path("reason").asText()).isNotBlank();
        }
    }

    @Test
    void aSlowClientGetsLostAndNeverHoldsUpAFastOne() throws Exception {
        // More than a slow socket holds: the kernel's buffers and SocketClient.MAX_SHARED_IN_FLIGHT batches.
        int total = 500_000;
        String name = container("flood", "while [ ! -f /tmp/go ]; do echo waiting; sleep 0.2; done; seq 1 " + total
                + " | sed 's/^/flood line with some padding to be long /'; sleep 600");
        try (WsClient slow = WsClient.connect(server.uri(), operator, Map.of(), true);
                WsClient fast = WsClient.connect(server.uri(), operator, Map.of(), false)) {
            slow.send(Map.of("type", "subscribe_logs", "containerId", name, "tail", 0));
            fast.send(Map.of("type", "subscribe_logs", "containerId", name, "tail", 0));
            // Both follow once the fast one sees the container's live lines; only then does the flood start.
            fast.await(m -> m.path("type").asText().equals("logs"), Duration.ofSeconds(60));
            orbitr.engine().containers().exec(name, List.of("touch", "/tmp/go"), Duration.ofSeconds(10), 1024);
            long received = 0;
            long lost = 0;
            String last = "";
            // Until the last line arrives, or every line is accounted for: a fast client that a busy machine keeps
            // from reading for a moment loses lines too (told in LOST), and the last ones may be among them.
            while (!last.endsWith(" " + total) && received + lost < total) {
                JsonNode message = fast.await(m -> m.path("type").asText().equals("logs")
                        || m.path("event").asText().equals("LOST"), Duration.ofSeconds(60));
                if (message.path("type").asText().equals("logs")) {
                    for (JsonNode line : message.path("lines")) {
                        if (line.path("text").asText().startsWith("flood")) {
                            received++;
                        }
                    }
                    last = message.path("lines").get(message.path("lines").size() - 1).path("text").asText();
                } else {
                    lost += message.path("count").asLong();
                }
            }
            // A LOST count may include a few "waiting" lines from before the flood: at least every flood line is told.
            assertThat(received + lost).as("every line arrived or was counted lost").isGreaterThanOrEqualTo(total);
            assertThat(slow.messages).as("the slow client has read nothing yet").isEmpty();
            slow.resume();
            JsonNode lostEvent = slow.await(m -> m.path("event").asText().equals("LOST"), Duration.ofSeconds(60));
            assertThat(lostEvent.path("count").asLong()).isPositive();
        }
    }

    @Test
    void nodesWsPackageFollowsALog(@TempDir Path work) throws Exception {
        String name = container("node", "echo from busybox; sleep 600");
        Path script = work.resolve("follow.js");
        Files.writeString(script, String.join("\n",
                "const WebSocket = require('ws');",
                "const ws = new WebSocket(process.argv[2], {headers: {Authorization: 'Bearer ' + process.argv[3]}});",
                "ws.on('open', () => ws.send(JSON.stringify({type: 'subscribe_logs', containerId: process.argv[4]})));",
                "ws.on('message', (data) => { const m = JSON.parse(data);",
                "  if (m.type === 'logs') { console.log(m.lines.map((l) => l.text).join('\\n')); ws.close(); } });",
                "ws.on('close', () => process.exit(0));",
                "ws.on('error', (e) => { console.error(e.message); process.exit(1); });",
                "setTimeout(() => process.exit(2), 20000);", ""));
        Shell.Result install = Shell.run(Duration.ofMinutes(2), List.of("npm", "install", "--prefix", work.toString(),
                "--no-audit", "--no-fund", "--silent", "ws@8"));
        assertThat(install.ok()).as(install.output()).isTrue();
        ProcessBuilder node = new ProcessBuilder("node", script.toString(),
                server.uri().toString().replaceFirst("^http", "ws") + "ws", operator, name)
                .redirectErrorStream(true);
        node.environment().put("NODE_PATH", work.resolve("node_modules").toString());
        Process process = node.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("from busybox");
    }
}
