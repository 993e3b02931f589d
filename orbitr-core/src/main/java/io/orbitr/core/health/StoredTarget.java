package io.orbitr.core.health;

import io.orbitr.health.HealthTarget;

/**
 * A target as kept in {@code health_targets}.
 *
 * @param target    its definition
 * @param paused    whether it is paused
 * @param updatedAt when it was last added, changed, paused or resumed (epoch ms)
 */
record StoredTarget(HealthTarget target, boolean paused, long updatedAt) {
}
