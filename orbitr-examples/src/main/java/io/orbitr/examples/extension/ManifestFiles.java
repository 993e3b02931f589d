package io.orbitr.examples.extension;

import io.orbitr.InvalidValueException;
import io.orbitr.OrbitrException;
import io.orbitr.extension.InvalidManifestException;
import io.orbitr.extension.ManifestProblem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the ext commands share: reading a manifest file, printing problems, parsing {@code --set}. */
final class ManifestFiles {
    /** The exit code for a manifest (or inputs) with problems. */
    static final int INVALID = 2;

    private ManifestFiles() {
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new OrbitrException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static int printProblems(PrintWriter out, String source, List<ManifestProblem> problems) {
        out.println("invalid: " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in " + source
                + ":");
        for (ManifestProblem problem : problems) {
            out.println("  - " + problem);
        }
        out.flush();
        return INVALID;
    }

    static int printProblems(PrintWriter out, String source, InvalidManifestException e) {
        return printProblems(out, source, e.problems());
    }

    static Map<String, String> settings(List<String> sets) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String set : sets) {
            int eq = set.indexOf('=');
            if (eq <= 0) {
                throw new InvalidValueException("--set", set, "must be NAME=VALUE");
            }
            values.put(set.substring(0, eq), set.substring(eq + 1));
        }
        return values;
    }
}
