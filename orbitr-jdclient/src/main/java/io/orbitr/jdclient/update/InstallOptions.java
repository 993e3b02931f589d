package io.orbitr.jdclient.update;

import java.util.Objects;

/**
 * How an install proceeds.
 *
 * <pre>{@code
 * updater.install("v0.6.0", InstallOptions.defaults().withListener(p -> bar.update(p.fraction())));
 * }</pre>
 *
 * @param allowUnverified install even when GitHub published no SHA-256 digest for the archive; a digest that
 *                        is present is always checked
 * @param listener        receives download progress
 */
public record InstallOptions(boolean allowUnverified, DownloadListener listener) {

    /** Validates the options. */
    public InstallOptions {
        Objects.requireNonNull(listener, "listener");
    }

    /** @return verified installs only, no progress listener */
    public static InstallOptions defaults() {
        return new InstallOptions(false, DownloadListener.NONE);
    }

    /** @return a copy that also installs archives GitHub published no digest for */
    public InstallOptions allowingUnverified() {
        return new InstallOptions(true, listener);
    }

    /**
     * @param listener receives download progress
     * @return a copy with that listener
     */
    public InstallOptions withListener(DownloadListener listener) {
        return new InstallOptions(allowUnverified, listener);
    }
}
