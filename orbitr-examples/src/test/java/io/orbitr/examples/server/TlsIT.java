package io.orbitr.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.core.Orbitr;
import io.orbitr.testing.Shell;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS from PEM files (openssl makes them), and the session cookie is Secure under TLS. */
@Timeout(60)
class TlsIT {

    @Test
    void servesHttpsOnlyFromPemFiles(@TempDir Path dir) {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Shell.Result made = Shell.run(Duration.ofSeconds(30), List.of("openssl", "req", "-x509", "-newkey",
                "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-days", "1", "-subj",
                "/CN=127.0.0.1"));
        assertThat(made.ok()).as(made.output()).isTrue();
        try (Orbitr orbitr = Orbitr.builder().dataDirectory(dir.resolve("data")).build();
                OrbitrServer server = OrbitrServer.builder(orbitr).bind("127.0.0.1", 0).tls(cert, key).start()) {
            assertThat(server.uri().getScheme()).isEqualTo("https");
            server.accounts().create("root", Role.ADMIN, "a long enough password");
            Shell.Result document = Shell.run(Duration.ofSeconds(30), List.of("curl", "-sSk", "-o", "/dev/null",
                    "-w", "%{http_code}", server.uri().resolve("api/v1/openapi.json").toString()));
            assertThat(document.output().trim()).isEqualTo("200");
            Shell.Result login = Shell.run(Duration.ofSeconds(30), List.of("curl", "-sSk", "-D", "-", "-o",
                    "/dev/null", "-H", "Content-Type: application/json", "--data",
                    "{\"name\":\"root\",\"password\":\"a long enough password\"}",
                    server.uri().resolve("api/v1/login").toString()));
            assertThat(login.output()).containsIgnoringCase("set-cookie: orbitr_session=").contains("Secure")
                    .contains("HttpOnly").contains("SameSite=Strict");
            Shell.Result plain = Shell.run(Duration.ofSeconds(30), List.of("curl", "-sS", "-o", "/dev/null", "-w",
                    "%{http_code}", "http://127.0.0.1:" + server.port() + "/api/v1/openapi.json"));
            assertThat(plain.output().trim()).isNotEqualTo("200");
            assertThat(Optional.of(server.webSocketClients())).contains(0);
        }
    }
}
