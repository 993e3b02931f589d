package io.orbitr.core.extension;

/** Orders dotted versions ({@code 0.1.0-SNAPSHOT} counts as {@code 0.1.0}); a version that is not dotted sorts last. */
final class VersionOrder {
    private VersionOrder() {
    }

    static int compare(String a, String b) {
        String[] left = core(a).split("\\.");
        String[] right = core(b).split("\\.");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            int x = i < left.length ? number(left[i]) : 0;
            int y = i < right.length ? number(right[i]) : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }

    private static String core(String version) {
        int dash = version.indexOf('-');
        return dash < 0 ? version : version.substring(0, dash);
    }

    private static int number(String part) {
        try {
            return Integer.parseInt(part);
        } catch (NumberFormatException e) {
            // An unknown version ("unknown" when built outside Maven) must not block installs.
            return Integer.MAX_VALUE;
        }
    }
}
