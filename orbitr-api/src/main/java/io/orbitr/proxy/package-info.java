/**
 * Reverse-proxy configuration: the route model ({@link io.orbitr.proxy.Route}, built and validated against a strict
 * grammar), its whole-list validation ({@link io.orbitr.proxy.RouteValidator}), the proxy settings, and the
 * generator SPI ({@link io.orbitr.proxy.ProxyGenerator}) that Traefik and Caddy modules implement.
 */
package io.orbitr.proxy;
