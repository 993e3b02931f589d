package io.orbitr.jdclient.update;

/**
 * Receives download progress. Called on the downloading thread after every chunk and once at the end; keep it
 * fast. An exception it throws is logged and ignored: a broken progress bar never fails an install.
 */
@FunctionalInterface
public interface DownloadListener {
    /** A listener that ignores progress. */
    DownloadListener NONE = progress -> { };

    /** @param progress the bytes received so far and the expected total */
    void onProgress(DownloadProgress progress);
}
