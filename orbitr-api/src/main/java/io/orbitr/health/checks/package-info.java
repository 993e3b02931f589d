/**
 * Typed factories for the built-in check types, so a host writes
 * {@code HttpCheckSpec.url("http://127.0.0.1:8080/health").expectStatus("200-299").toSpec()} instead of option
 * names in strings. Each produces the same {@link io.orbitr.health.CheckSpec} a host could write by hand; the
 * options are explained by the provider's {@link io.orbitr.health.HealthCheckProvider#options()}.
 */
package io.orbitr.health.checks;
