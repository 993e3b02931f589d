package io.orbitr.jdclient.update;

import io.orbitr.InvalidValueException;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * A file attached to a GitHub release.
 *
 * @param name        the file name, for example {@code miner-apps-x86_64-unknown-linux-musl.tar.gz}
 * @param size        the size in bytes GitHub reports
 * @param downloadUrl where to download it ({@code browser_download_url})
 * @param digest      GitHub's digest of the file, {@code sha256:<hex>}, when GitHub published one
 */
public record ReleaseAsset(String name, long size, URI downloadUrl, Optional<String> digest) {

    /** Validates the asset. */
    public ReleaseAsset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(downloadUrl, "downloadUrl");
        Objects.requireNonNull(digest, "digest");
        if (size < 0) {
            throw new InvalidValueException("asset size", size, "must not be negative");
        }
    }
}
