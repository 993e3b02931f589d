package io.orbitr.core.extension;

import io.orbitr.extension.GeneratedSecret;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Creates generated secrets from a strong random source. Thread-safe. */
final class SecretGenerator {
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private final SecureRandom random = new SecureRandom();

    String generate(GeneratedSecret secret) {
        return switch (secret.encoding()) {
            case HEX -> {
                byte[] bytes = new byte[(secret.length() + 1) / 2];
                random.nextBytes(bytes);
                yield HexFormat.of().formatHex(bytes).substring(0, secret.length());
            }
            case BASE64 -> {
                byte[] bytes = new byte[secret.length()];
                random.nextBytes(bytes);
                yield Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, secret.length());
            }
            case ALPHANUMERIC -> {
                StringBuilder out = new StringBuilder(secret.length());
                for (int i = 0; i < secret.length(); i++) {
                    out.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
                }
                yield out.toString();
            }
        };
    }
}
