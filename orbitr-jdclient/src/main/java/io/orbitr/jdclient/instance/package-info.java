/**
 * jd-client instances: creation from saved configurations, start, stop, restart and deletion through the process
 * supervisor, logs, and the periodic collection of their metrics and health.
 */
package io.orbitr.jdclient.instance;
