package io.orbitr.examples.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.examples.launcher.Launcher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyRenderCommandTest {
    private static final String HASH = "$2y$10$" + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0";
    private static final String GOOD = """
            [
              {"name": "web", "host": "app", "targetHost": "web", "targetPort": 8080, "protocol": "http",
               "tls": true, "pathPrefix": "",
               "middlewares": {"redirectToHttps": true, "responseHeaders": {"X-Frame-Options": "DENY"}}},
              {"name": "api", "host": "app", "targetHost": "api", "targetPort": 9000, "protocol": "http",
               "tls": true, "pathPrefix": "/api",
               "middlewares": {"basicAuth": [{"username": "admin", "passwordHash": "%s"}]}}
            ]
            """.formatted(HASH);

    @TempDir
    Path directory;

    /** What one run printed. */
    record Run(int exitCode, String out, String err) {
    }

    private Run run(String json, String... args) throws IOException {
        Path routes = directory.resolve("routes.json");
        Files.writeString(routes, json);
        String[] all = new String[args.length + 4];
        all[0] = "proxy";
        all[1] = "render";
        all[2] = "--routes";
        all[3] = routes.toString();
        System.arraycopy(args, 0, all, 4, args.length);
        return launch(all);
    }

    private static Run launch(String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Launcher.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    @Test
    void printsTraefikConfiguration() throws IOException {
        Run run = run(GOOD, "--provider", "traefik", "--domain", "example.com", "--cert-resolver", "le");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("rule: Host(`app.example.com`) && (Path(`/api`) || PathPrefix(`/api/`))")
                .contains("certResolver: le").contains("web_redirect:");
    }

    @Test
    void printsACaddyfile() throws IOException {
        Run run = run(GOOD, "--provider", "caddy", "--domain", "example.com", "--acme-email", "ops@example.com");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\temail ops@example.com").contains("app.example.com {")
                .contains("handle @api {").contains("reverse_proxy web:8080");
        assertCaddyAccepts(run.out());
    }

    /** The printed Caddyfile goes through the real {@code caddy validate}, with a private HOME (it writes CA files). */
    private void assertCaddyAccepts(String caddyfile) throws IOException {
        Path file = Files.writeString(directory.resolve("Caddyfile"), caddyfile);
        Path home = Files.createDirectories(directory.resolve("home"));
        ProcessBuilder validate = new ProcessBuilder("caddy", "validate", "--config", file.toString(), "--adapter",
                "caddyfile").redirectErrorStream(true);
        validate.environment().putAll(java.util.Map.of("HOME", home.toString(), "XDG_DATA_HOME", home.toString(),
                "XDG_CONFIG_HOME", home.toString()));
        try {
            Process process = validate.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void printsContainerLabels() throws IOException {
        Run run = run(GOOD, "--provider", "traefik", "--domain", "example.com", "--labels");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("traefik.enable=true\n").contains("traefik.http.routers.web.rule=Host(`app.example.com`)\n");
    }

    @Test
    void everyProblemOfEveryRouteGoesToStderrAndNothingIsRendered() throws IOException {
        Run run = run("""
                [
                  {"name": "ok", "host": "ok", "targetHost": "ok", "targetPort": 80},
                  {"name": "bad", "host": "evil.example.com {\\n respond 1\\n}", "targetHost": "web",
                   "targetPort": 65536, "protocol": "http", "tls": false, "pathPrefix": "/../x"},
                  {"name": "db", "host": "db", "targetHost": "pg", "targetPort": 5432, "protocol": "tcp",
                   "tls": false, "pathPrefix": "", "entryPoints": ["pg"]},
                  {"name": "dup", "host": "ok", "targetHost": "x", "targetPort": 81},
                  {"host": "@", "targetHost": "x", "targetPort": 0}
                ]
                """, "--provider", "caddy", "--domain", "example.com");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).contains(
                "routes[1] (bad): invalid host 'evil.example.com {\\n respond 1\\n}': must be a hostname: lowercase"
                        + " letters, digits and '-' in dot-separated labels of 1-63 characters, 253 at most,"
                        + " optionally starting with '*.'",
                "routes[1] (bad): invalid targetPort '65536': must be a port from 1 to 65535")
                .anyMatch(l -> l.startsWith("routes[1] (bad): invalid pathPrefix '/../x'"))
                .anyMatch(l -> l.startsWith("routes[2] (db): invalid protocol 'tcp': Caddy has no layer-4"))
                .anyMatch(l -> l.startsWith("routes[3] (dup): invalid host 'ok.example.com': is already served by"
                        + " route 'ok'"))
                .anyMatch(l -> l.startsWith("routes[4]: invalid host '@'"))
                .anyMatch(l -> l.startsWith("routes[4]: invalid name '(missing)': is required"))
                .anyMatch(l -> l.startsWith("routes[4]: invalid targetPort '0'"))
                .anyMatch(l -> l.equals("orbitr: 8 problems, nothing rendered"));
    }

    @Test
    void theSameRoutesAreFineForTraefik() throws IOException {
        Run run = run("""
                [{"name": "db", "host": "db", "targetHost": "pg", "targetPort": 5432, "protocol": "tcp",
                  "tls": false, "pathPrefix": "", "entryPoints": ["pg"]}]
                """, "--provider", "traefik");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("HostSNI(`*`)");
    }

    @Test
    void badOptionsAndFilesAreUsageErrors() throws IOException {
        assertThat(run(GOOD, "--provider", "nginx").exitCode()).isEqualTo(2);
        assertThat(run(GOOD, "--provider", "caddy", "--acme-email", "a@b@c").err())
                .contains("invalid acmeEmail 'a@b@c'");
        assertThat(run("{\"not\": \"an array\"}", "--provider", "caddy").err()).contains("JSON array");
        assertThat(run("[{", "--provider", "caddy").exitCode()).isEqualTo(2);
        Run missing = launch("proxy", "render", "--provider", "caddy", "--routes", directory.resolve("none.json")
                .toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("cannot be read");
        assertThat(launch("proxy", "render", "--provider", "caddy").exitCode()).isEqualTo(2);
    }

    @Test
    void noRoutesRendersNothing() throws IOException {
        Run run = run("[]", "--provider", "traefik");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("no routes");
    }
}
