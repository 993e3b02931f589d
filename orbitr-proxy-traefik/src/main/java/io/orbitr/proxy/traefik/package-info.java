/** Traefik v3: dynamic configuration for the file provider, and Docker labels, from Orbitr's proxy routes. */
package io.orbitr.proxy.traefik;
