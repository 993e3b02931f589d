/**
 * {@code orbitr serve}: the platform as an HTTP server. {@link io.orbitr.examples.server.OrbitrServer} serves the
 * REST API described by the OpenAPI document {@code openapi.yaml} (its routes and roles come from that document),
 * the WebSocket {@code /ws} for live logs and stats, and keeps the server's own tables (accounts, tokens, sessions,
 * audit, jobs). It is a thin layer over the Java API of {@link io.orbitr.core.Orbitr}.
 */
package io.orbitr.examples.server;
