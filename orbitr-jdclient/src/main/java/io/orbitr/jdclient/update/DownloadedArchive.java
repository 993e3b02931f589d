package io.orbitr.jdclient.update;

import java.nio.file.Path;

/**
 * A fully received release archive in a temporary file the caller deletes.
 *
 * @param file   the temporary file, beside the install directories so that nothing crosses file systems
 * @param bytes  its size
 * @param sha256 its SHA-256, lowercase hex
 */
record DownloadedArchive(Path file, long bytes, String sha256) {
}
