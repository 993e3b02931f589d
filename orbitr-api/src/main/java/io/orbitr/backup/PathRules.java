package io.orbitr.backup;

import io.orbitr.InvalidValueException;
import java.nio.file.Path;
import java.util.Objects;

/** The rule for paths a user sets: a relative one may not climb out of where it is taken from. */
final class PathRules {
    private PathRules() {
    }

    static Path requireStaysHome(String field, Path path) {
        Objects.requireNonNull(path, field);
        if (path.toString().isEmpty() || path.toString().indexOf('\0') >= 0) {
            throw new InvalidValueException(field, path, "must be a path");
        }
        if (!path.isAbsolute()) {
            for (Path name : path) {
                if (name.toString().equals("..")) {
                    throw new InvalidValueException(field, path, "a relative path may not climb out of the data"
                            + " directory with '..'; give an absolute path to write elsewhere");
                }
            }
        }
        return path;
    }
}
