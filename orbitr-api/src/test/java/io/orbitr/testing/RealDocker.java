package io.orbitr.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a test class that needs the real Docker engine. When the engine does not answer, the tests are skipped on a
 * developer's machine, but fail when {@code CI=true}: in CI a missing engine is a broken run, never a silent skip.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RealDocker.Condition.class)
public @interface RealDocker {

    /** Evaluates the requirement once per JVM. */
    final class Condition implements ExecutionCondition {
        private static volatile String engineVersion;
        private static volatile String failure;

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            probe();
            if (engineVersion != null) {
                return ConditionEvaluationResult.enabled("Docker engine " + engineVersion + " answers");
            }
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but the Docker engine does not answer (" + failure
                        + "): .ci/run must install and start it");
            }
            return ConditionEvaluationResult.disabled("no Docker engine: " + failure);
        }

        private static synchronized void probe() {
            if (engineVersion != null || failure != null) {
                return;
            }
            Shell.Result result = Shell.run(Duration.ofSeconds(15),
                    List.of("docker", "version", "--format", "{{.Server.Version}}"));
            if (result.ok()) {
                engineVersion = result.output().trim();
            } else {
                failure = result.output().trim();
            }
        }
    }
}
