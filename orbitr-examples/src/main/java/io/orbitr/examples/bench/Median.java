package io.orbitr.examples.bench;

import java.util.List;

/** The median of a benchmark's rounds: the middle value, or the mean of the two middle ones. */
final class Median {
    private Median() {
    }

    /**
     * @param values at least one value
     * @return their median
     */
    static double of(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
