package io.orbitr.health;

/**
 * Response times of the successful (UP) checks of one target over a window.
 *
 * @param count         how many UP checks the figures cover
 * @param averageMillis their mean response time
 * @param minMillis     the fastest
 * @param maxMillis     the slowest
 */
public record ResponseTimes(long count, double averageMillis, long minMillis, long maxMillis) {
}
