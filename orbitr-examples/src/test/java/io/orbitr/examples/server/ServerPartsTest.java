package io.orbitr.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.ConflictException;
import io.orbitr.InvalidValueException;
import io.orbitr.NotFoundException;
import io.orbitr.UnavailableException;
import io.orbitr.testing.ManualClock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ServerPartsTest {

    @Test
    void restartPoliciesAreReadByTheirEngineNamesAndRetriesOnlyWithOnFailure() {
        assertThat(EngineEndpoints.restartPolicy(null, null)).isEqualTo(io.orbitr.engine.ContainerRestartPolicy.no());
        assertThat(EngineEndpoints.restartPolicy("unless-stopped", null))
                .isEqualTo(io.orbitr.engine.ContainerRestartPolicy.unlessStopped());
        assertThat(EngineEndpoints.restartPolicy("on-failure", 5).maximumRetries()).isEqualTo(5);
        assertThatThrownBy(() -> EngineEndpoints.restartPolicy("sometimes", null))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("sometimes");
        assertThatThrownBy(() -> EngineEndpoints.restartPolicy("always", 3)).isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).field()).isEqualTo("restartRetries");
        assertThatThrownBy(() -> EngineEndpoints.restartPolicy("on-failure", -1))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void idsForPathsStartWithALetterOrDigit() {
        for (int i = 0; i < 500; i++) {
            assertThat(Secrets.randomId(9)).matches("[A-Za-z0-9][A-Za-z0-9_-]{11}");
        }
    }

    @Test
    void rolesIncludeTheRolesBelowThem() {
        assertThat(Role.ADMIN.allows(Role.OPERATOR)).isTrue();
        assertThat(Role.OPERATOR.allows(Role.VIEWER)).isTrue();
        assertThat(Role.VIEWER.allows(Role.OPERATOR)).isFalse();
        assertThat(Role.parse("operator")).isEqualTo(Role.OPERATOR);
        assertThatThrownBy(() -> Role.parse("root")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("root");
    }

    @Test
    void platformExceptionsKeepTheirMeaningAsProblems() {
        Problem invalid = Problem.of(new InvalidValueException("port", 0, "must be positive"), "/x");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.field()).contains("port");
        assertThat(invalid.value()).contains("0");
        assertThat(Problem.of(new NotFoundException("container", "web"), "/x").status()).isEqualTo(404);
        assertThat(Problem.of(new ConflictException("taken"), "/x").status()).isEqualTo(409);
        assertThat(Problem.of(new UnavailableException("engine down"), "/x").status()).isEqualTo(503);
        assertThat(Problem.of(new ApiException(413, "too big"), "/x").title()).isEqualTo("Content Too Large");
        assertThat(Problem.of(new IllegalStateException("boom"), "/x").status()).isEqualTo(500);
    }

    @Test
    void theDocumentNamesEveryOperationOnceWithARole() {
        List<ApiOperation> operations = ApiDocument.load().operations();
        Set<String> ids = new HashSet<>();
        for (ApiOperation operation : operations) {
            assertThat(ids.add(operation.id())).as(operation.id()).isTrue();
        }
        assertThat(operations).filteredOn(o -> o.role().isEmpty()).extracting(ApiOperation::id)
                .containsExactlyInAnyOrder("getOpenApi", "setup", "login");
        assertThat(operations).filteredOn(o -> o.id().equals("execContainer")).extracting(ApiOperation::role)
                .containsExactly(Optional.of(Role.ADMIN));
    }

    @Test
    void failedLoginsAreLimitedPerNameAndForgottenAfterAMinute() {
        ManualClock clock = new ManualClock(java.time.Instant.parse("2026-12-03T10:00:00Z"));
        LoginLimiter limiter = new LoginLimiter(clock);
        for (int i = 0; i < LoginLimiter.PER_NAME; i++) {
            assertThat(limiter.allowed("10.0.0.1", "alice")).isTrue();
            limiter.failed("10.0.0.1", "alice");
        }
        assertThat(limiter.allowed("10.0.0.1", "alice")).isFalse();
        assertThat(limiter.allowed("10.0.0.1", "bob")).isTrue();
        assertThat(limiter.allowed("10.0.0.2", "alice")).isTrue();
        clock.advance(Duration.ofSeconds(61));
        assertThat(limiter.allowed("10.0.0.1", "alice")).isTrue();
    }

    @Test
    void theSetupTokenWorksOnce() {
        SetupToken setup = new SetupToken();
        String token = setup.issue();
        assertThat(setup.consume("wrong")).isFalse();
        assertThat(setup.consume(token)).isTrue();
        assertThat(setup.consume(token)).isFalse();
        assertThat(setup.current()).isEmpty();
    }

    @Test
    void tokenLifetimesReadAsUsersWriteThem() {
        assertThat(TokenCommand.Create.duration("90d")).isEqualTo(Duration.ofDays(90));
        assertThat(TokenCommand.Create.duration("12h")).isEqualTo(Duration.ofHours(12));
        assertThat(TokenCommand.Create.duration("PT30M")).isEqualTo(Duration.ofMinutes(30));
        assertThatThrownBy(() -> TokenCommand.Create.duration("soon")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void passwordsAreHashedWithBcrypt() {
        String hash = Passwords.hash("correct horse battery");
        assertThat(hash).startsWith("$2b$12$");
        assertThat(Passwords.matches(hash, "correct horse battery")).isTrue();
        assertThat(Passwords.matches(hash, "wrong horse battery")).isFalse();
        assertThatThrownBy(() -> Passwords.hash("short")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void bindAddressesAreParsed() {
        assertThat(OrbitrServer.isLoopback("127.0.0.1")).isTrue();
        assertThat(OrbitrServer.isLoopback("::1")).isTrue();
        assertThat(OrbitrServer.isLoopback("0.0.0.0")).isFalse();
    }
}
