package io.orbitr.health;

/**
 * One check of one target. The platform runs it: it enforces the timeout, turns an exception into a DOWN result
 * with the error recorded, and stamps the start time and duration, so a check only says what it saw.
 *
 * <p>A check may block (a socket connect, an HTTP request), but must respond to interruption: the monitor
 * interrupts a check that outlives its timeout.
 */
@FunctionalInterface
public interface HealthCheck {

    /**
     * @return what the check saw
     * @throws Exception any failure, recorded by the platform as DOWN with the error's message
     */
    HealthResult check() throws Exception;
}
