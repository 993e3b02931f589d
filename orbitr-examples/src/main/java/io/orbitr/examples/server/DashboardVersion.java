package io.orbitr.examples.server;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard files' version: a hash of their names and contents on the class path (a directory while developing,
 * a jar once packaged), so the same files always get the same path and changed files a new one.
 */
final class DashboardVersion {
    private static final Logger log = LoggerFactory.getLogger(DashboardVersion.class);

    private DashboardVersion() {
    }

    /**
     * @param directory the files' directory on the class path, for example {@code /io/orbitr/dashboard}
     * @return 12 hex digits; when the files cannot be listed, one drawn from the start time (always fresh, never
     *         stale: browsers then fetch the files once per server start)
     */
    static String of(String directory) {
        return of(DashboardVersion.class.getClassLoader(), directory.startsWith("/") ? directory.substring(1)
                : directory);
    }

    /** @param loader where to look @param directory the files' directory, without a leading slash @return as above */
    static String of(ClassLoader loader, String directory) {
        try {
            URL url = loader.getResource(directory);
            if (url == null) {
                throw new IOException(directory + " is not on the class path");
            }
            URI uri = url.toURI();
            if (uri.getScheme().equals("jar")) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return hash(jar.getPath("/" + directory));
                } catch (FileSystemAlreadyExistsException e) {
                    // someone else's open view of the jar: read it, leave it open
                    return hash(FileSystems.getFileSystem(uri).getPath("/" + directory));
                }
            }
            return hash(Path.of(uri));
        } catch (IOException | URISyntaxException | RuntimeException e) {
            log.warn("cannot hash the dashboard's files ({}); their version is the start time", e.toString());
            return Long.toHexString(System.currentTimeMillis());
        }
    }

    private static String hash(Path root) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            digest.update(root.relativize(file).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(Files.readAllBytes(file));
        }
        return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
    }
}
