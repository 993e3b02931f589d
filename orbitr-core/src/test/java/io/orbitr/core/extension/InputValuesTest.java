package io.orbitr.core.extension;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.extension.ExtensionManifest;
import io.orbitr.extension.InputField;
import io.orbitr.extension.InputType;
import io.orbitr.extension.ManifestProblem;
import io.orbitr.extension.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class InputValuesTest {
    private final ExtensionManifest manifest = ExtensionManifest.builder("app", "App", "1")
            .input(InputField.builder("PORT", InputType.PORT).defaultValue("8080").min(1024).build())
            .input(InputField.builder("NAME", InputType.TEXT).required(true).pattern("[a-z]+").build())
            .input(InputField.builder("MODE", InputType.SELECT).options(List.of("fast", "safe")).defaultValue("safe")
                    .build())
            .input(InputField.builder("SECRET", InputType.PASSWORD).build())
            .service("web", ServiceSpec.builder("busybox").build())
            .build();

    @Test
    void everyBadInputIsReportedByName() {
        List<ManifestProblem> problems = new ArrayList<>();

        InputValues.resolve(manifest, Map.of("PORT", "80", "MODE", "slow", "OTHER", "x"), problems);

        assertThat(problems).extracting(ManifestProblem::toString).containsExactlyInAnyOrder(
                "inputs.OTHER: is not an input of app; its inputs are [PORT, NAME, MODE, SECRET]",
                "inputs.PORT: '80' must be at least 1024",
                "inputs.NAME: is required (NAME): give it with --set NAME=VALUE",
                "inputs.MODE: 'slow' must be one of [fast, safe]");
    }

    @Test
    void defaultsFillTheRestAndPasswordsAreNeverPrinted() {
        List<ManifestProblem> problems = new ArrayList<>();

        Map<String, String> values = InputValues.resolve(manifest, Map.of("NAME", "web"), problems);

        assertThat(problems).isEmpty();
        assertThat(values).containsEntry("PORT", "8080").containsEntry("MODE", "safe").containsEntry("SECRET", "");
        InputField secret = InputField.builder("S", InputType.PASSWORD).pattern("[0-9]+").build();
        assertThat(InputValues.check(secret, "hunter2")).hasValue("(hidden) must match [0-9]+");
    }

    @Test
    void servicesStartInWavesAfterWhatTheyDependOn() {
        Map<String, ServiceSpec> services = ExtensionManifest.builder("app", "App", "1")
                .service("web", ServiceSpec.builder("b").dependsOn(List.of("api", "cache")).build())
                .service("api", ServiceSpec.builder("b").dependsOn(List.of("db")).build())
                .service("cache", ServiceSpec.builder("b").build())
                .service("db", ServiceSpec.builder("b").build())
                .build().services();

        assertThat(StartOrder.waves(services, services.keySet()))
                .containsExactly(List.of("db", "cache"), List.of("api"), List.of("web"));
        assertThat(StartOrder.waves(services, List.of("web"))).containsExactly(List.of("web"));
    }
}
