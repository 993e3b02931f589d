/**
 * Backups and restore: one archive holding a consistent snapshot of the store, the files of the data directory,
 * an inventory of installed binaries (names and digests) and, on request, the contents of the engine's volumes;
 * checked as a whole before anything is restored. Reach it with {@code orbitr.backups()}.
 */
package io.orbitr.backup;
