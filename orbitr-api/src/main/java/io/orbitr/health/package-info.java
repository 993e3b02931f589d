/** Health checks: the check SPI, its immutable result, and the status model with Uptime Kuma's meaning. */
package io.orbitr.health;
