package io.orbitr.core.secret;

import io.orbitr.OrbitrException;
import io.orbitr.secret.SecretBox;
import io.orbitr.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the platform's secret key at start and checks it against the store. The key comes from, first to last:
 * the host ({@code Orbitr.builder().secretKey(...)}), the {@value #ENVIRONMENT_VARIABLE} environment variable
 * (base64), or the key file {@code <data-dir>/}{@value #KEY_FILE} (created with mode 600 at first start). A store
 * without a data directory (the in-memory test store) gets a random key when none is given.
 *
 * <p>The first start seals a known constant under the key into the {@code settings} row {@value #KEY_CHECK_SETTING};
 * every later start opens it, so a store opened with another key fails at once, saying where the key came from,
 * instead of returning garbage later. A store that holds that row while no key can be found is refused rather than
 * given a new key.
 *
 * <pre>{@code
 * SecretBox box = PlatformSecrets.builder(store).keyFile(dataDirectory.resolve("secret.key")).open();
 * }</pre>
 */
public final class PlatformSecrets {
    /** The environment variable that may hold the key, in base64. */
    public static final String ENVIRONMENT_VARIABLE = "ORBITR_SECRET_KEY";
    /** The key file's name in the data directory. */
    public static final String KEY_FILE = "secret.key";
    /** The {@code settings} row that holds the sealed check value. */
    public static final String KEY_CHECK_SETTING = "secrets.key-check";
    static final String HOST_ORIGIN = "Orbitr.builder().secretKey(...)";
    private static final String CHECK_VALUE = "orbitr secret key check v1";
    private static final Logger log = LoggerFactory.getLogger(PlatformSecrets.class);

    private final Store store;
    private Optional<byte[]> hostKey = Optional.empty();
    private Function<String, String> environment = System::getenv;
    private Optional<Path> keyFile = Optional.empty();
    private Clock clock = Clock.systemUTC();

    private PlatformSecrets(Store store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * @param store the platform's store, migrated (its {@code settings} table holds the key check)
     * @return a builder: key from {@value #ENVIRONMENT_VARIABLE}, else a random one (no key file)
     */
    public static PlatformSecrets builder(Store store) {
        return new PlatformSecrets(store);
    }

    /**
     * @param key the host's 32-byte key, which wins over the environment and the key file (copied)
     * @return this builder
     */
    public PlatformSecrets key(byte[] key) {
        this.hostKey = Optional.of(Objects.requireNonNull(key, "key").clone());
        return this;
    }

    /**
     * @param environment how environment variables are read (tests pass a map's {@code get})
     * @return this builder
     */
    public PlatformSecrets environment(Function<String, String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
        return this;
    }

    /**
     * @param file the key file, read when present and created (mode 600) at the first start of a store
     * @return this builder
     */
    public PlatformSecrets keyFile(Path file) {
        this.keyFile = Optional.of(Objects.requireNonNull(file, "file"));
        return this;
    }

    /**
     * @param clock stamps the key check row
     * @return this builder
     */
    public PlatformSecrets clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Finds the key and checks it against the store, writing the check at the store's first start.
     *
     * @return the platform's box
     * @throws OrbitrException when the key does not match the one that sealed the store, when the store was sealed
     *     but no key can be found, or when a key is malformed or its file is open to others
     */
    public AesGcmSecretBox open() {
        Optional<String> check = readCheck();
        AesGcmSecretBox box = findKey(check.isPresent());
        if (check.isPresent()) {
            verify(box, check.get());
        } else if (!writeCheck(box)) {
            // Another server sharing the store wrote its check first: this key must match that one.
            verify(box, readCheck().orElseThrow());
        }
        log.debug("secret key from {}", box.keyOrigin());
        return box;
    }

    private AesGcmSecretBox findKey(boolean storeIsSealed) {
        if (hostKey.isPresent()) {
            return AesGcmSecretBox.of(hostKey.get(), HOST_ORIGIN);
        }
        String fromEnvironment = environment.apply(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            String origin = "the environment variable " + ENVIRONMENT_VARIABLE;
            return AesGcmSecretBox.of(decode(fromEnvironment.strip(), origin), origin);
        }
        if (keyFile.isEmpty()) {
            if (storeIsSealed) {
                throw noKey("");
            }
            return AesGcmSecretBox.random();
        }
        Path file = keyFile.get();
        if (Files.exists(file)) {
            return AesGcmSecretBox.of(SecretKeyFile.read(file), SecretKeyFile.origin(file));
        }
        if (storeIsSealed) {
            throw noKey(", and no file " + file);
        }
        return AesGcmSecretBox.of(SecretKeyFile.create(file), SecretKeyFile.origin(file));
    }

    private OrbitrException noKey(String noFile) {
        return new OrbitrException("the store (" + store.description() + ") holds secrets sealed with a secret key,"
                + " but no key was given: no " + HOST_ORIGIN + ", no " + ENVIRONMENT_VARIABLE + noFile
                + ". Put back the secret.key that belongs to this store (a restored backup needs the key it was"
                + " made with), or give that key with " + ENVIRONMENT_VARIABLE + ".");
    }

    private void verify(AesGcmSecretBox box, String sealedCheck) {
        String opened;
        try {
            opened = box.open(sealedCheck);
        } catch (OrbitrException e) {
            throw mismatch(box, e);
        }
        if (!opened.equals(CHECK_VALUE)) {
            throw mismatch(box, null);
        }
    }

    private OrbitrException mismatch(AesGcmSecretBox box, Throwable cause) {
        return new OrbitrException("the secret key from " + box.keyOrigin() + " does not match the one that sealed"
                + " the store (" + store.description() + "): its secrets cannot be read with it. Give the key that"
                + " sealed it (" + HOST_ORIGIN + ", " + ENVIRONMENT_VARIABLE + ", or the data directory's "
                + KEY_FILE + "); a restored backup needs the key it was made with.", cause);
    }

    private Optional<String> readCheck() {
        return store.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT setting_value FROM settings WHERE setting_key = ?")) {
                query.setString(1, KEY_CHECK_SETTING);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** @return whether this server wrote the check (false: another server starting at once did) */
    private boolean writeCheck(AesGcmSecretBox box) {
        String sealed = box.seal(CHECK_VALUE);
        return store.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(io.orbitr.core.store.SqlDialect.of(connection)
                    .insertIfAbsent("settings", java.util.List.of("setting_key"),
                            java.util.List.of("setting_key", "setting_value", "updated_at")))) {
                insert.setString(1, KEY_CHECK_SETTING);
                insert.setString(2, sealed);
                insert.setLong(3, clock.millis());
                return insert.executeUpdate() == 1;
            }
        });
    }

    /**
     * @param base64 a key in base64
     * @param origin where it came from, for the message
     * @return the 32-byte key
     * @throws OrbitrException naming the origin (never the text) when it is not base64 of 32 bytes
     */
    static byte[] decode(String base64, String origin) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new OrbitrException("the secret key from " + origin + " is not base64; it must be "
                    + AesGcmSecretBox.KEY_BYTES + " random bytes in base64, for example from `head -c 32"
                    + " /dev/urandom | base64`");
        }
        if (key.length != AesGcmSecretBox.KEY_BYTES) {
            throw new OrbitrException("the secret key from " + origin + " is " + key.length + " bytes; it must be "
                    + AesGcmSecretBox.KEY_BYTES + " random bytes (256 bits) in base64, for example from `head -c 32"
                    + " /dev/urandom | base64`");
        }
        return key;
    }
}
