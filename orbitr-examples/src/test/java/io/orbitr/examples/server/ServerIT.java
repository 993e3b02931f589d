package io.orbitr.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.orbitr.OrbitrException;
import io.orbitr.core.Orbitr;
import io.orbitr.jdclient.config.JdcConfig;
import io.orbitr.jdclient.config.TemplateProvider;
import io.orbitr.jdclient.config.TomlRenderer;
import io.orbitr.jdclient.config.Upstream;
import io.orbitr.jdclient.keys.AuthorityKeyPair;
import io.orbitr.testing.Await;
import io.orbitr.testing.RealDocker;
import io.orbitr.testing.Shell;
import io.orbitr.testing.TestImages;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The server over real HTTP, against the real platform (real engine, busybox containers). */
@RealDocker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ServerIT {
    static final String PREFIX = "orbitr-server-it-" + UUID.randomUUID().toString().substring(0, 6);

    @TempDir
    static Path dataDir;

    Orbitr orbitr;
    OrbitrServer server;
    ApiClient api;
    String admin;
    String operator;
    String viewer;
    final List<String> containers = new ArrayList<>();

    @BeforeAll
    void start() {
        TestImages.busybox();
        orbitr = Orbitr.builder().dataDirectory(dataDir).build();
        server = OrbitrServer.builder(orbitr).bind("127.0.0.1", 0).start();
        api = new ApiClient(server.uri());
        URI setup = server.setupUrl().orElseThrow();
        String setupToken = setup.getFragment().substring("token=".length());
        ApiClient.Response wrong = api.post("/api/v1/setup", null,
                Map.of("token", "nope", "name", "root", "password", "correct horse battery"));
        assertThat(wrong.status()).isEqualTo(403);
        ApiClient.Response created = api.post("/api/v1/setup", null,
                Map.of("token", setupToken, "name", "root", "password", "correct horse battery"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("role").asText()).isEqualTo("admin");
        assertThat(created.headers().firstValue("Set-Cookie").orElseThrow())
                .contains("HttpOnly").contains("SameSite=Strict");
        ApiClient.Response again = api.post("/api/v1/setup", null,
                Map.of("token", setupToken, "name", "root2", "password", "correct horse battery"));
        assertThat(again.status()).isEqualTo(403);
        assertThat(server.setupUrl()).isEmpty();
        admin = server.accounts().createToken(PREFIX + "-admin", Role.ADMIN, Optional.empty()).token().orElseThrow();
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

    String busybox(String suffix, String script) {
        String name = PREFIX + "-" + suffix;
        ApiClient.Response created = api.post("/api/v1/containers", admin, Map.of("image", TestImages.BUSYBOX,
                "name", name, "command", List.of("sh", "-c", script), "labels", Map.of("io.orbitr.test", PREFIX),
                "start", true));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        containers.add(name);
        return name;
    }

    @Test
    void theDocumentIsValidOpenApiAndTheRoutesAreItsOperationsBothWays() {
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(api.get("/api/v1/openapi.json", null).body());
        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).startsWith("3.1");
        Set<String> documented = new HashSet<>();
        for (ApiOperation operation : ApiDocument.load().operations()) {
            documented.add(operation.method() + " " + operation.path());
        }
        Set<String> apiRoutes = new HashSet<>();
        for (String route : server.httpRoutes()) {
            String path = route.substring(route.indexOf(' ') + 1);
            if (path.startsWith("/api/v1/") || path.equals("/metrics")) {
                apiRoutes.add(route);
            }
        }
        assertThat(apiRoutes).isEqualTo(documented);
        assertThat(server.httpRoutes()).contains("GET /api/docs");
    }

    @Test
    void everyOperationEnforcesItsDocumentedRole() {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("viewer", viewer);
        tokens.put("operator", operator);
        tokens.put("admin", admin);
        List<String> failures = new ArrayList<>();
        for (ApiOperation operation : ApiDocument.load().operations()) {
            if (operation.role().isEmpty()) {
                continue;
            }
            String path = operation.path().replaceAll("\\{[^}]+}", PREFIX + "-missing");
            ApiClient.Response anonymous = call(operation, path, null);
            if (anonymous.status() != 401) {
                failures.add(operation.id() + " without credentials: " + anonymous.status());
            }
            for (Map.Entry<String, String> token : tokens.entrySet()) {
                Role role = Role.parse(token.getKey());
                ApiClient.Response answer = call(operation, path, token.getValue());
                boolean allowed = role.allows(operation.role().get());
                if (allowed && (answer.status() == 401 || answer.status() == 403)) {
                    failures.add(operation.id() + " as " + role.label() + ": " + answer.status() + " " + answer.body());
                }
                if (!allowed && answer.status() != 403) {
                    failures.add(operation.id() + " as " + role.label() + ": " + answer.status() + " (wanted 403)");
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    private ApiClient.Response call(ApiOperation operation, String path, String token) {
        ApiClient.Request request = api.request(operation.method(), path).token(token);
        if (operation.method().equals("POST") || operation.method().equals("PUT")) {
            // An empty object: never enough to change anything, so the matrix leaves no trace.
            request.json("{}");
        }
        if (operation.id().equals("installJdcUpdate") || operation.id().equals("rollbackJdcUpdate")
                || operation.id().equals("logout") || operation.id().equals("generateJdcKeys")
                || operation.id().equals("checkJdcHealth") || operation.id().equals("markAllNotificationsRead")
                || operation.id().equals("createBackup")) {
            // These act without a body: send them without credentials only.
            return token == null ? request.send() : probeRoleOnly(operation, path, token);
        }
        return request.send();
    }

    /** For operations that act on an empty body, the role check is probed with a body the handler refuses. */
    private ApiClient.Response probeRoleOnly(ApiOperation operation, String path, String token) {
        return api.request(operation.method(), path).token(token).raw("{", "application/json").send();
    }

    @Test
    void containersLiveTheirWholeLifeThroughTheApi() throws Exception {
        String name = busybox("life", "echo hello from $HOSTNAME; i=0; while true; do echo tick $i; i=$((i+1)); sleep 1; done");
        ApiClient.Response list = api.get("/api/v1/containers?limit=500&name=" + PREFIX + "-life", viewer);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("items").findValuesAsText("name")).contains(name);
        ApiClient.Response page = api.get("/api/v1/containers?limit=1", viewer);
        assertThat(page.json().path("items")).hasSize(1);
        if (page.json().path("total").asInt() > 1) {
            assertThat(page.json().path("nextCursor").asText()).isEqualTo("1");
        }
        JsonNode details = api.get("/api/v1/containers/" + name, viewer).json();
        assertThat(details.path("state").path("status").asText()).isEqualTo("RUNNING");
        assertThat(api.post("/api/v1/containers/" + name + "/stop", viewer, null).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/containers/" + name + "/pause", operator, null).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/containers/" + name, viewer).json().path("state").path("status").asText())
                .isEqualTo("PAUSED");
        assertThat(api.post("/api/v1/containers/" + name + "/unpause", operator, null).status()).isEqualTo(204);
        ApiClient.Response exec = api.post("/api/v1/containers/" + name + "/exec", admin,
                Map.of("command", List.of("echo", "inside")));
        assertThat(exec.status()).as(exec.body()).isEqualTo(200);
        assertThat(exec.json().path("output").asText()).contains("inside");
        assertThat(api.post("/api/v1/containers/" + name + "/exec", operator,
                Map.of("command", List.of("echo", "inside"))).status()).isEqualTo(403);
        ApiClient.Response stats = api.get("/api/v1/containers/" + name + "/stats", viewer);
        assertThat(stats.status()).as(stats.body()).isEqualTo(200);
        // One recording tick now (the schedule's first is 10 s away), then the history by minute.
        assertThat(orbitr.statsHistory().recordNow()).isPositive();
        ApiClient.Response history = api.get("/api/v1/containers/" + name + "/stats/history?resolution=minute&from="
                + orbitr.clock().instant().minusSeconds(600), viewer);
        assertThat(history.status()).as(history.body()).isEqualTo(200);
        assertThat(history.json().path("items")).isNotEmpty();
        assertThat(history.json().path("items").get(0).path("samples").asLong()).isPositive();
        assertThat(history.json().path("items").get(0).path("memoryBytes").asLong()).isPositive();
        ApiClient.Response weekly = api.get("/api/v1/containers/" + name + "/stats/history?resolution=weekly", viewer);
        assertThat(weekly.status()).isEqualTo(400);
        assertThat(weekly.body()).contains("resolution");
        Await.until("the log has a tick", () ->
                api.get("/api/v1/containers/" + name + "/logs", operator).body().contains("tick 1"));
        ApiClient.Response logs = api.get("/api/v1/containers/" + name + "/logs?timestamps=true", operator);
        assertThat(logs.contentType()).startsWith("text/plain");
        assertThat(logs.body()).contains("hello from");
        assertThat(api.get("/api/v1/containers/" + name + "/logs", viewer).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/containers/" + name + "/restart?timeoutSeconds=0", operator, null).status())
                .isEqualTo(204);
        assertThat(api.post("/api/v1/containers/" + name + "/kill?signal=SIGKILL", operator, null).status())
                .isEqualTo(204);
        Await.until("it is stopped", () -> !api.get("/api/v1/containers/" + name, viewer).json()
                .path("state").path("status").asText().equals("RUNNING"));
        assertThat(api.post("/api/v1/containers/" + name + "/start", operator, null).status()).isEqualTo(204);
        assertThat(api.post("/api/v1/containers/" + name + "/stop?timeoutSeconds=1", operator, null).status())
                .isEqualTo(204);
        assertThat(api.delete("/api/v1/containers/" + name, operator).status()).isEqualTo(403);
        assertThat(api.delete("/api/v1/containers/" + name, admin).status()).isEqualTo(204);
        ApiClient.Response gone = api.get("/api/v1/containers/" + name, viewer);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.contentType()).startsWith("application/problem+json");
    }

    @Test
    void engineImagesNetworksAndVolumes() throws Exception {
        assertThat(api.get("/api/v1/engine", viewer).json().path("apiVersion").asText()).matches("1\\.\\d+");
        ApiClient.Response images = api.get("/api/v1/images?limit=1000", viewer);
        assertThat(images.json().path("items").findValuesAsText("id")).isNotEmpty();
        ApiClient.Response pull = api.post("/api/v1/images/pull", admin, Map.of("name", PREFIX + "/absent", "tag", "1"));
        assertThat(pull.status()).isEqualTo(202);
        String job = pull.json().path("id").asText();
        Await.until("the pull job ends", () -> !api.get("/api/v1/jobs/" + job, viewer).json().path("state").asText()
                .equals("RUNNING"));
        JsonNode ended = api.get("/api/v1/jobs/" + job, viewer).json();
        assertThat(ended.path("state").asText()).as("no registry is reachable").isEqualTo("FAILED");
        assertThat(ended.path("message").asText()).isNotBlank();
        assertThat(api.get("/api/v1/jobs", viewer).json().path("items").findValuesAsText("id")).contains(job);

        Path context = dataDir.resolve("image");
        java.nio.file.Files.createDirectories(context);
        java.nio.file.Files.writeString(context.resolve("Dockerfile"), "FROM " + TestImages.BUSYBOX
                + "\nLABEL io.orbitr.test=" + PREFIX + "\n");
        Shell.Result built = Shell.run(Duration.ofMinutes(1), List.of("docker", "build", "-q", context.toString()));
        assertThat(built.ok()).as(built.output()).isTrue();
        String imageId = built.output().trim().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(api.delete("/api/v1/images/" + imageId, operator).status()).isEqualTo(403);
        ApiClient.Response removed = api.delete("/api/v1/images/" + imageId, admin);
        assertThat(removed.status()).as(removed.body()).isEqualTo(204);

        String network = PREFIX + "-net";
        ApiClient.Response createdNetwork = api.post("/api/v1/networks", admin, Map.of("name", network,
                "labels", Map.of("io.orbitr.test", PREFIX)));
        assertThat(createdNetwork.status()).as(createdNetwork.body()).isEqualTo(201);
        assertThat(api.get("/api/v1/networks/" + network, viewer).json().path("name").asText()).isEqualTo(network);
        assertThat(api.get("/api/v1/networks?limit=1000", viewer).json().path("items").findValuesAsText("name"))
                .contains(network);
        assertThat(api.delete("/api/v1/networks/" + network, admin).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/networks/" + network, viewer).status()).isEqualTo(404);

        String volume = PREFIX + "-vol";
        assertThat(api.post("/api/v1/volumes", admin, Map.of("name", volume)).status()).isEqualTo(201);
        assertThat(api.get("/api/v1/volumes/" + volume, viewer).json().path("driver").asText()).isEqualTo("local");
        assertThat(api.get("/api/v1/volumes?limit=1000", viewer).json().path("items").findValuesAsText("name"))
                .contains(volume);
        assertThat(api.delete("/api/v1/volumes/" + volume, admin).status()).isEqualTo(204);
    }

    @Test
    void healthMonitoringThroughTheApi() {
        String id = PREFIX + "-self";
        Map<String, Object> target = Map.of("id", id, "name", "the server itself", "check", Map.of("type", "http",
                "options", Map.of("url", server.uri().resolve("api/v1/openapi.json").toString())),
                "intervalSeconds", 1);
        ApiClient.Response created = api.post("/api/v1/health/targets", operator, target);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Await.until("the target is UP", () -> api.get("/api/v1/health/targets/" + id, viewer).json()
                .path("status").asText().equals("UP"));
        assertThat(api.get("/api/v1/health", viewer).json().path("items").findValuesAsText("id")).contains(id);
        assertThat(api.get("/api/v1/health/targets", viewer).json().path("items").findValuesAsText("id")).contains(id);
        Await.until("history is written", () -> api.get("/api/v1/health/targets/" + id + "/history", viewer).json()
                .path("items").size() > 0);
        // A page's summaries in one call: known ids only, each with its last results, oldest first.
        var recent = api.get("/api/v1/health/recent?ids=" + id + ",no-such-target&count=5", viewer).json()
                .path("items");
        assertThat(recent.findValuesAsText("id")).containsExactly(id);
        assertThat(recent.get(0).path("results").size()).isBetween(1, 5);
        assertThat(recent.get(0).path("results").get(0).path("status").asText()).isIn("UP", "PENDING", "DOWN");
        assertThat(api.get("/api/v1/health/recent", viewer).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/health/recent?ids=" + id + "&count=101", viewer).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/health/targets/" + id + "/pause", operator, null).status()).isEqualTo(204);
        assertThat(api.post("/api/v1/health/targets/" + id + "/resume", operator, null).status()).isEqualTo(204);
        Map<String, Object> renamed = new LinkedHashMap<>(target);
        renamed.put("name", "renamed");
        ApiClient.Response updated = api.put("/api/v1/health/targets/" + id, operator, renamed);
        assertThat(updated.json().path("name").asText()).isEqualTo("renamed");
        Map<String, Object> command = Map.of("id", PREFIX + "-cmd", "check", Map.of("type", "command",
                "options", Map.of("command", List.of("true"))));
        assertThat(api.post("/api/v1/health/targets", operator, command).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/health/targets/" + PREFIX + "-cmd", viewer).status()).isEqualTo(404);
        assertThat(api.get("/metrics", viewer).body()).contains("orbitr_monitor_status{id=\"" + id + "\"");
        assertThat(api.get("/metrics", null).status()).isEqualTo(401);
        assertThat(api.delete("/api/v1/health/targets/" + id, operator).status()).isEqualTo(403);
        assertThat(api.delete("/api/v1/health/targets/" + id, admin).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/notifications", viewer).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/notifications/unread-count", viewer).json().has("count")).isTrue();
        assertThat(api.post("/api/v1/notifications/read", operator, null).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/notifications/999999/read", operator, null).status()).isEqualTo(404);
    }

    @Test
    void proxyRoutesAndSettings() {
        String route = PREFIX + "-route";
        ApiClient.Response created = api.post("/api/v1/proxy/routes", admin, Map.of("name", route,
                "host", "app.example.org", "targetHost", "web", "targetPort", 8080));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(api.get("/api/v1/proxy/routes", viewer).json().path("items").findValuesAsText("name"))
                .contains(route);
        assertThat(api.get("/api/v1/proxy/routes/" + route, viewer).json().path("targetPort").asInt()).isEqualTo(8080);
        assertThat(api.post("/api/v1/proxy/routes", admin, Map.of("name", route, "host", "app.example.org",
                "targetHost", "web", "targetPort", 8080)).status()).isEqualTo(409);
        assertThat(api.delete("/api/v1/proxy/routes/" + route, admin).status()).isEqualTo(204);
        JsonNode settings = api.get("/api/v1/settings", viewer).json();
        assertThat(settings.path("dataDirectory").asText()).isEqualTo(dataDir.toAbsolutePath().toString());
        assertThat(api.put("/api/v1/settings", operator, Map.of("telemetry", true)).status()).isEqualTo(403);
        ApiClient.Response changed = api.put("/api/v1/settings", admin, Map.of("telemetry", true,
                "defaultDomain", "example.org"));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().path("telemetry").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/settings", viewer).json().path("defaultDomain").asText()).isEqualTo("example.org");
    }

    @Test
    void accountsSessionsCsrfTokensAndTheAuditLog() {
        String name = PREFIX + "-alice";
        assertThat(api.post("/api/v1/accounts", admin, Map.of("name", name, "password", "short", "role", "viewer"))
                .status()).isEqualTo(400);
        ApiClient.Response created = api.post("/api/v1/accounts", admin,
                Map.of("name", name, "password", "a long enough password", "role", "operator"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(api.get("/api/v1/accounts", admin).json().path("items").findValuesAsText("name")).contains(name);
        assertThat(api.get("/api/v1/accounts", operator).status()).isEqualTo(403);
        ApiClient.Response login = api.post("/api/v1/login", null,
                Map.of("name", name, "password", "a long enough password"));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String csrf = login.json().path("csrfToken").asText();
        assertThat(api.request("GET", "/api/v1/me").header("Cookie", cookie).send().json().path("role").asText())
                .isEqualTo("operator");
        String busy = PREFIX + "-missing";
        assertThat(api.request("POST", "/api/v1/containers/" + busy + "/start").header("Cookie", cookie).send()
                .status()).as("no CSRF header").isEqualTo(403);
        assertThat(api.request("POST", "/api/v1/containers/" + busy + "/start").header("Cookie", cookie)
                .header("X-CSRF-Token", csrf).send().status()).as("with the CSRF header").isEqualTo(404);
        assertThat(api.request("POST", "/api/v1/logout").header("Cookie", cookie).header("X-CSRF-Token", csrf).send()
                .status()).isEqualTo(204);
        assertThat(api.request("GET", "/api/v1/me").header("Cookie", cookie).send().status()).isEqualTo(401);

        String victim = PREFIX + "-bob";
        api.post("/api/v1/accounts", admin, Map.of("name", victim, "password", "another long password", "role",
                "viewer"));
        for (int i = 0; i < LoginLimiter.PER_NAME; i++) {
            assertThat(api.post("/api/v1/login", null, Map.of("name", victim, "password", "wrong password " + i))
                    .status()).isEqualTo(401);
        }
        assertThat(api.post("/api/v1/login", null, Map.of("name", victim, "password", "another long password"))
                .status()).as("rate-limited even with the right password").isEqualTo(429);

        ApiClient.Response token = api.post("/api/v1/tokens", admin, Map.of("name", PREFIX + "-ci", "role", "viewer",
                "expiresInSeconds", 3600));
        assertThat(token.status()).as(token.body()).isEqualTo(201);
        String secret = token.json().path("token").asText();
        assertThat(api.get("/api/v1/engine", secret).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/tokens", admin).json().path("items").findValuesAsText("token")).isEmpty();
        assertThat(api.delete("/api/v1/tokens/" + token.json().path("id").asText(), admin).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/engine", secret).status()).isEqualTo(401);
        assertThat(api.delete("/api/v1/accounts/" + name, admin).status()).isEqualTo(204);

        JsonNode audit = api.get("/api/v1/audit?limit=1000", admin).json().path("items");
        assertThat(audit.findValuesAsText("operation")).contains("createAccount", "login", "createToken",
                "removeToken", "removeAccount", "logout");
        List<String> actors = new ArrayList<>();
        audit.forEach(row -> {
            if (row.path("operation").asText().equals("removeAccount")) {
                actors.add(row.path("actor").asText() + " " + row.path("object").asText() + " "
                        + row.path("status").asInt());
            }
        });
        assertThat(actors).contains(PREFIX + "-admin " + name + " 204");
        assertThat(api.get("/api/v1/audit", operator).status()).isEqualTo(403);
    }

    @Test
    void jdClientEndpoints() {
        ApiClient.Response pair = api.post("/api/v1/jdc/keys/generate", operator, null);
        assertThat(pair.status()).isEqualTo(200);
        ApiClient.Response derived = api.post("/api/v1/jdc/keys/derive", viewer,
                Map.of("secretKey", pair.json().path("secretKey").asText()));
        assertThat(derived.json().path("publicKey").asText()).isEqualTo(pair.json().path("publicKey").asText());
        assertThat(api.post("/api/v1/jdc/keys/derive", viewer, Map.of("secretKey", "nope")).json().path("field")
                .asText()).isEqualTo("secretKey");

        String name = PREFIX + "-jdc";
        String toml = TomlRenderer.render(validConfig());
        ApiClient.Response created = api.post("/api/v1/jdc/configs", admin, Map.of("name", name, "toml", toml));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(api.get("/api/v1/jdc/configs/" + name, viewer).json().path("toml").asText())
                .contains("(redacted)");
        assertThat(api.get("/api/v1/jdc/configs/" + name + "/toml", admin).body()).contains("authority_secret_key");
        assertThat(api.get("/api/v1/jdc/configs/" + name + "/toml", viewer).status()).isEqualTo(403);
        ApiClient.Response imported = api.request("POST", "/api/v1/jdc/configs/import?name=" + name + "-imported")
                .token(admin).raw(toml, "application/toml").send();
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        ApiClient.Response bad = api.request("POST", "/api/v1/jdc/configs/import?name=" + name + "-bad")
                .token(admin).raw("listen_address = 5\n", "application/toml").send();
        assertThat(bad.status()).isEqualTo(400);
        assertThat(api.put("/api/v1/jdc/configs/" + name, admin, Map.of("description", "updated", "toml", toml))
                .json().path("description").asText()).isEqualTo("updated");
        assertThat(api.put("/api/v1/jdc/active-config", admin, Map.of("name", name)).json().path("active")
                .asBoolean()).isTrue();
        assertThat(api.get("/api/v1/jdc/active-config", viewer).json().path("name").asText()).isEqualTo(name);
        assertThat(api.get("/api/v1/jdc/configs", viewer).json().path("items").findValuesAsText("name"))
                .contains(name, name + "-imported");
        assertThat(api.delete("/api/v1/jdc/configs/" + name + "-imported", admin).status()).isEqualTo(204);

        assertThat(api.get("/api/v1/jdc/instances", viewer).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/jdc/instances/" + PREFIX + "-none", viewer).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/jdc/instances/" + PREFIX + "-none/metrics/types", viewer).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/jdc/updates/current", viewer).json().path("installed").asBoolean()).isFalse();
        assertThat(api.get("/api/v1/jdc/updates/history", viewer).status()).isEqualTo(200);
    }

    static JdcConfig validConfig() {
        AuthorityKeyPair own = AuthorityKeyPair.generate();
        AuthorityKeyPair pool = AuthorityKeyPair.generate();
        return JdcConfig.builder()
                .listeningAddress("127.0.0.1:34265")
                .authorityKeys(own.publicKey().encoded(), own.secretKey().encoded())
                .jdcSignature("orbitr")
                .coinbaseRewardScript("wpkh(0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798)")
                .templateProvider(TemplateProvider.Sv2Tp.of("127.0.0.1:8442"))
                .upstream(new Upstream(pool.publicKey().encoded(), "127.0.0.1", 34254, "127.0.0.1", 34264, "m"))
                .build();
    }

    @Test
    void hostileRequestsAreRefusedAndChangeNothing() {
        int before = api.get("/api/v1/proxy/routes", viewer).json().path("items").size();
        ApiClient.Response malformed = api.request("POST", "/api/v1/proxy/routes").token(admin)
                .raw("{\"name\": ", "application/json").send();
        assertThat(malformed.status()).isEqualTo(400);
        ApiClient.Response wrongType = api.post("/api/v1/proxy/routes", admin, Map.of("name", PREFIX + "-x",
                "host", "a.example.org", "targetHost", "web", "targetPort", "eighty"));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().path("field").asText()).isEqualTo("targetPort");
        ApiClient.Response unknown = api.post("/api/v1/proxy/routes", admin, Map.of("name", PREFIX + "-x",
                "host", "a.example.org", "targetHost", "web", "targetPort", 80, "privileged", true));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("field").asText()).isEqualTo("privileged");
        ApiClient.Response huge = api.request("POST", "/api/v1/proxy/routes").token(admin)
                .bytes(new byte[10 << 20], "application/json").send();
        assertThat(huge.status()).isEqualTo(413);
        ApiClient.Response traversal = api.get("/api/v1/containers/..%2F..%2Fetc", viewer);
        assertThat(traversal.status()).isBetween(400, 404);
        ApiClient.Response control = api.get("/api/v1/networks/a%0Ab", viewer);
        assertThat(control.status()).isEqualTo(400);
        assertThat(control.json().path("field").asText()).isEqualTo("name");
        ApiClient.Response badName = api.post("/api/v1/volumes", admin, Map.of("name", "../etc"));
        assertThat(badName.status()).isEqualTo(400);
        ApiClient.Response bind = api.post("/api/v1/containers", admin, Map.of("image", TestImages.BUSYBOX,
                "volumes", List.of(Map.of("volume", "/etc", "target", "/host"))));
        assertThat(bind.status()).as("host paths are not volumes").isEqualTo(400);
        ApiClient.Response wrongMedia = api.request("POST", "/api/v1/proxy/routes").token(admin)
                .raw("name=x", "application/x-www-form-urlencoded").send();
        assertThat(wrongMedia.status()).isEqualTo(415);
        assertThat(api.get("/api/v1/proxy/routes", viewer).json().path("items").size()).isEqualTo(before);
        assertThat(api.get("/api/v1/nothing-here", viewer).status()).isEqualTo(404);
    }

    @Test
    void curlSpeaksToTheApi() throws Exception {
        String url = server.uri().resolve("api/v1/containers?limit=2").toString();
        Shell.Result list = Shell.run(Duration.ofSeconds(30), List.of("curl", "-sS", "-w", "\n%{http_code}",
                "-H", "Authorization: Bearer " + viewer, url));
        assertThat(list.ok()).as(list.output()).isTrue();
        String[] parts = list.output().trim().split("\n");
        assertThat(parts[parts.length - 1]).isEqualTo("200");
        assertThat(ApiClient.JSON.readTree(parts[0]).path("items").isArray()).isTrue();
        Shell.Result bad = Shell.run(Duration.ofSeconds(30), List.of("curl", "-sS", "-o", "/dev/null", "-w",
                "%{http_code} %{content_type}", "-X", "POST", "-H", "Authorization: Bearer " + admin,
                "-H", "Content-Type: application/json", "--data", "{oops", server.uri().resolve("api/v1/volumes")
                        .toString()));
        assertThat(bad.output().trim()).isEqualTo("400 application/problem+json");
    }

    @Test
    void aNonLoopbackBindWithoutAnAccountRefusesToStart(@TempDir Path other) {
        try (Orbitr fresh = Orbitr.builder().dataDirectory(other).build()) {
            assertThatThrownBy(() -> OrbitrServer.builder(fresh).bind("0.0.0.0", 0).start())
                    .isInstanceOf(OrbitrException.class)
                    .hasMessageContaining("orbitr user add");
        }
    }
}
