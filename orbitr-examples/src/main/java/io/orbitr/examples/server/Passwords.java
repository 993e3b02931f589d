package io.orbitr.examples.server;

import io.orbitr.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/** Password hashes: bcrypt (Bouncy Castle's implementation), cost 12. */
final class Passwords {
    /** bcrypt reads at most 72 bytes. */
    static final int MAX_BYTES = 72;
    static final int MIN_LENGTH = 10;
    private static final int COST = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    static String hash(String password) {
        check(password);
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return OpenBSDBCrypt.generate("2b", password.toCharArray(), salt, COST);
    }

    static boolean matches(String hash, String password) {
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return false;
        }
        return OpenBSDBCrypt.checkPassword(hash, password.toCharArray());
    }

    static void check(String password) {
        if (password.length() < MIN_LENGTH) {
            throw new InvalidValueException("password", "(hidden)", "must be at least " + MIN_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new InvalidValueException("password", "(hidden)", "must be at most " + MAX_BYTES + " bytes");
        }
    }
}
