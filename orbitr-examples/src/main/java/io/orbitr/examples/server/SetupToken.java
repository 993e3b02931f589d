package io.orbitr.examples.server;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one-time token that lets the first user create the first admin, printed at a start with no account (as
 * Jupyter prints its login URL). Used once; gone once any account exists. Thread-safe.
 */
final class SetupToken {
    private final AtomicReference<String> token = new AtomicReference<>();

    /** @return a fresh token, replacing any earlier one */
    String issue() {
        String value = Secrets.random(24);
        token.set(value);
        return value;
    }

    /** @return the current token, if one is outstanding */
    Optional<String> current() {
        return Optional.ofNullable(token.get());
    }

    /** Puts a consumed token back, when creating the account it was used for failed. */
    void issueAgain(String value) {
        token.compareAndSet(null, value);
    }

    /** @return whether the offered token was the outstanding one (which is then used up) */
    boolean consume(String offered) {
        String current = token.get();
        return current != null && Secrets.same(current, offered) && token.compareAndSet(current, null);
    }
}
