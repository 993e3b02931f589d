/**
 * Backups and restore of the platform ({@link io.orbitr.backup.Backups}): the zip archive, its manifest, the store's
 * online snapshot, the data directory's files, volumes read and written through a helper container, the checks a
 * restore makes before it writes anything, and scheduled backups with retention.
 */
package io.orbitr.core.backup;
