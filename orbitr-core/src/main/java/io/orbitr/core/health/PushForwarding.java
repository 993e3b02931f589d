package io.orbitr.core.health;

import io.orbitr.ConflictException;
import io.orbitr.OrbitrException;
import io.orbitr.core.cluster.ChangeFeed;
import io.orbitr.health.HealthResult;
import io.orbitr.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a result pushed on one server ({@code record}) to the server that checks the target, when several servers
 * share the store: only that server applies it (its status, its watchdog, its notifications), and every server then
 * learns of it as of any result ({@link StatusNotices}). Applied on the server that received it, the result would
 * move a status nobody else sees and could be notified twice. Sent as a change-feed notice ({@value #TOPIC}) when it
 * is recorded; a result pushed while no live server holds the target's shard (a takeover under way) is dropped.
 */
final class PushForwarding {
    /** The change feed's topic of pushed results. */
    static final String TOPIC = "health-push";
    private static final Logger log = LoggerFactory.getLogger(PushForwarding.class);

    private final ChangeFeed feed;
    private final Store store;
    private final Clock clock;

    PushForwarding(ChangeFeed feed, Store store, Clock clock) {
        this.feed = feed;
        this.store = store;
        this.clock = clock;
    }

    /**
     * Sends a pushed result to the server that checks the target, unless that is this server.
     *
     * @param runtime the target
     * @param result  the result; stamped now when it carries no timestamp
     * @return whether it was sent (else the caller applies it here)
     * @throws ConflictException when the target is paused
     */
    boolean forward(TargetRuntime runtime, HealthResult result) {
        if (!feed.shared() || !CheckScheduler.isPush(runtime)) {
            return false;
        }
        synchronized (runtime) {
            if (runtime.here) {
                return false;
            }
            if (runtime.paused) {
                throw new ConflictException("health target '" + runtime.id()
                        + "' is paused; resume it before recording results");
            }
        }
        HealthResult timed = result.timestamp().equals(Instant.EPOCH)
                ? result.timed(clock.instant(), result.duration()) : result;
        List<String> notices = StatusNotices.notices(List.of(new LiveResult(runtime.id(), timed, 0, 0)));
        store.inTransaction(connection -> {
            for (String notice : notices) {
                feed.publish(connection, TOPIC, notice);
            }
            return null;
        });
        return true;
    }

    /**
     * Applies the results other servers received for targets this server checks.
     *
     * @param data     a notice's data
     * @param registry the targets
     * @param push     applies a result as {@code record} does
     */
    static void receive(String data, TargetRegistry registry,
            java.util.function.BiConsumer<TargetRuntime, HealthResult> push) {
        for (LiveResult pushed : StatusNotices.decode(data)) {
            registry.find(pushed.targetId()).ifPresent(runtime -> {
                boolean here;
                synchronized (runtime) {
                    here = runtime.here;
                }
                if (!here) {
                    log.debug("a result pushed for '{}' on another server is dropped: no server checks it now",
                            pushed.targetId());
                    return;
                }
                try {
                    push.accept(runtime, pushed.result());
                } catch (OrbitrException e) {
                    log.info("a result pushed for '{}' on another server was not recorded: {}", pushed.targetId(),
                            e.getMessage());
                }
            });
        }
    }
}
