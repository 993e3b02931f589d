package io.orbitr.backup;

import io.orbitr.Page;
import io.orbitr.PageRequest;
import java.nio.file.Path;

/**
 * The platform's backups. Reach it with {@code orbitr.backups()}.
 *
 * <pre>{@code
 * Backups backups = orbitr.backups();
 * BackupInfo made = backups.create(BackupOptions.builder().volumes(true).build());
 * backups.restore(RestoreOptions.builder(made.file(), Path.of("/srv/orbitr-restored")).build());
 * }</pre>
 *
 * <p>An archive (a zip file) holds a {@code manifest.json} listing each part with its size and SHA-256, the Orbitr
 * version and the creation time; the store as the database's own online backup wrote it (a consistent snapshot,
 * taken while the platform keeps running: H2's {@code BACKUP TO}, or {@code pg_dump} of a PostgreSQL store's
 * schema); the data directory's files except the live database, log files,
 * temporary files, earlier backups and {@value #SECRET_KEY_FILE}; an inventory of what {@link BackupParticipant}s
 * leave out on purpose (the installed jd-client binaries: names and digests only); and with
 * {@link BackupOptions#volumes()} the contents of every engine volume that carries the {@value #VOLUME_LABEL} label.
 *
 * <p>Secret values stay encrypted in the archive, and the key that decrypts them ({@value #SECRET_KEY_FILE}) is
 * never in it: keep a copy of the key apart from the backups; a restored data directory needs it.
 *
 * <p>Thread-safe; one backup runs at a time.
 */
public interface Backups {
    /** The label whose presence on a volume puts it in backups taken with volumes (any value). */
    String VOLUME_LABEL = "io.orbitr.managed";
    /** The secret key's file name in the data directory; never copied into an archive. */
    String SECRET_KEY_FILE = "secret.key";

    /**
     * Writes a new archive. The archive appears under its final name only when it is complete.
     *
     * @param options where to write it, whether to include volumes, and who hears the progress
     * @return the archive written
     * @throws io.orbitr.ConflictException when the target file exists already
     * @throws io.orbitr.UnavailableException when volumes are asked for and the engine does not answer
     * @throws io.orbitr.OrbitrException when the store cannot be snapshot or a file cannot be read; no archive is
     *     left behind
     */
    BackupInfo create(BackupOptions options);

    /**
     * Checks an archive without writing anything: every entry listed in the manifest, every size and SHA-256
     * matching, no entry that would land outside its target.
     *
     * @param archive the archive
     * @return its manifest
     * @throws DamagedBackupException naming what is wrong
     */
    BackupManifest verify(Path archive);

    /**
     * Restores an archive into a data directory (not the running platform's own): the whole archive is checked and
     * unpacked into a temporary directory beside the target first, and only then moved into place, so a damaged
     * archive changes nothing. With volumes in the archive, they are created again in the engine with their labels
     * and filled. An archive of a PostgreSQL store goes into the schema {@link RestoreOptions#store()} names, with
     * {@code pg_restore} in one transaction.
     *
     * @param options the archive, the target and what to do with a target that is not empty
     * @return what was restored
     * @throws DamagedBackupException when the archive is truncated, a checksum does not match, or an entry would land
     *     outside the target; nothing was written
     * @throws io.orbitr.ConflictException when the target is not empty and {@link RestoreOptions#force()} is off,
     *     when it is in use by a running platform, or when a volume exists and force is off; when the archive's store
     *     is of another kind than the target (H2, PostgreSQL) or names another schema; and when the PostgreSQL
     *     schema holds tables or servers' leases and force is off
     */
    RestoreResult restore(RestoreOptions options);

    /**
     * Lists the archives in the backup directory ({@link BackupSettings#directory()}), newest first.
     *
     * @param page which slice
     * @return the slice, with the number of archives
     */
    Page<BackupInfo> list(PageRequest page);

    /** @return the saved backup settings, or the defaults when none were saved */
    BackupSettings settings();

    /**
     * Saves new settings; a changed schedule takes effect at once.
     *
     * @param settings the settings
     * @throws io.orbitr.InvalidValueException when they hold a schedule but archives cannot hold the platform's store
     *     (neither the embedded H2 file nor PostgreSQL, for example a private in-memory database)
     */
    void updateSettings(BackupSettings settings);
}
