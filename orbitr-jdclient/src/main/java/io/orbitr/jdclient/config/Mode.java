package io.orbitr.jdclient.config;

import java.util.Locale;
import java.util.Optional;

/** How jd-client builds work: its {@code mode} key, read case-insensitively. */
public enum Mode {
    /** Declares full templates (its own transaction selection) to the pool: jd-client's default. */
    FULLTEMPLATE,
    /** Lets the pool choose transactions; only the coinbase is the miner's. */
    COINBASEONLY,
    /** No pool: mines solo to {@code coinbase_reward_script}; the only mode that needs no upstream. */
    SOLOMINING;

    /**
     * @param text a mode as written in a file, in any case
     * @return the mode, or empty when jd-client would refuse it
     */
    public static Optional<Mode> parse(String text) {
        String upper = text.strip().toUpperCase(Locale.ROOT);
        for (Mode mode : values()) {
            if (mode.name().equals(upper)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
