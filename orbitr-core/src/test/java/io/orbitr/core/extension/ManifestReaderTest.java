package io.orbitr.core.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.extension.ExtensionManifest;
import io.orbitr.extension.InvalidManifestException;
import io.orbitr.extension.ManifestProblem;
import io.orbitr.extension.SecretEncoding;
import io.orbitr.extension.VolumeKind;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ManifestReaderTest {
    private static final String GOOD = """
            manifestVersion: 1
            id: web
            name: Web
            version: "1.0"
            inputs:
              - name: PORT
                type: port
                default: "8081"
              - name: GREETING
                type: text
                required: true
            generated:
              - name: TOKEN
                length: 16
                encoding: hex
            services:
              web:
                image: orbitr-test/busybox:1
                command: httpd -f -p 8080 -h "/data dir"
                environment:
                  TOKEN: ${inputs.TOKEN}
                  LITERAL: "cost $$5"
                  HOME_URL: http://web.${ORBITR_DOMAIN}/
                ports: ["${inputs.PORT}:8080", "127.0.0.1:9000:9000/udp"]
                volumes: ["data:/data", "${EXTENSION_DATA}/conf:/conf:ro"]
                restart: on-failure:3
                healthcheck:
                  test: wget -q -O- http://localhost:8080/
                  interval: 1m30s
                depends_on:
                  cache: {condition: service_healthy}
                mem_limit: 64m
              cache:
                image: orbitr-test/busybox:1
                command: ["sleep", "3600"]
            main: web
            route: {port: 8080, pathPrefix: /web}
            volumes:
              data: {kind: data}
            """;

    @Test
    void readsComposeSyntaxWithComposeMeaning() {
        ExtensionManifest manifest = ManifestReader.read(GOOD, "good.yml");

        assertThat(manifest.services().get("web").command()).containsExactly("httpd", "-f", "-p", "8080", "-h",
                "/data dir");
        assertThat(manifest.services().get("web").ports().get(0).published()).isEqualTo("${inputs.PORT}");
        assertThat(manifest.services().get("web").ports().get(1).hostIp()).isEqualTo("127.0.0.1");
        assertThat(manifest.services().get("web").volumes().get(1).readOnly()).isTrue();
        assertThat(manifest.services().get("web").healthcheck().orElseThrow().test())
                .containsExactly("CMD-SHELL", "wget -q -O- http://localhost:8080/");
        assertThat(manifest.services().get("web").healthcheck().orElseThrow().interval())
                .isEqualTo(Duration.ofSeconds(90));
        assertThat(manifest.services().get("web").dependsOn()).containsExactly("cache");
        assertThat(manifest.generated().get(0).encoding()).isEqualTo(SecretEncoding.HEX);
        assertThat(manifest.volumes().get("data").kind()).isEqualTo(VolumeKind.DATA);
        assertThat(StartOrder.of(manifest.services())).containsExactly("cache", "web");
    }

    @Test
    void writtenAndReadBackIsTheSameManifest() {
        ExtensionManifest manifest = ManifestReader.read(GOOD, "good.yml");

        assertThat(ManifestReader.read(ManifestWriter.yaml(manifest), "again")).isEqualTo(manifest);
        assertThat(ManifestReader.read(ManifestWriter.json(manifest), "again")).isEqualTo(manifest);
    }

    @Test
    void reportsEveryProblemWithItsPath() {
        String bad = """
                manifestVersion: 2
                id: Bad_Id
                name: Bad
                version: "1"
                services:
                  web:
                    image: orbitr-test/busybox:1
                    build: .
                    privileged: true
                    ports: ["8000-8010:80", {target: 70000}]
                    volumes: ["undeclared:/data", "/x"]
                    environment:
                      A: ${HOME}
                      B: ${inputs.NOPE}
                      C: $USER
                    depends_on: [ghost]
                    mem_limit: lots
                route: {port: 0, protocol: tcp, pathPrefix: /x}
                """;

        List<ManifestProblem> problems = ManifestReader.problems(bad);

        assertThat(problems).extracting(ManifestProblem::path).contains(
                "services.web.build", "services.web.privileged", "services.web.ports[0]",
                "services.web.volumes[1]");
        assertThat(problems).filteredOn(p -> p.path().equals("services.web.build")).first()
                .extracting(ManifestProblem::message).asString().contains("Compose key 'build' is not supported");
    }

    @Test
    void meaningProblemsAreAllReportedOnceTheStructureReads() {
        String bad = """
                manifestVersion: 2
                id: Bad_Id
                name: Bad
                version: "1"
                services:
                  web:
                    image: orbitr-test/busybox:1
                    ports: [{target: 70000}]
                    volumes: ["undeclared:/data"]
                    environment:
                      A: ${HOME}
                      B: ${inputs.NOPE}
                      C: $USER
                    depends_on: [ghost]
                    mem_limit: lots
                route: {port: 0, protocol: tcp, pathPrefix: /x}
                """;

        assertThatThrownBy(() -> ManifestReader.read(bad, "bad.yml")).isInstanceOf(InvalidManifestException.class)
                .satisfies(e -> assertThat(((InvalidManifestException) e).problems()).extracting(ManifestProblem::path)
                        .contains("manifestVersion", "id", "services.web.ports[0].target", "services.web.volumes[0]",
                                "services.web.environment.A", "services.web.environment.B",
                                "services.web.environment.C", "services.web.depends_on[0]", "services.web.mem_limit",
                                "route.port", "route.pathPrefix"))
                .hasMessageContaining("services.web.environment.A: ${HOME} is not substituted");
    }

    @Test
    void notYamlIsOneProblemWithTheLine() {
        assertThat(ManifestReader.problems("id: [unclosed\nname: x")).singleElement().extracting(ManifestProblem::message)
                .asString().startsWith("not YAML (line");
    }

    @Test
    void composePortsReadAsComposeReadsThem() {
        assertThat(ComposeValues.port("8081:80")).isEqualTo(io.orbitr.extension.ServicePort.published("8081", 80));
        assertThat(ComposeValues.port("80").published()).isEmpty();
        assertThat(ComposeValues.port("127.0.0.1:8081:80/udp").hostIp()).isEqualTo("127.0.0.1");
        assertThat(ComposeValues.port("[::1]:8081:80").hostIp()).isEqualTo("::1");
    }

    @Test
    void interpolationReplacesReferencesAndUnescapesDollars() {
        assertThat(Interpolation.apply("a ${inputs.X} $$5 ${EXTENSION_ID}",
                java.util.Map.of("inputs.X", "1", "EXTENSION_ID", "web"))).isEqualTo("a 1 $5 web");
    }
}
