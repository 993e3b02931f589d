/**
 * Secrets at rest: {@link io.orbitr.secret.SecretBox} seals secret values before they reach the store and opens
 * them again; {@link io.orbitr.secret.Secret} carries a secret value in memory without ever showing it in a
 * {@code toString}, a log line or an exception message. The platform offers its box to providers through
 * {@code ProviderContext.require(SecretBox.class)}.
 */
package io.orbitr.secret;
