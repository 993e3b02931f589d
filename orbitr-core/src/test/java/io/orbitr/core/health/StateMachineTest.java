package io.orbitr.core.health;

import static io.orbitr.health.HealthStatus.DOWN;
import static io.orbitr.health.HealthStatus.PAUSED;
import static io.orbitr.health.HealthStatus.PENDING;
import static io.orbitr.health.HealthStatus.UNKNOWN;
import static io.orbitr.health.HealthStatus.UP;
import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.core.health.StateMachine.Notice;
import io.orbitr.health.HealthResult;
import io.orbitr.health.HealthStatus;
import io.orbitr.health.HealthTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StateMachineTest {
    private static final HealthTarget NO_RETRIES = MonitorFixture.target("t").build();
    private static final HealthTarget TWO_RETRIES = MonitorFixture.target("t").retries(2)
            .retryInterval(Duration.ofSeconds(20)).build();

    /** Feeds verdicts one by one; returns "STATUS" or "STATUS!" (notified) or "STATUS!!" (re-sent) per step. */
    private static List<String> run(HealthTarget target, TargetState start, HealthStatus... verdicts) {
        TargetState state = start;
        List<String> out = new ArrayList<>();
        long now = 1_000_000;
        for (HealthStatus verdict : verdicts) {
            StateMachine.Step step = StateMachine.apply(state, HealthResult.of(verdict, ""), target, now);
            state = step.state();
            out.add(state.status() + step.notice().map(n -> n == Notice.TRANSITION ? "!" : "!!").orElse(""));
            now += step.nextDelayMillis();
        }
        return out;
    }

    private static List<String> run(HealthTarget target, HealthStatus... verdicts) {
        return run(target, TargetState.fresh(0), verdicts);
    }

    @Test
    void theFirstResultIsNotifiedOnlyWhenItIsDownAsUptimeKumaDoes() {
        assertThat(run(NO_RETRIES, UP, UP)).containsExactly("UP", "UP");
        assertThat(run(NO_RETRIES, DOWN, DOWN)).containsExactly("DOWN!", "DOWN");
        assertThat(run(TWO_RETRIES, DOWN)).containsExactly("PENDING");
    }

    @Test
    void withoutRetriesAFailureIsDownAtOnceAndARecoveryIsNotified() {
        assertThat(run(NO_RETRIES, UP, DOWN, DOWN, UP)).containsExactly("UP", "DOWN!", "DOWN", "UP!");
    }

    @Test
    void failuresArePendingWhileRetriesRemainAndThenDown() {
        // UP -> PENDING is silent; PENDING -> DOWN is notified; failures keep counting while DOWN.
        assertThat(run(TWO_RETRIES, UP, DOWN, DOWN, DOWN, DOWN, UP))
                .containsExactly("UP", "PENDING", "PENDING", "DOWN!", "DOWN", "UP!");
    }

    @Test
    void aSuccessResetsTheRetriesAndPendingToUpIsSilent() {
        assertThat(run(TWO_RETRIES, UP, DOWN, UP, DOWN, DOWN, UP))
                .containsExactly("UP", "PENDING", "UP", "PENDING", "PENDING", "UP");
    }

    @Test
    void downNeverFallsBackToPending() {
        assertThat(run(TWO_RETRIES, DOWN, DOWN, DOWN, DOWN, DOWN))
                .containsExactly("PENDING", "PENDING", "DOWN!", "DOWN", "DOWN");
    }

    @Test
    void whileDownTheNotificationIsResentEveryNChecks() {
        HealthTarget resend = NO_RETRIES.toBuilder().resendEvery(2).build();
        assertThat(run(resend, UP, DOWN, DOWN, DOWN, DOWN, DOWN, UP))
                .containsExactly("UP", "DOWN!", "DOWN", "DOWN!!", "DOWN", "DOWN!!", "UP!");
    }

    @Test
    void pendingUsesTheRetryIntervalAndUpOrDownTheInterval() {
        TargetState state = TargetState.fresh(0);
        StateMachine.Step pending = StateMachine.apply(state, HealthResult.down(""), TWO_RETRIES, 0);
        assertThat(pending.nextDelayMillis()).isEqualTo(20_000);
        StateMachine.Step up = StateMachine.apply(pending.state(), HealthResult.up(""), TWO_RETRIES, 0);
        assertThat(up.nextDelayMillis()).isEqualTo(60_000);
    }

    @Test
    void aChecksOwnPendingOrUnknownSpendsNoRetryAndIsSilent() {
        assertThat(run(TWO_RETRIES, UP, PENDING, PENDING, UNKNOWN, DOWN, DOWN, DOWN))
                .containsExactly("UP", "PENDING", "PENDING", "UNKNOWN", "PENDING", "PENDING", "DOWN!");
    }

    @Test
    void aRecoveryAfterUnknownIsStillNotifiedBecauseTheSettledStateChanged() {
        assertThat(run(NO_RETRIES, DOWN, UNKNOWN, UP)).containsExactly("DOWN!", "UNKNOWN", "UP!");
    }

    @Test
    void failuresInTheStartPeriodAreForgivenUntilTheFirstSuccess() {
        HealthTarget target = NO_RETRIES.toBuilder().startPeriod(Duration.ofMinutes(5)).build();
        TargetState state = TargetState.fresh(1_000_000);
        StateMachine.Step first = StateMachine.apply(state, HealthResult.down(""), target, 1_000_000);
        assertThat(first.state().status()).isEqualTo(PENDING);
        assertThat(first.inStartPeriod()).isTrue();
        StateMachine.Step up = StateMachine.apply(first.state(), HealthResult.up(""), target, 1_060_000);
        // A success ends the start period early: the next failure counts.
        StateMachine.Step down = StateMachine.apply(up.state(), HealthResult.down(""), target, 1_120_000);
        assertThat(down.state().status()).isEqualTo(DOWN);
        // And after the period, failures count even without a success.
        StateMachine.Step late = StateMachine.apply(state, HealthResult.down(""), target, 1_000_000 + 300_000);
        assertThat(late.state().status()).isEqualTo(DOWN);
    }

    @Test
    void resumingAfterAPauseNotifiesOnlyAChangeOfTheSettledState() {
        TargetState up = StateMachine.apply(TargetState.fresh(0), HealthResult.up(""), NO_RETRIES, 0).state();
        TargetState paused = up.paused(true, 10).paused(false, 20);
        assertThat(paused.status()).isEqualTo(PAUSED);
        assertThat(run(NO_RETRIES, paused, UP)).containsExactly("UP");
        assertThat(run(NO_RETRIES, paused, DOWN)).containsExactly("DOWN!");
    }

    @Test
    void theDownStreakCountsConsecutiveDownChecks() {
        TargetState state = TargetState.fresh(0);
        for (HealthStatus verdict : List.of(DOWN, DOWN, UP, DOWN, DOWN, DOWN)) {
            state = StateMachine.apply(state, HealthResult.of(verdict, ""), NO_RETRIES, 0).state();
        }
        assertThat(state.downStreak()).isEqualTo(3);
        assertThat(state.settled()).isEqualTo(Optional.of(DOWN));
        assertThat(state.restarted(5).downStreak()).isZero();
    }
}
