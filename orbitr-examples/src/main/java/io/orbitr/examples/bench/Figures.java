package io.orbitr.examples.bench;

import java.io.PrintStream;
import java.util.Locale;

/** Prints benchmark results in the one format every benchmark uses. */
public final class Figures {
    private final PrintStream out;

    /** @param out where to print */
    public Figures(PrintStream out) {
        this.out = out;
    }

    /**
     * Prints {@code figure NAME = VALUE}.
     *
     * @param name  what was measured, with its unit
     * @param value the measurement
     */
    public void figure(String name, double value) {
        out.println("figure " + name + " = " + format(value));
    }

    /**
     * Prints {@code ratio A/B NAME = VALUE}.
     *
     * @param ratio the two runs compared, as {@code a/b}
     * @param name  what was compared
     * @param value a divided by b
     */
    public void ratio(String ratio, String name, double value) {
        out.println("ratio " + ratio + " " + name + " = " + format(value));
    }

    private static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.valueOf((long) value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
