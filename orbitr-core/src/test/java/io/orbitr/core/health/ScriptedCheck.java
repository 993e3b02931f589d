package io.orbitr.core.health;

import io.orbitr.health.AsyncHealthCheck;
import io.orbitr.health.HealthResult;
import io.orbitr.health.HealthStatus;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A non-blocking check whose verdicts a test sets: each run takes the next scripted verdict, or repeats the current
 * one; {@link #hang()} makes runs never complete (until cancelled), to test timeouts.
 */
final class ScriptedCheck implements AsyncHealthCheck {
    private final Deque<HealthResult> script = new ArrayDeque<>();
    private volatile HealthResult current = HealthResult.up("ok");
    private volatile boolean hanging;
    final AtomicInteger runs = new AtomicInteger();
    final AtomicInteger cancelled = new AtomicInteger();

    synchronized ScriptedCheck then(HealthStatus... statuses) {
        for (HealthStatus status : statuses) {
            script.add(HealthResult.of(status, status.name().toLowerCase() + " by script"));
        }
        return this;
    }

    ScriptedCheck always(HealthStatus status) {
        current = HealthResult.of(status, status.name().toLowerCase() + " by script");
        hanging = false;
        return this;
    }

    ScriptedCheck always(HealthResult result) {
        current = result;
        hanging = false;
        return this;
    }

    ScriptedCheck hang() {
        hanging = true;
        return this;
    }

    @Override
    public CompletableFuture<HealthResult> start(Duration timeout) {
        runs.incrementAndGet();
        if (hanging) {
            CompletableFuture<HealthResult> never = new CompletableFuture<>();
            never.whenComplete((r, e) -> {
                if (never.isCancelled()) {
                    cancelled.incrementAndGet();
                }
            });
            return never;
        }
        synchronized (this) {
            if (!script.isEmpty()) {
                current = script.poll();
            }
        }
        return CompletableFuture.completedFuture(current);
    }
}
