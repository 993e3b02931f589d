package io.orbitr.extension;

import io.orbitr.InvalidValueException;
import java.util.List;

/** A manifest, or an install's inputs, with problems: every one of them, each with its path. */
public class InvalidManifestException extends InvalidValueException {
    private static final long serialVersionUID = 1L;

    /** The problems; a list of records, serializable in practice. */
    private final transient List<ManifestProblem> problems;

    /**
     * @param source   what was read (a file name, an extension id)
     * @param problems the problems, at least one
     */
    public InvalidManifestException(String source, List<ManifestProblem> problems) {
        super("manifest", source, summary(problems));
        this.problems = List.copyOf(problems);
    }

    /** @return every problem found */
    public List<ManifestProblem> problems() {
        return problems;
    }

    private static String summary(List<ManifestProblem> problems) {
        StringBuilder text = new StringBuilder(problems.size() + (problems.size() == 1 ? " problem" : " problems"));
        for (ManifestProblem problem : problems) {
            text.append("\n  - ").append(problem);
        }
        return text.toString();
    }
}
