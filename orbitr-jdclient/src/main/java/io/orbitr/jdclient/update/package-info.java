/**
 * Verified updates of the jd-client binary from the GitHub releases of stratum-mining/sv2-apps.
 * {@link io.orbitr.jdclient.update.BinaryUpdater} lists releases, downloads the archive for this platform,
 * checks its SHA-256 digest and the binary's architecture, installs it atomically with a backup, rolls back, and
 * keeps an install history. It never restarts anything: running instances keep their binary until asked.
 */
package io.orbitr.jdclient.update;
