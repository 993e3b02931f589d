package io.orbitr.core.health;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What remediation did for one target: its recent restarts (for the cap and the growing delay) and whether a
 * restart is under way. Kept in memory, across changes of the target's definition; a platform restart clears it.
 * Guarded by its own lock.
 */
final class RemediationLog {
    final Deque<Long> restarts = new ArrayDeque<>();
    boolean busy;
    boolean gaveUp;
    /** The DOWN streak at which a restart was last declined, so the reason is logged once per streak. */
    int declinedStreak = -1;
}
