package io.orbitr.examples.server;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits failed logins: at most {@value #PER_NAME} failures per address and name, and {@value #PER_ADDRESS} per
 * address, within a minute. Thread-safe.
 */
final class LoginLimiter {
    static final int PER_NAME = 5;
    static final int PER_ADDRESS = 20;
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int MAX_KEYS = 100_000;

    private final Clock clock;
    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    LoginLimiter(Clock clock) {
        this.clock = clock;
    }

    /** @return whether a login from this address for this name may be tried now */
    boolean allowed(String address, String name) {
        return recent("a:" + address) < PER_ADDRESS && recent("n:" + address + "|" + name) < PER_NAME;
    }

    void failed(String address, String name) {
        if (failures.size() > MAX_KEYS) {
            // Bounded memory under a spray of addresses: forget the oldest state rather than grow.
            failures.clear();
        }
        add("a:" + address);
        add("n:" + address + "|" + name);
    }

    void succeeded(String address, String name) {
        failures.remove("n:" + address + "|" + name);
    }

    private int recent(String key) {
        Deque<Long> times = failures.get(key);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            long cutoff = clock.millis() - WINDOW.toMillis();
            while (!times.isEmpty() && times.peekFirst() < cutoff) {
                times.pollFirst();
            }
            return times.size();
        }
    }

    private void add(String key) {
        Deque<Long> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(clock.millis());
            if (times.size() > 100) {
                times.pollFirst();
            }
        }
    }
}
