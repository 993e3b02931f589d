package io.orbitr.jdclient.update;

import io.orbitr.InvalidValueException;
import io.orbitr.OrbitrException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Takes the one file the updater needs out of a release archive. Every entry is inspected first-to-last: an
 * archive with any entry that would land outside its directory (an absolute path, {@code ..}, a link pointing
 * out) is refused as a whole, because it was built by something other than the release workflow.
 */
final class ArchiveExtractor {
    /** Where sv2-apps puts the binary, without the {@code ./} some tar tools prefix. */
    static final String BINARY_ENTRY = "jd-client/jd_client_sv2";
    private static final List<Byte> REGULAR_FILE = List.of(TarConstants.LF_NORMAL, TarConstants.LF_OLDNORM,
            TarConstants.LF_CONTIG);

    private ArchiveExtractor() {
    }

    /**
     * Writes the binary entry of {@code archive} to {@code destination}.
     *
     * @param archive     the downloaded .tar.gz
     * @param archiveName the asset name, for messages
     * @param destination the file to write (created or truncated)
     * @param maxBytes    the largest binary accepted
     * @throws InvalidValueException when an entry escapes, the binary is missing, repeated, not a regular file or
     *     too large
     */
    static void extractBinary(Path archive, String archiveName, Path destination, long maxBytes) {
        String field = "entry of " + archiveName;
        boolean found = false;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(
                new BufferedInputStream(Files.newInputStream(archive))))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                String name = normalize(field, entry.getName(), entry.getName());
                if (entry.isSymbolicLink()) {
                    requireInside(field, entry, parentOf(name) + entry.getLinkName());
                } else if (entry.isLink()) {
                    // A tar hard link names another entry of the archive, relative to its root.
                    requireInside(field, entry, entry.getLinkName());
                }
                if (!name.equals(BINARY_ENTRY)) {
                    continue;
                }
                if (found) {
                    throw new InvalidValueException(field, entry.getName(), "appears twice; which one is the binary"
                            + " is ambiguous, so the archive is refused");
                }
                if (!REGULAR_FILE.contains(entry.getLinkFlag())) {
                    throw new InvalidValueException(field, entry.getName(), "is not a regular file (tar type '"
                            + (char) entry.getLinkFlag() + "'); the binary must be a plain file");
                }
                copy(tar, destination, maxBytes, field, entry.getName());
                found = true;
            }
        } catch (IOException e) {
            throw new OrbitrException(archiveName + " is not a readable .tar.gz archive: " + e.getMessage(), e);
        }
        if (!found) {
            throw new InvalidValueException("content of " + archiveName, "no " + BINARY_ENTRY, "must contain "
                    + BINARY_ENTRY + " as sv2-apps releases do");
        }
    }

    private static void copy(InputStream in, Path destination, long maxBytes, String field, String entryName)
            throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(destination)) {
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                written += n;
                if (written > maxBytes) {
                    throw new InvalidValueException(field, entryName, "is larger than " + maxBytes + " bytes"
                            + " (UpdateSettings.maxBinaryBytes)");
                }
                out.write(buffer, 0, n);
            }
        }
    }

    private static void requireInside(String field, TarArchiveEntry entry, String linkPath) {
        String link = entry.getLinkName();
        if (link.startsWith("/") || hasDrive(link)) {
            throw escape(field, entry.getName() + " -> " + link);
        }
        normalize(field, linkPath, entry.getName() + " -> " + link);
    }

    /**
     * @return the path with {@code .} and empty segments dropped and {@code ..} applied
     * @throws InvalidValueException when the path is absolute or climbs above the archive's root
     */
    static String normalize(String field, String path, String shown) {
        if (path.startsWith("/") || hasDrive(path)) {
            throw escape(field, shown);
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : path.replace('\\', '/').split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    throw escape(field, shown);
                }
                segments.removeLast();
            } else {
                segments.addLast(segment);
            }
        }
        return String.join("/", segments);
    }

    private static String parentOf(String normalizedName) {
        int slash = normalizedName.lastIndexOf('/');
        return slash < 0 ? "" : normalizedName.substring(0, slash + 1);
    }

    private static boolean hasDrive(String path) {
        return path.length() >= 2 && path.charAt(1) == ':' && Character.isLetter(path.charAt(0));
    }

    private static InvalidValueException escape(String field, String shown) {
        return new InvalidValueException(field, shown, "escapes the extraction directory; the archive is refused"
                + " (it was not built by the sv2-apps release workflow)");
    }
}
