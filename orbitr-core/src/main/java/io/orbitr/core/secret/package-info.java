/**
 * Secrets at rest: {@link io.orbitr.core.secret.AesGcmSecretBox}, the platform's {@link io.orbitr.secret.SecretBox}
 * (AES-256-GCM), and {@link io.orbitr.core.secret.PlatformSecrets}, which finds the key at start (the host's, the
 * {@code ORBITR_SECRET_KEY} environment variable, or {@code <data-dir>/secret.key}, created with mode 600 at first
 * start) and checks it against the store, so a store opened with the wrong key fails at once instead of returning
 * garbage later.
 */
package io.orbitr.core.secret;
