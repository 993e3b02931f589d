package io.orbitr.core.health;

import io.orbitr.health.HealthResult;

/**
 * A target's result with where it left the target, as its checking server tells the other servers sharing the store.
 *
 * @param targetId    the target's id
 * @param result      the result, with the monitor's status
 * @param failures    consecutive failed checks after it
 * @param sinceMillis when the status last changed (epoch ms)
 */
record LiveResult(String targetId, HealthResult result, int failures, long sinceMillis) {
}
