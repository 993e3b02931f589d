package io.orbitr.examples.server;

import io.orbitr.core.Orbitr;
import io.orbitr.stream.LogFilter;
import io.orbitr.stream.LogOptions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The shared live followers of the server's connections: every client that follows a container's log live (no
 * history asked for) on one engine endpoint with the same filter sits in one {@link LogGroup}, which holds the stream hub's one subscription
 * for them all and encodes each batch once. Thread-safe; the lock order is this, then a group.
 */
final class LogGroups {
    private final Orbitr orbitr;
    private final ScheduledExecutorService timer;
    private final LineEncoder encoder;
    private final Map<String, LogGroup> groups = new HashMap<>();

    LogGroups(Orbitr orbitr, ScheduledExecutorService timer, LineEncoder encoder) {
        this.orbitr = orbitr;
        this.timer = timer;
        this.encoder = encoder;
    }

    /**
     * Seats a client in the group of its container and filter, subscribing the group to the hub when it is new.
     *
     * @param client    the connection
     * @param key       the client's own key for the subscription ({@code container:NAME}, or
     *                  {@code container:ENGINE/NAME} on another endpoint than {@code local})
     * @param engine    the container's engine endpoint
     * @param container the container
     * @param filterKey what tells filters apart (the pattern, whether it excludes, the streams)
     * @param filter    the filter itself
     * @return the client's seat, which it cancels to leave
     */
    synchronized LogGroup.Member join(SocketClient client, String key, String engine, String container,
            String filterKey, LogFilter filter) {
        String groupKey = engine + '\u0000' + container + '\u0000' + filterKey;
        LogGroup group = groups.get(groupKey);
        if (group == null || group.isEnded()) {
            group = new LogGroup(this, groupKey, engine, container, timer, encoder);
            // Seated before the subscription, so that no line of the group's first batch misses its first client.
            LogGroup.Member member = group.join(client, key);
            groups.put(groupKey, group);
            try {
                group.subscribe(orbitr.streams().containerLogs(engine, container,
                        LogOptions.builder().tail(0).filter(filter).build(), group));
            } catch (RuntimeException e) {
                groups.remove(groupKey, group);
                throw e;
            }
            return member;
        }
        return group.join(client, key);
    }

    /** Forgets a group that has no members left or whose stream ended. */
    synchronized void remove(String groupKey, LogGroup group) {
        groups.remove(groupKey, group);
    }

    /** @return how many groups follow a stream (for tests and figures) */
    synchronized int size() {
        return groups.size();
    }
}
