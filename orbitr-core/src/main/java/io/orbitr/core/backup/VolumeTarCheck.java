package io.orbitr.core.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Checks a volume's tar stream before it is unpacked into a volume: every name lies under the volume's root
 * directory, and no symbolic or hard link points outside it (an absolute link target counts as outside). The stream
 * must end properly: a cut one is refused.
 */
final class VolumeTarCheck {
    private VolumeTarCheck() {
    }

    /**
     * @param tar  the stream; read to its end, not closed
     * @param root the directory every entry must lie under, for example {@code orbitr-volume}
     * @return the first problem, or empty when the stream is safe
     * @throws IOException when the stream is not a whole tar stream
     */
    static Optional<String> check(InputStream tar, String root) throws IOException {
        TarArchiveInputStream in = new TarArchiveInputStream(tar);
        boolean any = false;
        TarArchiveEntry entry;
        while ((entry = in.getNextEntry()) != null) {
            any = true;
            String name = stripDot(entry.getName());
            Optional<String> problem = EntryNames.problem(name);
            if (problem.isPresent()) {
                return Optional.of("entry '" + entry.getName() + "' " + problem.get());
            }
            if (!(name.equals(root) || name.equals(root + "/") || name.startsWith(root + "/"))) {
                return Optional.of("entry '" + entry.getName() + "' is not under " + root + "/");
            }
            if (entry.isSymbolicLink() || entry.isLink()) {
                String target = entry.getLinkName();
                String base = entry.isSymbolicLink() ? parent(name) : "";
                if (target.startsWith("/") || !staysUnder(base, target, root)) {
                    return Optional.of("link '" + entry.getName() + "' points outside the volume (" + target + ")");
                }
            }
            in.transferTo(OutputStream.nullOutputStream());
        }
        if (!any) {
            return Optional.of("holds no entries");
        }
        // Reading to the end: a stream cut short fails above with an IOException.
        in.transferTo(OutputStream.nullOutputStream());
        return Optional.empty();
    }

    private static String stripDot(String name) {
        String out = name;
        while (out.startsWith("./")) {
            out = out.substring(2);
        }
        return out;
    }

    private static String parent(String name) {
        String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        int slash = trimmed.lastIndexOf('/');
        return slash < 0 ? "" : trimmed.substring(0, slash);
    }

    /** Resolves {@code target} from {@code base} segment by segment and checks it never leaves {@code root}. */
    private static boolean staysUnder(String base, String target, String root) {
        List<String> path = new ArrayList<>();
        for (String segment : (base + "/" + stripDot(target)).split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (path.isEmpty()) {
                    return false;
                }
                path.remove(path.size() - 1);
            } else {
                path.add(segment);
            }
            if (path.isEmpty() || !path.get(0).equals(root)) {
                return false;
            }
        }
        return !path.isEmpty() && path.get(0).equals(root);
    }
}
