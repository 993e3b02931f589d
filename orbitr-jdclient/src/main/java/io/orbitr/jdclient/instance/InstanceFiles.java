package io.orbitr.jdclient.instance;

import io.orbitr.OrbitrException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where an instance keeps its files: {@code DATA/jdclient/instances/ID/} holding {@code jdc-config.toml} (owner-only,
 * since it holds the secret key) and the supervisor's {@code jdc.log}.
 */
final class InstanceFiles {
    static final String CONFIG_FILE = "jdc-config.toml";
    static final String LOG_FILE = "jdc.log";
    private final Path instancesDir;

    InstanceFiles(Path dataDirectory) {
        this.instancesDir = dataDirectory.resolve("jdclient").resolve("instances");
    }

    Path directory(String id) {
        return instancesDir.resolve(id);
    }

    Path configFile(String id) {
        return directory(id).resolve(CONFIG_FILE);
    }

    Path logFile(String id) {
        return directory(id).resolve(LOG_FILE);
    }

    /** Writes the configuration through a temporary file and a rename, so jd-client never reads half a file. */
    Path writeConfig(String id, String toml) {
        Path dir = directory(id);
        Path target = configFile(id);
        try {
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, ".jdc-config", ".tmp");
            try {
                ownerOnly(temp);
                Files.writeString(temp, toml, StandardCharsets.UTF_8);
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
            return target;
        } catch (IOException e) {
            throw new OrbitrException("cannot write the jd-client configuration " + target + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the instance's directory and everything in it. */
    void delete(String id) {
        Path dir = directory(id);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new OrbitrException("cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): the directory's own permissions apply
        }
    }
}
