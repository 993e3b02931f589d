package io.orbitr.jdclient.instance;

import io.orbitr.OrbitrException;
import io.orbitr.core.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where an instance keeps its files: {@code DATA/jdclient/instances/ID/} holding {@code jdc-config.toml} (owner-only,
 * since it holds the secret key) and the supervisor's {@code jdc.log}.
 */
final class InstanceFiles {
    static final String CONFIG_FILE = "jdc-config.toml";
    static final String LOG_FILE = "jdc.log";
    private static final String LEGACY_TEMP_GLOB = ".jdc-config*.tmp";
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);
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
        Path target = configFile(id);
        byte[] bytes = toml.getBytes(StandardCharsets.UTF_8);
        try {
            // Owner-only from the first byte: the file holds the secret key.
            AtomicFiles.replace(target, OWNER_ONLY, out -> {
                out.write(bytes);
                return null;
            });
            return target;
        } catch (OrbitrException e) {
            throw new OrbitrException("cannot write the jd-client configuration " + target + ": " + e.getMessage(), e);
        }
    }

    /** @return the ids of the instance directories present, whether or not the store knows them */
    List<String> presentIds() {
        List<String> ids = new ArrayList<>();
        if (!Files.isDirectory(instancesDir)) {
            return ids;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(instancesDir, Files::isDirectory)) {
            entries.forEach(entry -> ids.add(entry.getFileName().toString()));
        } catch (IOException e) {
            throw new OrbitrException("cannot list " + instancesDir + ": " + e.getMessage(), e);
        }
        return ids;
    }

    /**
     * Brings an instance's configuration file in line with its saved configuration: deletes the temporary files of
     * an interrupted write, and rewrites a file whose text differs. An instance that never started has no file, and
     * gets none here.
     *
     * @return the files deleted or rewritten
     */
    List<Path> reconcile(String id, String toml) {
        List<Path> touched = new ArrayList<>();
        Path dir = directory(id);
        if (!Files.isDirectory(dir)) {
            return touched;
        }
        try {
            // Both kinds: those of AtomicFiles, and those 0.1 wrote under its own prefix.
            touched.addAll(new AtomicFiles().removeTemporaries(configFile(id)));
            try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, LEGACY_TEMP_GLOB)) {
                for (Path leftover : leftovers) {
                    Files.deleteIfExists(leftover);
                    touched.add(leftover);
                }
            }
            Path config = configFile(id);
            if (Files.exists(config) && !Files.readString(config, StandardCharsets.UTF_8).equals(toml)) {
                writeConfig(id, toml);
                touched.add(config);
            }
        } catch (IOException e) {
            throw new OrbitrException("cannot check the files of instance " + id + " in " + dir + ": "
                    + e.getMessage(), e);
        }
        return touched;
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
}
