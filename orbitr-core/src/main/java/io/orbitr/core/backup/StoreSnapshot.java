package io.orbitr.core.backup;

import io.orbitr.UnavailableException;
import io.orbitr.backup.BackupPart;
import io.orbitr.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Takes the store's snapshot with the database's own online backup: H2's {@code BACKUP TO}, which copies the
 * database file while the platform keeps reading and writing, and is transactionally consistent (H2's MVCC gives
 * it one committed state). The copy is restored by putting the file back: nothing to replay. Stores other than the
 * embedded H2 file (a host's own PostgreSQL) are backed up with that database's own tools.
 */
final class StoreSnapshot {
    private static final String H2_FILE_URL = "jdbc:h2:file:";
    private static final String DATABASE_SUFFIX = ".mv.db";

    private StoreSnapshot() {
    }

    /**
     * @param store a store
     * @return how the snapshot is written, for example {@code h2 2.3.232 BACKUP}
     * @throws UnavailableException when the store is not an embedded H2 file
     */
    static String format(Store store) {
        String[] facts = store.read(connection -> new String[] {connection.getMetaData().getURL(),
                connection.getMetaData().getDatabaseProductVersion()});
        if (!facts[0].startsWith(H2_FILE_URL)) {
            throw new UnavailableException("backups cover the embedded H2 store under the data directory; this platform"
                    + " keeps its data in " + store.description() + ": back that database up with its own tools"
                    + (facts[0].startsWith("jdbc:postgresql:") ? " (pg_dump --format=custom DATABASE > orbitr.dump;"
                            + " restore with pg_restore)" : "")
                    + ", and the data directory (secret.key, proxy files) with a file backup");
        }
        return "h2 " + facts[1].split(" ")[0] + " BACKUP";
    }

    /**
     * Writes the snapshot into the archive as {@code store/NAME.mv.db}.
     *
     * @param store     the store
     * @param scratch   a directory on the archive's file system for the database's own backup file (deleted after)
     * @param writer    the archive
     * @return the part written
     */
    static BackupPart write(Store store, Path scratch, ArchiveWriter writer) throws IOException {
        Path backup = scratch.resolve(".orbitr-store-" + java.util.UUID.randomUUID() + ".zip" + ArchiveWriter.TEMP_SUFFIX);
        try {
            String file = backup.toAbsolutePath().toString().replace("'", "''");
            store.read(connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("BACKUP TO '" + file + "'");
                }
                return null;
            });
            try (ZipFile zip = new ZipFile(backup.toFile())) {
                for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                    ZipEntry entry = entries.nextElement();
                    String name = Path.of(entry.getName()).getFileName().toString();
                    if (name.endsWith(DATABASE_SUFFIX)) {
                        try (InputStream in = zip.getInputStream(entry)) {
                            return writer.add(EntryNames.STORE_PREFIX + name, BackupPart.Kind.STORE, 0600,
                                    in::transferTo);
                        }
                    }
                }
            }
            throw new IOException("the database's backup " + backup + " holds no " + DATABASE_SUFFIX + " file");
        } finally {
            Files.deleteIfExists(backup);
        }
    }
}
