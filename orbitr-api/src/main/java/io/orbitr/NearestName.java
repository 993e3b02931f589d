package io.orbitr;

import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the known name nearest to a misspelt one, for messages such as
 * {@code unknown http option 'expected_status'; did you mean 'expected-status'?}. Distance is the optimal string
 * alignment (Damerau-Levenshtein) distance, ignoring case, so a swapped pair of letters ({@code prot}) counts once.
 */
public final class NearestName {

    private NearestName() {
    }

    /**
     * @param given the name as written
     * @param known the names that exist
     * @return the nearest known name when it is close enough to be a likely typo (at most a third of the longer
     *     name's letters differ, and never more than three), else empty; ties go to the first in {@code known}
     */
    public static Optional<String> of(String given, Collection<String> known) {
        Objects.requireNonNull(given, "given");
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(given.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            int allowed = Math.min(3, Math.max(1, Math.max(given.length(), candidate.length()) / 3));
            if (distance <= allowed && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * @param a one name
     * @param b another
     * @return the number of insertions, deletions, substitutions and swaps of neighbouring letters between them
     */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
