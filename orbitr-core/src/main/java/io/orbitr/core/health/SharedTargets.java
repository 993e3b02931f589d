package io.orbitr.core.health;

import io.orbitr.cluster.Lease;
import io.orbitr.core.cluster.StoreLeases;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shares the health targets among the servers on one store. The targets fall into a fixed number of shards (by a
 * hash of their id); each shard is a lease ({@code health-share:shard:N}), so exactly one live server checks a shard's
 * targets. Each server also holds a membership lease ({@code health-share:server:HOLDER}); from the number of live members
 * it knows its fair share, gives back the shards above it (stopping their checks first) and takes free or lapsed
 * shards up to it. A server that dies stops renewing: its leases lapse after the TTL and the others take its shards
 * on their next tick; a server that closes releases its leases at once.
 *
 * <p>A server checks a shard's targets only while its lease on the shard is valid by its own clock ({@link #mayCheck}),
 * so a server that stalls past its TTL stops checking before another may start. {@link #renew} and {@link #balance}
 * run every quarter of the TTL, each on a thread of its own (or driven by a test). Thread-safe.
 */
final class SharedTargets {
    private static final Logger log = LoggerFactory.getLogger(SharedTargets.class);
    /** The prefix of the shard leases. */
    static final String SHARD = "health-share:shard:";
    /** The prefix of the membership leases. */
    static final String MEMBER = "health-share:server:";
    private static final String PREFIX = "health-share:";

    private final StoreLeases leases;
    private final int shards;
    private final Duration ttl;
    private final Clock clock;
    private final TargetRegistry registry;
    private final TargetRepository repository;
    private final HistoryWriter writer;
    private final String member;
    /** The shards this server holds, with when its lease on each lapses (epoch ms, by this server's clock). */
    private final Map<Integer, Long> validUntil = new ConcurrentHashMap<>();
    /** Guards the lease calls and {@link #validUntil}'s changes, never the slow work of starting checks. */
    private final Object leaseLock = new Object();
    private String signature = "";
    private boolean closed;

    SharedTargets(StoreLeases leases, int shards, Duration ttl, Clock clock, TargetRegistry registry,
            TargetRepository repository, HistoryWriter writer) {
        this.leases = leases;
        this.shards = shards;
        this.ttl = ttl;
        this.clock = clock;
        this.registry = registry;
        this.repository = repository;
        this.writer = writer;
        String name = MEMBER + leases.holder();
        this.member = name.length() <= 200 ? name : MEMBER + Integer.toHexString(leases.holder().hashCode());
    }

    /** @return the shard of a target */
    static int shardOf(String targetId, int shards) {
        return Math.floorMod(targetId.hashCode(), shards);
    }

    /** @return whether this server holds the target's shard now */
    boolean mayCheck(String targetId) {
        Long until = validUntil.get(shardOf(targetId, shards));
        return until != null && clock.millis() < until;
    }

    /** @return the lease TTL in milliseconds */
    long ttlMillis() {
        return ttl.toMillis();
    }

    /** @return the shards this server holds, in order */
    List<Integer> held() {
        return validUntil.keySet().stream().sorted().toList();
    }

    /**
     * Renews this server's leases, gives back or takes shards, and follows the store's targets: {@link #renew} then
     * {@link #balance}, for tests that drive both by hand.
     */
    void tick() {
        renew();
        balance();
    }

    /**
     * Renews the membership and every shard held, in one statement. It runs on a thread of its own every quarter of
     * the TTL, so that taking over thousands of targets in {@link #balance} never delays a renewal past the TTL.
     */
    void renew() {
        synchronized (leaseLock) {
            if (closed) {
                return;
            }
            try {
                long now = clock.millis();
                Set<String> renewed = leases.renewAll(PREFIX, ttl);
                if (!renewed.contains(member)) {
                    leases.tryAcquire(member, ttl);
                }
                for (Integer shard : List.copyOf(validUntil.keySet())) {
                    if (renewed.contains(name(shard))) {
                        validUntil.put(shard, now + ttl.toMillis());
                    } else {
                        validUntil.remove(shard);
                        log.warn("the lease on health shard {} lapsed before this server renewed it (a stall longer"
                                + " than {} ms); another server may check its targets now", shard, ttl.toMillis());
                    }
                }
            } catch (RuntimeException e) {
                // Without the store this server cannot know its leases are still its own: it stops checking.
                log.warn("cannot renew the health target leases ({}); this server stops checking until it can",
                        e.toString());
                validUntil.clear();
            }
        }
    }

    /** Gives back or takes shards towards a fair share, then starts and stops checks to match, and follows the store. */
    synchronized void balance() {
        try {
            Set<Integer> giveBack = new HashSet<>();
            int fair;
            int members;
            synchronized (leaseLock) {
                if (closed) {
                    return;
                }
                long now = clock.millis();
                members = Math.max(1, leases.all(MEMBER).size());
                fair = (shards + members - 1) / members;
                List<Integer> mine = held();
                for (int i = mine.size() - 1; i >= 0 && mine.size() - giveBack.size() > fair; i--) {
                    giveBack.add(mine.get(i));
                    validUntil.remove(mine.get(i));
                }
                if (validUntil.size() < fair) {
                    Set<String> taken = leases.all(SHARD).stream().map(Lease::name).collect(Collectors.toSet());
                    // Each server starts looking at its own place, so that servers starting together rarely collide.
                    int start = Math.floorMod(leases.holder().hashCode(), shards);
                    for (int i = 0; i < shards && validUntil.size() < fair; i++) {
                        int shard = (start + i) % shards;
                        if (!validUntil.containsKey(shard) && !taken.contains(name(shard))
                                && leases.tryAcquire(name(shard), ttl)) {
                            validUntil.put(shard, now + ttl.toMillis());
                        }
                    }
                }
            }
            String current = repository.signature();
            Optional<List<StoredTarget>> reloaded = Optional.empty();
            if (!current.equals(signature)) {
                reloaded = Optional.of(repository.loadAll());
                signature = current;
            }
            Set<Integer> owned = Set.copyOf(validUntil.keySet());
            registry.share(id -> owned.contains(shardOf(id, shards)), reloaded);
            if (!giveBack.isEmpty()) {
                // Their checks are stopped: their last results go to the store before another server reads them.
                writer.flush();
                giveBack.forEach(shard -> leases.release(name(shard)));
                log.debug("gave back health shards {} (fair share {} of {} among {} servers)", giveBack, fair,
                        shards, members);
            }
        } catch (RuntimeException e) {
            log.warn("cannot balance the health targets among the servers ({}); this server stops checking until it"
                    + " can", e.toString());
            synchronized (leaseLock) {
                validUntil.clear();
            }
            registry.share(id -> false, Optional.empty());
        }
    }

    /** Stops sharing: this server's shards and membership are released, for the others to take at once. */
    void close() {
        synchronized (leaseLock) {
            closeLocked();
        }
    }

    private void closeLocked() {
        closed = true;
        try {
            for (Integer shard : List.copyOf(validUntil.keySet())) {
                leases.release(name(shard));
            }
            leases.release(member);
        } catch (RuntimeException e) {
            log.warn("cannot release the health target leases; the other servers take them after the TTL: {}",
                    e.toString());
        }
        validUntil.clear();
    }

    private static String name(int shard) {
        return SHARD + shard;
    }
}
