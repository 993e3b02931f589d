package io.orbitr.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orbitr.core.Orbitr;
import io.orbitr.core.extension.ExtensionSettings;
import io.orbitr.testing.Await;
import io.orbitr.testing.RealDocker;
import io.orbitr.testing.Shell;
import io.orbitr.testing.TestImages;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extensions, backups, engines, check types and the restart policy through the REST API on the real engine, and
 * the WebSocket's health transitions and its closing when a token is removed. Every response is checked against the
 * document's schema by {@link ApiClient}.
 */
@RealDocker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(240)
class ExtensionsAndBackupsApiIT {
    static final String PREFIX = "orbitr-srv-ext-it-" + UUID.randomUUID().toString().substring(0, 6);
    /** A catalog extension id: a DNS label. */
    static final String EXTENSION = "wt-server-" + UUID.randomUUID().toString().substring(0, 6);

    @TempDir
    static Path dataDir;
    @TempDir
    static Path catalogDir;
    @TempDir
    static Path restoreParent;

    Orbitr orbitr;
    OrbitrServer server;
    ApiClient api;
    String admin;
    String operator;
    String viewer;
    final List<String> containers = new ArrayList<>();

    /** A busybox extension with one typed input, written into a catalog directory. */
    static String manifest(String id) {
        return """
                manifestVersion: 1
                id: %s
                name: Busybox greeter
                version: "1.0"
                revision: 1
                description: Prints a greeting and serves it over HTTP (a test extension).
                category: testing
                inputs:
                  - name: GREETING
                    type: text
                    label: Greeting
                    default: hello
                    pattern: "[a-z ]{1,40}"
                services:
                  web:
                    image: %s
                    command: ["sh", "-c", "echo \\"$$GREETING\\" > /tmp/index.html; echo started; httpd -f -p 8080 -h /tmp"]
                    environment:
                      GREETING: ${inputs.GREETING}
                main: web
                health:
                  startPeriod: 20s
                  interval: 1s
                """.formatted(id, TestImages.BUSYBOX);
    }

    @BeforeAll
    void start() throws IOException {
        TestImages.busybox();
        Files.writeString(catalogDir.resolve(EXTENSION + ".yml"), manifest(EXTENSION));
        orbitr = Orbitr.builder().dataDirectory(dataDir)
                .extensions(ExtensionSettings.defaults().withCatalogDirectory(catalogDir)).build();
        server = OrbitrServer.builder(orbitr).bind("127.0.0.1", 0).start();
        server.accounts().create(PREFIX + "-root", Role.ADMIN, "a long enough password");
        api = new ApiClient(server.uri());
        admin = server.accounts().createToken(PREFIX + "-admin", Role.ADMIN, Optional.empty()).token().orElseThrow();
        operator = server.accounts().createToken(PREFIX + "-op", Role.OPERATOR, Optional.empty()).token().orElseThrow();
        viewer = server.accounts().createToken(PREFIX + "-view", Role.VIEWER, Optional.empty()).token().orElseThrow();
    }

    @AfterAll
    void stop() {
        try {
            if (orbitr != null && orbitr.extensions().find(EXTENSION).isPresent()) {
                orbitr.extensions().uninstall(EXTENSION, true);
            }
        } finally {
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
    }

    JsonNode awaitJob(JsonNode job) {
        String id = job.path("id").asText();
        Await.until("job " + id + " to end", Duration.ofSeconds(120),
                () -> !api.get("/api/v1/jobs/" + id, viewer).json().path("state").asText().equals("RUNNING"));
        return api.get("/api/v1/jobs/" + id, viewer).json();
    }

    @Test
    void anExtensionIsFoundInstalledWatchedStoppedAndUninstalledThroughTheApi() {
        ApiClient.Response catalog = api.get("/api/v1/extension-catalog?q=greet&limit=10", viewer);
        assertThat(catalog.status()).as(catalog.body()).isEqualTo(200);
        JsonNode entry = catalog.json().path("items").get(0);
        assertThat(entry.path("id").asText()).isEqualTo(EXTENSION);
        assertThat(entry.path("installed").asBoolean()).isFalse();
        JsonNode input = entry.path("manifest").path("inputs").get(0);
        assertThat(input.path("name").asText()).isEqualTo("GREETING");
        assertThat(input.path("type").asText()).isEqualTo("text");
        assertThat(input.path("defaultValue").asText()).isEqualTo("hello");
        assertThat(api.get("/api/v1/extension-catalog?category=testing", viewer).json().path("items"))
                .extracting(item -> item.path("id").asText()).containsExactly(EXTENSION);
        assertThat(api.get("/api/v1/extension-catalog/" + EXTENSION, viewer).json().path("source").asText())
                .endsWith(EXTENSION + ".yml");
        assertThat(api.get("/api/v1/extension-catalog/nothing-like-this", viewer).status()).isEqualTo(404);

        // Refusals name the field and change nothing.
        assertThat(api.post("/api/v1/extensions", viewer, Map.of("id", EXTENSION)).status()).isEqualTo(403);
        ApiClient.Response unknownInput = api.post("/api/v1/extensions", admin,
                Map.of("id", EXTENSION, "inputs", Map.of("GREETNG", "hi")));
        assertThat(unknownInput.status()).isEqualTo(400);
        assertThat(unknownInput.json().path("field").asText()).isEqualTo("inputs.GREETNG");
        ApiClient.Response otherEngine = api.post("/api/v1/extensions", admin,
                Map.of("id", EXTENSION, "engine", "nowhere"));
        assertThat(otherEngine.status()).isEqualTo(400);
        assertThat(otherEngine.json().path("field").asText()).isEqualTo("engine");
        assertThat(api.get("/api/v1/extensions", viewer).json().path("items")).isEmpty();

        ApiClient.Response accepted = api.post("/api/v1/extensions", admin,
                Map.of("id", EXTENSION, "inputs", Map.of("GREETING", "hi there"), "engine", "local"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        JsonNode job = awaitJob(accepted.json());
        assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.path("kind").asText()).isEqualTo("extension-install");

        JsonNode installed = api.get("/api/v1/extensions", viewer).json().path("items").get(0);
        assertThat(installed.path("id").asText()).isEqualTo(EXTENSION);
        assertThat(installed.path("state").asText()).isEqualTo("RUNNING");
        assertThat(installed.path("inputs").path("GREETING").asText()).isEqualTo("hi there");
        assertThat(api.get("/api/v1/extension-catalog/" + EXTENSION, viewer).json().path("installed").asBoolean())
                .isTrue();
        Await.until("the extension UP", Duration.ofSeconds(60), () -> api.get("/api/v1/extensions/" + EXTENSION,
                viewer).json().path("health").asText().equals("UP"));
        JsonNode status = api.get("/api/v1/extensions/" + EXTENSION, viewer).json();
        assertThat(status.path("services").get(0).path("status").asText()).isEqualTo("RUNNING");
        String container = status.path("services").get(0).path("container").asText();
        assertThat(orbitr.engine().containers().exec(container, List.of("cat", "/tmp/index.html"),
                Duration.ofSeconds(10), 1024).output()).contains("hi there");

        // An operator stops and starts it; only an admin removes it.
        assertThat(api.post("/api/v1/extensions/" + EXTENSION + "/stop", operator, null).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/extensions/" + EXTENSION, viewer).json().path("extension").path("state")
                .asText()).isEqualTo("STOPPED");
        assertThat(api.post("/api/v1/extensions/" + EXTENSION + "/start", operator, null).status()).isEqualTo(204);
        assertThat(api.delete("/api/v1/extensions/" + EXTENSION, operator).status()).isEqualTo(403);
        ApiClient.Response twice = api.post("/api/v1/extensions", admin, Map.of("id", EXTENSION));
        assertThat(awaitJob(twice.json()).path("state").asText()).isEqualTo("FAILED");

        ApiClient.Response upgrade = api.post("/api/v1/extensions/" + EXTENSION + "/upgrade", admin,
                Map.of("manifest", manifest(EXTENSION).replace("revision: 1", "revision: 2")
                        .replace("version: \"1.0\"", "version: \"1.1\"")));
        assertThat(upgrade.status()).as(upgrade.body()).isEqualTo(202);
        assertThat(awaitJob(upgrade.json()).path("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(api.get("/api/v1/extensions/" + EXTENSION, viewer).json().path("extension").path("version")
                .asText()).isEqualTo("1.1");

        assertThat(api.delete("/api/v1/extensions/" + EXTENSION + "?purge=true", admin).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/extensions/" + EXTENSION, viewer).status()).isEqualTo(404);
        assertThat(orbitr.extensions().find(EXTENSION)).isEmpty();

        JsonNode audit = api.get("/api/v1/audit?limit=200", admin).json().path("items");
        List<String> operations = new ArrayList<>();
        audit.forEach(row -> operations.add(row.path("operation").asText() + " " + row.path("object").asText()
                + " " + row.path("status").asInt()));
        assertThat(operations).contains("installExtension " + EXTENSION + " 202",
                "uninstallExtension " + EXTENSION + " 204", "uninstallExtension " + EXTENSION + " 403");
    }

    @Test
    void backupsAreWrittenListedVerifiedDownloadedAndRestored() throws Exception {
        ApiClient.Response accepted = api.post("/api/v1/backups", admin, Map.of("name", PREFIX + ".zip"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        JsonNode job = awaitJob(accepted.json());
        assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(api.post("/api/v1/backups", viewer, Map.of()).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/backups", admin, Map.of("name", "../escape.zip")).json().path("field").asText())
                .isEqualTo("name");
        assertThat(api.post("/api/v1/backups", admin, Map.of("name", PREFIX + ".zip")).status()).isEqualTo(409);

        JsonNode listed = api.get("/api/v1/backups", viewer).json();
        assertThat(listed.path("items")).extracting(item -> item.path("name").asText()).contains(PREFIX + ".zip");
        JsonNode backup = api.get("/api/v1/backups/" + PREFIX + ".zip", viewer).json();
        assertThat(backup.path("size").asLong()).isPositive();
        JsonNode verified = api.post("/api/v1/backups/" + PREFIX + ".zip/verify", operator, null).json();
        assertThat(verified.path("valid").asBoolean()).as(verified.toString()).isTrue();

        // Only an admin reads the archive: it holds the store.
        assertThat(api.get("/api/v1/backups/" + PREFIX + ".zip/download", viewer).status()).isEqualTo(403);
        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                server.uri().resolve("api/v1/backups/" + PREFIX + ".zip/download"))
                .header("Authorization", "Bearer " + admin).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/zip");
        assertThat(download.body()).hasSize((int) backup.path("size").asLong());
        assertThat(new String(download.body(), 0, 2, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("PK");

        ApiClient.Response own = api.post("/api/v1/backups/" + PREFIX + ".zip/restore", admin,
                Map.of("dataDirectory", dataDir.toAbsolutePath().toString()));
        assertThat(own.status()).isEqualTo(400);
        assertThat(own.json().path("field").asText()).isEqualTo("dataDirectory");
        assertThat(api.post("/api/v1/backups/" + PREFIX + ".zip/restore", admin,
                Map.of("dataDirectory", "relative/path")).status()).isEqualTo(400);
        Path target = restoreParent.resolve("restored");
        ApiClient.Response restore = api.post("/api/v1/backups/" + PREFIX + ".zip/restore", admin,
                Map.of("dataDirectory", target.toString(), "volumes", false));
        assertThat(restore.status()).as(restore.body()).isEqualTo(202);
        JsonNode restored = awaitJob(restore.json());
        assertThat(restored.path("state").asText()).as(restored.toString()).isEqualTo("SUCCEEDED");
        try (var files = Files.list(target)) {
            assertThat(files.toList()).isNotEmpty();
        }

        JsonNode settings = api.get("/api/v1/backup-settings", viewer).json();
        assertThat(settings.path("keep").asInt()).isEqualTo(7);
        ApiClient.Response saved = api.put("/api/v1/backup-settings", admin, Map.of("keep", 3));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().path("keep").asInt()).isEqualTo(3);
        ApiClient.Response bad = api.put("/api/v1/backup-settings", admin, Map.of("keep", 0));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("field").asText()).isEqualTo("keep");
    }

    @Test
    void checkTypesEnginesAndTheRestartPolicy() {
        JsonNode types = api.get("/api/v1/health/check-types", viewer).json().path("items");
        List<String> ids = new ArrayList<>();
        types.forEach(type -> ids.add(type.path("id").asText()));
        assertThat(ids).contains("http", "tcp", "docker", "command").isSorted();
        types.forEach(type -> {
            if (type.path("id").asText().equals("command")) {
                assertThat(type.path("adminOnly").asBoolean()).isTrue();
            }
            if (type.path("id").asText().equals("http")) {
                assertThat(type.path("options")).anyMatch(o -> o.path("name").asText().equals("url")
                        && o.path("required").asBoolean());
            }
        });

        assertThat(api.get("/api/v1/engines", viewer).json().path("items").get(0).path("name").asText())
                .isEqualTo("local");

        // A client not written in Java: curl reads the catalog and the backups.
        for (String path : List.of("api/v1/extension-catalog?limit=2", "api/v1/backups", "api/v1/health/check-types")) {
            Shell.Result curl = Shell.run(Duration.ofSeconds(30), List.of("curl", "-sS", "-w", "\n%{http_code}",
                    "-H", "Authorization: Bearer " + viewer, server.uri().resolve(path).toString()));
            String[] parts = curl.output().trim().split("\n");
            assertThat(parts[parts.length - 1]).as(path + ": " + curl.output()).isEqualTo("200");
            assertThat(curl.output()).contains("\"items\"");
        }
        assertThat(api.get("/api/v1/containers?engine=local&limit=1", viewer).status()).isEqualTo(200);
        ApiClient.Response unknown = api.get("/api/v1/containers?engine=nowhere", viewer);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("field").asText()).isEqualTo("engine");
        assertThat(unknown.json().path("detail").asText()).contains("local");

        String name = PREFIX + "-restarting";
        ApiClient.Response created = api.post("/api/v1/containers?engine=local", admin, Map.of("image",
                TestImages.BUSYBOX, "name", name, "command", List.of("sleep", "60"), "restartPolicy", "on-failure",
                "restartRetries", 3, "labels", Map.of("io.orbitr.test", PREFIX)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        containers.add(name);
        Shell.Result inspected = Shell.run(Duration.ofSeconds(30), List.of("docker", "inspect", "-f",
                "{{.HostConfig.RestartPolicy.Name}} {{.HostConfig.RestartPolicy.MaximumRetryCount}}", name));
        assertThat(inspected.output().trim()).isEqualTo("on-failure 3");
        ApiClient.Response wrong = api.post("/api/v1/containers", admin, Map.of("image", TestImages.BUSYBOX,
                "restartPolicy", "always", "restartRetries", 2));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().path("field").asText()).isEqualTo("restartRetries");
    }

    @Test
    void healthTransitionsArriveOverTheWebSocket() throws Exception {
        try (WsClient client = WsClient.connect(server.uri(), viewer, Map.of(), false)) {
            String target = PREFIX + "-closed-port";
            client.send(Map.of("type", "subscribe_health", "targetId", target));
            ApiClient.Response added = api.post("/api/v1/health/targets", operator, Map.of("id", target,
                    "check", Map.of("type", "tcp", "options", Map.of("host", "127.0.0.1", "port", 1)),
                    "intervalSeconds", 1, "timeoutSeconds", 1));
            assertThat(added.status()).as(added.body()).isEqualTo(201);
            JsonNode change = client.await(m -> m.path("type").asText().equals("health"), Duration.ofSeconds(30));
            assertThat(change.path("targetId").asText()).isEqualTo(target);
            assertThat(change.path("to").asText()).isEqualTo("DOWN");
            assertThat(change.path("result").path("status").asText()).isEqualTo("DOWN");
            client.send(Map.of("type", "subscribe_health"));
            assertThat(client.awaitType("error").path("message").asText()).contains("already");
            assertThat(api.delete("/api/v1/health/targets/" + target, admin).status()).isEqualTo(204);
        }
    }

    @Test
    void removingATokenClosesTheWebSocketsOpenedWithIt() throws Exception {
        ApiToken token = server.accounts().createToken(PREFIX + "-short", Role.OPERATOR, Optional.empty());
        try (WsClient client = WsClient.connect(server.uri(), token.token().orElseThrow(), Map.of(), false);
                WsClient other = WsClient.connect(server.uri(), viewer, Map.of(), false)) {
            client.send(Map.of("type", "ping"));
            client.awaitType("pong");
            assertThat(api.delete("/api/v1/tokens/" + token.id(), admin).status()).isEqualTo(204);
            Await.until("the socket closed", Duration.ofSeconds(10), () -> client.closeCode == 1008);
            assertThat(client.closeReason).contains("revoked");
            other.send(Map.of("type", "ping"));
            assertThat(other.awaitType("pong")).isNotNull();
            assertThat(other.closeCode).isEqualTo(-1);
        }
    }
}
