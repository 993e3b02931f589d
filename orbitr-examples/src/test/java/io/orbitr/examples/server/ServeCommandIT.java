package io.orbitr.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.examples.launcher.LauncherRun;
import io.orbitr.testing.RealDocker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code orbitr serve}, {@code orbitr user add} and {@code orbitr token create} as a user runs them. */
@RealDocker
@Timeout(120)
class ServeCommandIT {

    @TempDir
    Path dataDir;

    @Test
    void serveStartsPrintsWhereToGoAndShutsDownInOrderOnSigterm() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.orbitr.examples.launcher.Launcher", "serve",
                "--data-dir", dataDir.toString(), "--bind", "127.0.0.1:0").redirectErrorStream(true);
        Process process = builder.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("Stop with Ctrl-C")) {
                lines.add(line);
            }
            String printed = String.join("\n", lines);
            Matcher serving = Pattern.compile("serving at (http://127\\.0\\.0\\.1:\\d+/)").matcher(printed);
            assertThat(serving.find()).as(printed).isTrue();
            URI base = URI.create(serving.group(1));
            assertThat(printed).contains("api/docs").contains("No account exists yet");
            Matcher setup = Pattern.compile("(http://\\S+/setup#token=\\S+)").matcher(printed);
            assertThat(setup.find()).as(printed).isTrue();
            String token = setup.group(1).substring(setup.group(1).indexOf("token=") + 6);

            ApiClient api = new ApiClient(base);
            assertThat(api.get("/api/docs", null).body()).contains("swagger-ui-bundle.js");
            assertThat(api.get("/webjars/swagger-ui/5.35.0/swagger-ui-bundle.js", null).status()).isEqualTo(200);
            ApiClient.Response created = api.post("/api/v1/setup", null,
                    Map.of("token", token, "name", "first", "password", "a long enough password"));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String cookie = created.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            try (WsClient client = WsClient.connect(base, null, Map.of("Cookie", cookie), false)) {
                client.send(Map.of("type", "ping"));
                client.awaitType("pong");
                process.destroy();
                assertThat(process.waitFor(35, TimeUnit.SECONDS)).as("stopped within the 30 s limit").isTrue();
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (client.closeCode < 0 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                assertThat(client.closeCode).isEqualTo(1001);
                assertThat(client.closeReason).contains("shutting down");
            }
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void accountsAndTokensFromTheCommandLineAndNoNonLoopbackBindWithoutOne() {
        LauncherRun refused = LauncherRun.of("serve", "--data-dir", dataDir.toString(), "--bind", "0.0.0.0:0");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("orbitr user add");
        LauncherRun badRole = LauncherRun.of("user", "add", "alice", "--role", "root", "--data-dir",
                dataDir.toString());
        assertThat(badRole.exitCode()).isEqualTo(1);
        assertThat(badRole.err()).contains("role").contains("root");
        LauncherRun token = LauncherRun.of("token", "create", "ci", "--role", "viewer", "--expires", "90d",
                "--data-dir", dataDir.toString());
        assertThat(token.exitCode()).as(token.err()).isZero();
        assertThat(token.out()).startsWith("orbitr_").contains("expires");
        LauncherRun badExpiry = LauncherRun.of("token", "create", "ci", "--role", "viewer", "--expires", "soon",
                "--data-dir", dataDir.toString());
        assertThat(badExpiry.exitCode()).isEqualTo(1);
        assertThat(badExpiry.err()).contains("expires");
    }
}
