package io.orbitr.core.extension;

import io.orbitr.extension.ManifestProblem;
import java.util.ArrayList;
import java.util.List;

/** Collects problems with their paths, so that one pass reports all of them. Not thread-safe. */
final class Problems {
    private final List<ManifestProblem> list = new ArrayList<>();

    void add(String path, String message) {
        list.add(new ManifestProblem(path, message));
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    List<ManifestProblem> list() {
        return List.copyOf(list);
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String index(String path, int index) {
        return path + "[" + index + "]";
    }
}
