package io.orbitr.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.InvalidValueException;
import io.orbitr.NearestName;
import io.orbitr.health.checks.HttpCheckSpec;
import io.orbitr.health.checks.LogPatternCheckSpec;
import io.orbitr.health.checks.TcpCheckSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Declared check options refuse misspelt names, badly typed values and missing required options. */
class CheckOptionsTest {
    private static final List<CheckOption> HTTP = List.of(
            CheckOption.required("url", OptionType.TEXT, "the URL"),
            CheckOption.optional("expected-status", OptionType.LIST, "200-399", "accepted codes"),
            CheckOption.optional("timeout", OptionType.DURATION, "48s", "the bound"),
            CheckOption.optional("invert", OptionType.BOOLEAN, "false", "invert"),
            CheckOption.optional("headers", OptionType.MAP, "", "headers"),
            CheckOption.optional("max-body", OptionType.SIZE, "1MiB", "body bytes"),
            CheckOption.optional("regex", OptionType.PATTERN, "", "a pattern"));
    private static final List<CheckOption> TCP = List.of(
            CheckOption.required("host", OptionType.TEXT, "a host"),
            CheckOption.required("port", OptionType.INTEGER, "the port"));

    @Test
    void aMisspeltOptionIsRefusedNamingTheNearestKnownOne() {
        CheckSpec spec = CheckSpec.of("http", "url", "http://127.0.0.1/", "expected_status", "200");
        assertThatThrownBy(() -> CheckOptions.validate(spec, HTTP)).isInstanceOf(InvalidValueException.class)
                .hasMessage("unknown http option 'expected_status'; did you mean 'expected-status'?")
                .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo("http.expected_status"));
    }

    @Test
    void aSwappedPairOfLettersIsNamedBeforeTheMissingRequiredOption() {
        assertThatThrownBy(() -> CheckOptions.validate(CheckSpec.of("tcp", "host", "a", "prot", 80), TCP))
                .hasMessage("unknown tcp option 'prot'; did you mean 'port'?");
    }

    @Test
    void anOptionLikeNoneIsRefusedListingTheKnownOnes() {
        assertThatThrownBy(() -> CheckOptions.validate(CheckSpec.of("tcp", "host", "a", "colour", "red"), TCP))
                .hasMessage("unknown tcp option 'colour'; the tcp options are host, port");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "timeout | soon | invalid http.timeout 'soon': must be a duration such as 500ms, 5s, 2m or 1h",
        "invert | maybe | invalid http.invert 'maybe': must be true or false",
        "max-body | lots | invalid http.max-body 'lots': must be a size such as 512m, 1GiB or 1048576",
        "headers | x | invalid http.headers 'x': must be a map of names to values",
        "regex | ( | invalid http.regex '(': must be a regular expression: Unclosed group"})
    void aValueOfTheWrongTypeIsRefusedNamingTheOptionAndValue(String option, String value, String message) {
        CheckSpec spec = CheckSpec.of("http", "url", "http://127.0.0.1/", option, value);
        assertThatThrownBy(() -> CheckOptions.validate(spec, HTTP)).isInstanceOf(InvalidValueException.class)
                .hasMessage(message);
    }

    @Test
    void aWholeNumberIsRequiredWhereTheTypeSaysSo() {
        assertThatThrownBy(() -> CheckOptions.validate(CheckSpec.of("tcp", "host", "a", "port", "eighty"), TCP))
                .hasMessage("invalid tcp.port 'eighty': must be a whole number");
    }

    @Test
    void aMissingRequiredOptionIsNamedWithWhatItIs() {
        assertThatThrownBy(() -> CheckOptions.validate(CheckSpec.of("tcp", "host", "a"), TCP))
                .hasMessage("invalid tcp.port '': is required (the port)");
    }

    @Test
    void undeclaredOptionsPassUnchecked() {
        assertThatCode(() -> CheckOptions.validate(CheckSpec.of("custom", "anything", 1), List.of()))
                .doesNotThrowAnyException();
    }

    @Test
    void aRequiredOptionHasNoDefault() {
        assertThatThrownBy(() -> new CheckOption("url", OptionType.TEXT, true, "x", "the URL"))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("url.defaultValue");
    }

    @Test
    void theNearestNameIsOnlyOfferedWhenItLooksLikeATypo() {
        assertThat(NearestName.of("htp", List.of("command", "http", "tcp"))).contains("http");
        assertThat(NearestName.of("prot", List.of("host", "port"))).contains("port");
        assertThat(NearestName.of("nginx", List.of("caddy", "traefik"))).isEmpty();
        assertThat(NearestName.distance("expected_status", "expected-status")).isEqualTo(1);
    }

    @Test
    void typedFactoriesWriteTheOptionsAHostWouldWriteByHand() {
        CheckSpec http = HttpCheckSpec.url("http://127.0.0.1:8080/health").expectStatus("200-299")
                .timeout(Duration.ofSeconds(5)).header("Accept", "text/plain").toSpec();
        assertThat(http.type()).isEqualTo("http");
        assertThat(http.options()).containsEntry("url", "http://127.0.0.1:8080/health")
                .containsEntry("expected-status", "200-299").containsEntry("timeout", 5000L)
                .containsEntry("headers", Map.of("Accept", "text/plain"));
        assertThatCode(() -> CheckOptions.validate(http, HTTP)).doesNotThrowAnyException();
        assertThat(http.duration("timeout", Duration.ZERO)).isEqualTo(Duration.ofSeconds(5));
        assertThat(TcpCheckSpec.to("db", 5432).toSpec()).isEqualTo(CheckSpec.of("tcp", "host", "db", "port", 5432));
        assertThat(LogPatternCheckSpec.ofProcess("p").error("ERROR").window(Duration.ofMinutes(5)).toSpec().options())
                .containsEntry("window", 300_000L);
    }
}
