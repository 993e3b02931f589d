package io.orbitr.jdclient.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.jdclient.config.ConfigFixtures;
import io.orbitr.jdclient.config.TomlRenderer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fake behaves like jd-client where supervision depends on it: exit codes, stderr, signals. */
class FakeJdClientTest {
    @TempDir
    Path dir;

    @Test
    void refusesABadConfigurationLikeJdClient() throws Exception {
        Path binary = FakeBinary.install(dir.resolve("jd_client_sv2"), "ok");
        Path config = dir.resolve("jdc.toml");
        Files.writeString(config, "listening_address = \"0.0.0.0:34265\"\n");
        Process process = new ProcessBuilder(binary.toString(), "-c", config.toString()).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .startsWith("Job Declarator Client config error: missing field `max_supported_version`");
        Process badArgs = new ProcessBuilder(binary.toString(), "--bogus").start();
        assertThat(badArgs.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(badArgs.exitValue()).isEqualTo(2);
    }

    @Test
    void shutsDownCleanlyOnSigintAndDiesOnSigterm() throws Exception {
        Path binary = FakeBinary.install(dir.resolve("jd_client_sv2"), "ok");
        Path config = dir.resolve("jdc.toml");
        Files.writeString(config, TomlRenderer.render(ConfigFixtures.valid()
                .listeningAddress("127.0.0.1:" + Ports.free()).build()));
        for (String signal : List.of("INT", "TERM")) {
            Process process = new ProcessBuilder(binary.toString(), "-c", config.toString()).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.endsWith("SV2 handshake completed successfully."));
            assertThat(line).isNotNull().matches("\\S+Z  INFO jd_client_sv2::job_declarator: .*");
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            if (signal.equals("INT")) {
                assertThat(process.exitValue()).isZero();
                assertThat(out.readLine()).endsWith("INFO jd_client_sv2: JD Client shutdown complete.");
            } else {
                assertThat(process.exitValue()).isEqualTo(143);
            }
        }
    }
}
