package io.orbitr.jdclient.update;

import java.util.Locale;

/** What an entry of the install history did. */
public enum UpdateAction {
    /** A release was downloaded, verified and made current. */
    INSTALL,
    /** The previous binary was made current again. */
    ROLLBACK;

    /** @return the name stored in {@code update_history.action}: {@code install} or {@code rollback} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
