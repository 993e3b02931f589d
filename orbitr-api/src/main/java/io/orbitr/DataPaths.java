package io.orbitr;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The one rule for paths a user sets (the proxy's output directory, log files of processes and jd-client instances,
 * backup targets): a relative path lives under the platform's data directory and may not climb out of it, so
 * {@code ..} anywhere in a relative path is refused; an absolute path is taken as given, on purpose (the user chose
 * that place). The check is on the path's text: a symbolic link the owner placed inside the data directory is
 * followed like any other directory.
 *
 * <pre>{@code
 * Path file = DataPaths.resolve(dataDirectory, "outputDirectory", Path.of("proxy"));  // DATA/proxy
 * DataPaths.resolve(dataDirectory, "outputDirectory", Path.of("../outside"));          // InvalidValueException
 * }</pre>
 */
public final class DataPaths {

    private DataPaths() {
    }

    /**
     * Checks a path against the rule without resolving it, for values that are validated before the data
     * directory is known (settings records, process specs).
     *
     * @param field the name of the field the path came from, used in the error
     * @param path  the path as the user gave it
     * @return the path, unchanged
     * @throws InvalidValueException naming {@code field} and the path when it is empty, holds a NUL character, or
     *     is relative and contains {@code ..}
     */
    public static Path check(String field, Path path) {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(path, "path");
        String text = path.toString();
        if (text.isEmpty() || text.indexOf('\0') >= 0) {
            throw new InvalidValueException(field, path, "must be a path");
        }
        if (!path.isAbsolute()) {
            for (Path part : path) {
                if (part.toString().equals("..")) {
                    throw new InvalidValueException(field, path, "must stay inside the data directory: a relative"
                            + " path may not contain '..'; give an absolute path to write elsewhere on purpose");
                }
            }
        }
        return path;
    }

    /**
     * Like {@link #check(String, Path)} for a path given as text.
     *
     * @param field the name of the field the path came from
     * @param path  the path as the user typed it
     * @return the parsed path
     * @throws InvalidValueException naming {@code field} when the text is not a path or breaks the rule
     */
    public static Path check(String field, String path) {
        Objects.requireNonNull(path, "path");
        try {
            return check(field, Path.of(path));
        } catch (InvalidPathException e) {
            throw new InvalidValueException(field, path, "is not a path: " + e.getReason());
        }
    }

    /**
     * Resolves a path a user set: a relative path under the data directory, an absolute one as given.
     *
     * @param dataDirectory the platform's data directory
     * @param field         the name of the field the path came from, used in the error
     * @param path          the path as the user gave it
     * @return the absolute, normalised path
     * @throws InvalidValueException naming {@code field} and the path when it breaks the rule
     */
    public static Path resolve(Path dataDirectory, String field, Path path) {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        check(field, path);
        if (path.isAbsolute()) {
            return path.normalize();
        }
        Path home = dataDirectory.toAbsolutePath().normalize();
        Path resolved = home.resolve(path).normalize();
        if (!resolved.startsWith(home)) {
            // Unreachable after check(), kept as the rule's last line of defence.
            throw new InvalidValueException(field, path, "must stay inside the data directory " + home);
        }
        return resolved;
    }

    /**
     * Like {@link #resolve(Path, String, Path)} for a path given as text.
     *
     * @param dataDirectory the platform's data directory
     * @param field         the name of the field the path came from
     * @param path          the path as the user typed it
     * @return the absolute, normalised path
     */
    public static Path resolve(Path dataDirectory, String field, String path) {
        return resolve(dataDirectory, field, check(field, path));
    }
}
