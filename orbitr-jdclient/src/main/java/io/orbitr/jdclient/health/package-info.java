/**
 * Health of jd-client instances: checks of the process, its log lines, its memory and its monitoring endpoint
 * (as {@link io.orbitr.health.HealthCheck}s that the platform's monitor can also run), a 0-100 score, and the stored
 * history.
 */
package io.orbitr.jdclient.health;
