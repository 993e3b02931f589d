/** Reverse-proxy configuration: the route model, its validation, and the generator SPI. */
package io.orbitr.proxy;
