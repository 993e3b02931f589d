package io.orbitr.jdclient.update;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * How far a download has come.
 *
 * @param asset      the file being downloaded
 * @param bytesRead  the bytes received so far
 * @param totalBytes the expected size, when known
 */
public record DownloadProgress(String asset, long bytesRead, OptionalLong totalBytes) {

    /** Validates the progress. */
    public DownloadProgress {
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(totalBytes, "totalBytes");
    }

    /** @return the share received, 0.0 to 1.0, when the size is known */
    public OptionalDouble fraction() {
        if (totalBytes.isEmpty() || totalBytes.getAsLong() == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.min(1.0, (double) bytesRead / totalBytes.getAsLong()));
    }
}
