/** Caddy 2.6: Caddyfile generation, caddy-docker-proxy labels and live reload through the admin API. */
package io.orbitr.proxy.caddy;
