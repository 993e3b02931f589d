package io.orbitr.core.backup;

import io.orbitr.OrbitrException;
import io.orbitr.backup.Backups;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which files of the data directory go into an archive: every regular file, except
 * <ul>
 * <li>the live database ({@code orbitr.mv.db} and H2's other files at the top: it is taken by its own online backup),
 * <li>{@value Backups#SECRET_KEY_FILE}, anywhere (secrets stay encrypted in the archive, the key stays out),
 * <li>log files ({@code *.log} and their rotations {@code *.log.N}) and hidden temporary files ({@code .*.tmp},
 *     {@code *.part}),
 * <li>the backup directory and the archive being written,
 * <li>what the platform's {@link io.orbitr.backup.BackupParticipant}s name (the jd-client binaries).
 * </ul>
 * Symbolic links are not followed and not copied (logged).
 */
final class DataFiles {
    private static final Logger log = LoggerFactory.getLogger(DataFiles.class);
    private static final Pattern LOG_FILE = Pattern.compile(".*\\.log(\\.\\d+)?");
    private static final Pattern DATABASE_FILE = Pattern.compile("orbitr\\..*\\.db|orbitr\\.mv\\.db.*|.*\\.tempFile");

    private DataFiles() {
    }

    /**
     * @param dataDirectory the data directory, absolute and normalized
     * @param excluded      absolute paths left out with everything under them
     * @return the files to copy, as absolute paths, in a stable order
     */
    static List<Path> list(Path dataDirectory, Collection<Path> excluded) {
        Set<Path> skip = Set.copyOf(excluded);
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(dataDirectory)) {
            return files;
        }
        try {
            Files.walkFileTree(dataDirectory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return skip.contains(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isSymbolicLink()) {
                        log.warn("backup: {} is a symbolic link; links are not copied", file);
                    } else if (attrs.isRegularFile() && !skip.contains(file)
                            && included(dataDirectory.relativize(file))) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (Files.notExists(file, LinkOption.NOFOLLOW_LINKS)) {
                        return FileVisitResult.CONTINUE; // deleted while we walked: nothing to copy
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new OrbitrException("cannot list the files of " + dataDirectory + " for the backup: " + e, e);
        }
        files.sort(null);
        return files;
    }

    /**
     * @param relative a file's path relative to the data directory
     * @return whether a file at that path goes into archives by the fixed rules
     */
    static boolean included(Path relative) {
        String name = relative.getFileName().toString();
        if (name.equals(Backups.SECRET_KEY_FILE) || LOG_FILE.matcher(name).matches()) {
            return false;
        }
        if (name.endsWith(ArchiveWriter.TEMP_SUFFIX) || (name.startsWith(".") && name.endsWith(".tmp"))) {
            return false;
        }
        return relative.getNameCount() > 1 || !DATABASE_FILE.matcher(name).matches();
    }

    /**
     * @param relative a path relative to the data directory
     * @return its entry name, with {@code /} separators
     */
    static String entryName(Path relative) {
        List<String> names = new ArrayList<>();
        relative.forEach(name -> names.add(name.toString()));
        return EntryNames.FILES_PREFIX + String.join("/", names);
    }
}
