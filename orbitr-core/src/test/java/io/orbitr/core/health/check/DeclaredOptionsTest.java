package io.orbitr.core.health.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.InvalidValueException;
import io.orbitr.MissingProviderException;
import io.orbitr.core.Orbitr;
import io.orbitr.health.CheckOption;
import io.orbitr.health.CheckSpec;
import io.orbitr.health.CheckType;
import io.orbitr.health.OptionType;
import io.orbitr.health.checks.CommandCheckSpec;
import io.orbitr.health.checks.HttpCheckSpec;
import io.orbitr.health.checks.LogPatternCheckSpec;
import io.orbitr.health.checks.MemoryCheckSpec;
import io.orbitr.health.checks.ProcessCheckSpec;
import io.orbitr.health.checks.TcpCheckSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The built-in checks declare their options; the platform refuses what they do not declare. */
class DeclaredOptionsTest {
    private Orbitr orbitr;

    @BeforeEach
    void start() {
        orbitr = Orbitr.builder().inMemoryStore().build();
    }

    @AfterEach
    void stop() {
        orbitr.close();
    }

    @Test
    void aMisspeltHttpOptionIsRefusedInsteadOfIgnored() {
        assertThatThrownBy(() -> orbitr.healthCheck(CheckSpec.of("http", "url", "http://127.0.0.1:1/",
                "expected_status", "200"))).isInstanceOf(InvalidValueException.class)
                .hasMessage("unknown http option 'expected_status'; did you mean 'expected-status'?");
    }

    @Test
    void aMisspeltTcpPortIsNamed() {
        assertThatThrownBy(() -> orbitr.healthCheck(CheckSpec.of("tcp", "host", "127.0.0.1", "prot", 80)))
                .hasMessage("unknown tcp option 'prot'; did you mean 'port'?");
        assertThatThrownBy(() -> orbitr.healthCheck(CheckSpec.of("tcp", "prot", 80)))
                .hasMessageContaining("'prot'");
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedBeforeTheProviderSeesIt() {
        assertThatThrownBy(() -> orbitr.healthCheck(CheckSpec.of("memory", "container", "db", "limit", "lots")))
                .hasMessage("invalid memory.limit 'lots': must be a size such as 512m, 1GiB or 1048576");
    }

    @Test
    void anUnknownTypeListsTheTypesThatExist() {
        assertThatThrownBy(() -> orbitr.healthCheck(CheckSpec.of("htp", "url", "http://127.0.0.1/")))
                .isInstanceOf(MissingProviderException.class)
                .hasMessageStartingWith("no health check provider 'htp'; did you mean 'http'? Available: ")
                .hasMessageContaining("command, http, log-pattern, memory, process, push, tcp")
                .hasMessageNotContaining("add io.orbitr:");
    }

    @Test
    void thePushTypeIsOfferedForATypoAndExplainedWhenAskedToRun() {
        assertThatThrownBy(() -> orbitr.healthCheck(CheckSpec.of("pusj")))
                .isInstanceOf(MissingProviderException.class)
                .hasMessageStartingWith("no health check provider 'pusj'; did you mean 'push'?");
        assertThatThrownBy(() -> orbitr.healthCheck(CheckSpec.of("push")))
                .isInstanceOf(io.orbitr.InvalidValueException.class)
                .hasMessageContaining("health().record");
    }

    @Test
    void everyBuiltInTypeIsListedWithItsOptions() {
        List<CheckType> types = orbitr.healthCheckTypes();
        assertThat(types).extracting(CheckType::id)
                .contains("command", "http", "log-pattern", "memory", "process", "push", "tcp").isSorted();
        CheckType http = types.stream().filter(t -> t.id().equals("http")).findFirst().orElseThrow();
        assertThat(http.options()).contains(
                CheckOption.required("url", OptionType.TEXT, "an absolute http:// or https:// URL"));
        assertThat(http.options()).filteredOn(o -> o.name().equals("expected-status")).singleElement()
                .satisfies(o -> assertThat(o.defaultValue()).isEqualTo("200-399"));
        assertThat(types).allSatisfy(t -> assertThat(t.options()).isNotEmpty()
                .allSatisfy(o -> assertThat(o.description()).isNotBlank()));
    }

    @Test
    void aCheckRunDirectlyIsStampedWithItsStartAndDuration() throws Exception {
        java.time.Instant before = java.time.Instant.now();
        io.orbitr.health.HealthResult result = orbitr.healthCheck(CommandCheckSpec.argv(List.of("true")).toSpec())
                .check();
        assertThat(result.status()).isEqualTo(io.orbitr.health.HealthStatus.UP);
        assertThat(result.timestamp()).isBetween(before, java.time.Instant.now());
        assertThat(result.duration()).isPositive();
    }

    @Test
    void theTypedFactoriesMakeSpecsTheBuiltInsAccept() {
        assertThatCode(() -> {
            orbitr.healthCheck(HttpCheckSpec.url("http://127.0.0.1:1/health").expectStatus("200-299").method("HEAD")
                    .keyword("ok").invert().maxBody(1024).header("Accept", "text/plain").followRedirects(false)
                    .verifyTls(false).timeout(Duration.ofSeconds(5)).toSpec());
            orbitr.healthCheck(TcpCheckSpec.to("127.0.0.1", 5432).timeout(Duration.ofSeconds(2)).toSpec());
            orbitr.healthCheck(CommandCheckSpec.argv(List.of("true")).timeout(Duration.ofSeconds(3)).maxOutput(512)
                    .toSpec());
            orbitr.healthCheck(CommandCheckSpec.shell("exit 0").toSpec());
            orbitr.healthCheck(ProcessCheckSpec.named("worker").toSpec());
            orbitr.healthCheck(LogPatternCheckSpec.ofProcess("worker").error("ERROR").warning("WARN").lines(50)
                    .window(Duration.ofMinutes(5)).errorThreshold(2).warningThreshold(3).toSpec());
            orbitr.healthCheck(MemoryCheckSpec.ofPid(1).limit("2GiB").warning("1g").toSpec());
        }).doesNotThrowAnyException();
    }
}
