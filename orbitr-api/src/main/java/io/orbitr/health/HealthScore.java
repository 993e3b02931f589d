package io.orbitr.health;

import io.orbitr.InvalidValueException;

/**
 * A 0-100 summary of a target's health, with the parts it was made of. The formula:
 *
 * <pre>
 * score = round(100 * (0.40 * current + 0.30 * recent + 0.20 * uptime + 0.10 * response))
 * </pre>
 * <ul>
 *   <li>{@code current}: the status now: UP 1, PENDING or UNKNOWN 0.5, DOWN 0;</li>
 *   <li>{@code recent}: the mean of the last 10 results, each UP 1, PENDING or UNKNOWN 0.5, DOWN 0;</li>
 *   <li>{@code uptime}: the share of UP checks among UP, PENDING and DOWN checks over the window (24 h);</li>
 *   <li>{@code response}: 1 when the mean response time of UP checks over the window is at most 200 ms, 0 at
 *       {@code min(timeout, 5 s)} or slower, linear in between; 1 when there is no UP check to judge by.</li>
 * </ul>
 * A group's score is {@code round(0.75 * mean + 0.25 * worst)} over its scored members, so one failing member
 * shows even in a large group. Paused targets and targets without results have no score.
 *
 * @param score    the score, 0 (down for long) to 100 (healthy)
 * @param current  the current-status part, 0 to 1
 * @param recent   the recent-results part, 0 to 1
 * @param uptime   the uptime part, 0 to 1
 * @param response the response-time part, 0 to 1
 * @param samples  how many results the window held
 */
public record HealthScore(int score, double current, double recent, double uptime, double response, long samples) {

    /** Validates the ranges. */
    public HealthScore {
        if (score < 0 || score > 100) {
            throw new InvalidValueException("score", score, "must be between 0 and 100");
        }
        for (double part : new double[] {current, recent, uptime, response}) {
            if (!(part >= 0 && part <= 1)) {
                throw new InvalidValueException("score part", part, "must be between 0 and 1");
            }
        }
    }
}
