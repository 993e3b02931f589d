package io.orbitr.jdclient.update;

import java.util.Locale;

/** How an entry of the install history ended. */
public enum UpdateOutcome {
    /** The binary was replaced. */
    SUCCESS,
    /** Nothing was replaced; the message says why. */
    FAILED;

    /** @return the name stored in {@code update_history.outcome}: {@code success} or {@code failed} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
