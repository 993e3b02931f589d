/** A client of jd-client's monitoring HTTP API (health, global statistics, Prometheus metrics). */
package io.orbitr.jdclient.monitoring;
