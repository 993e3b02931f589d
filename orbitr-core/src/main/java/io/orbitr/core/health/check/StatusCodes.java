package io.orbitr.core.health.check;

import io.orbitr.InvalidValueException;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP status codes a check accepts, written as a list of codes and ranges: {@code 200-299,301}. Immutable.
 */
final class StatusCodes {
    /** What Uptime Kuma accepts by default: every success and every redirect. */
    static final String DEFAULT = "200-399";

    private final int[] low;
    private final int[] high;
    private final String text;

    private StatusCodes(int[] low, int[] high, String text) {
        this.low = low;
        this.high = high;
        this.text = text;
    }

    /**
     * @param field the option's name, for errors
     * @param parts codes and ranges, each {@code NNN} or {@code NNN-NNN}
     * @return the accepted codes
     * @throws InvalidValueException naming the field and the bad part
     */
    static StatusCodes parse(String field, List<String> parts) {
        if (parts.isEmpty()) {
            throw new InvalidValueException(field, "", "must list codes or ranges such as 200-299,301");
        }
        List<int[]> ranges = new ArrayList<>();
        for (String part : parts) {
            String[] bounds = part.trim().split("-", -1);
            if (bounds.length > 2) {
                throw new InvalidValueException(field, part, "must be a code (301) or a range (200-299)");
            }
            int from = code(field, part, bounds[0]);
            int to = bounds.length == 2 ? code(field, part, bounds[1]) : from;
            if (from > to) {
                throw new InvalidValueException(field, part, "a range must run from the lower code to the higher");
            }
            ranges.add(new int[] {from, to});
        }
        int[] low = ranges.stream().mapToInt(r -> r[0]).toArray();
        int[] high = ranges.stream().mapToInt(r -> r[1]).toArray();
        return new StatusCodes(low, high, String.join(",", parts.stream().map(String::trim).toList()));
    }

    private static int code(String field, String part, String digits) {
        try {
            int code = Integer.parseInt(digits.trim());
            if (code >= 100 && code <= 599) {
                return code;
            }
        } catch (NumberFormatException e) {
            // reported below with the rule
        }
        throw new InvalidValueException(field, part, "status codes are numbers from 100 to 599");
    }

    /**
     * @param code a response's status code
     * @return whether it is accepted
     */
    boolean accepts(int code) {
        for (int i = 0; i < low.length; i++) {
            if (code >= low[i] && code <= high[i]) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }
}
