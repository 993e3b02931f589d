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
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Takes the store's snapshot with the database's own online backup. The embedded H2 file: H2's {@code BACKUP TO},
 * which copies the database file while the platform keeps reading and writing, and is transactionally consistent
 * (H2's MVCC gives it one committed state); it is restored by putting the file back. A PostgreSQL store: {@code
 * pg_dump --format=custom} of the store's schema, which reads in one repeatable-read transaction; it is restored with
 * {@code pg_restore} (see {@link PostgresqlTools}).
 */
final class StoreSnapshot {
    /** The store part of a PostgreSQL store. */
    static final String PGDUMP_ENTRY = EntryNames.STORE_PREFIX + "orbitr.pgdump";
    private static final String H2_FILE_URL = "jdbc:h2:file:";
    private static final String POSTGRESQL_URL = "jdbc:postgresql:";
    private static final String DATABASE_SUFFIX = ".mv.db";

    private StoreSnapshot() {
    }

    /**
     * @param store a store
     * @return how the snapshot is written, for example {@code h2 2.3.232 BACKUP} or {@code postgresql 15.18 pg_dump
     *     custom schema orbitr}
     * @throws UnavailableException when the store is neither an embedded H2 file nor PostgreSQL
     */
    static StoreFormat format(Store store) {
        String[] facts = store.read(connection -> new String[] {connection.getMetaData().getURL(),
                connection.getMetaData().getDatabaseProductVersion()});
        if (facts[0].startsWith(POSTGRESQL_URL)) {
            return StoreFormat.postgresql(facts[1].split(" ")[0], PostgresqlLogin.of(store, Optional.empty())
                    .schema());
        }
        if (!facts[0].startsWith(H2_FILE_URL)) {
            throw new UnavailableException("backups cover the embedded H2 store under the data directory and"
                    + " PostgreSQL stores; this platform keeps its data in " + store.description() + ": back that"
                    + " database up with its own tools, and the data directory (secret.key, proxy files) with a file"
                    + " backup");
        }
        return StoreFormat.h2(facts[1].split(" ")[0]);
    }

    /**
     * Checks, before anything is written, that the snapshot can be taken: for PostgreSQL, that {@code pg_dump} is
     * there.
     *
     * @throws UnavailableException naming what to install
     */
    static void requireTools(StoreFormat format, PostgresqlTools tools) {
        if (format.kind() == StoreFormat.Kind.POSTGRESQL) {
            tools.require("pg_dump");
        }
    }

    /**
     * Writes the snapshot into the archive: {@value #PGDUMP_ENTRY} for PostgreSQL, else {@code store/NAME.mv.db}.
     *
     * @param store    the store
     * @param format   its format, from {@link #format}
     * @param scratch  a directory on the archive's file system for H2's own backup file (deleted after)
     * @param writer   the archive
     * @param tools    PostgreSQL's tools
     * @param password the PostgreSQL store's password, when known
     * @return the part written
     */
    static BackupPart write(Store store, StoreFormat format, Path scratch, ArchiveWriter writer, PostgresqlTools tools,
            Optional<String> password) throws IOException {
        if (format.kind() == StoreFormat.Kind.POSTGRESQL) {
            PostgresqlLogin login = PostgresqlLogin.of(store, password);
            return writer.add(PGDUMP_ENTRY, BackupPart.Kind.STORE, 0600, out -> tools.dump(login, out));
        }
        return write(store, scratch, writer);
    }

    /**
     * Writes H2's snapshot into the archive as {@code store/NAME.mv.db}.
     *
     * @param store     the store
     * @param scratch   a directory on the archive's file system for the database's own backup file (deleted after)
     * @param writer    the archive
     * @return the part written
     */
    private static BackupPart write(Store store, Path scratch, ArchiveWriter writer) throws IOException {
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
