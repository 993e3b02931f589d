package io.orbitr.docker.stream;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * Reads the timestamps the engine puts before each log entry ({@code 2026-11-22T14:46:50.339853976Z}, RFC 3339 with
 * nanoseconds, in UTC). A log read can carry hundreds of thousands of them a second, so the usual form is parsed by
 * hand; anything else falls back to the JDK's parser.
 */
final class EngineTimestamps {
    /** The length of the usual form: {@code yyyy-MM-ddTHH:mm:ss.nnnnnnnnnZ}. */
    static final int FIXED_LENGTH = 30;
    /** The length of its part up to the second: {@code yyyy-MM-ddTHH:mm:ss}. */
    private static final int SECOND_LENGTH = 19;

    private static volatile CachedDay cachedDay = new CachedDay(0, 0, 0, 0);

    private EngineTimestamps() {
    }

    /**
     * @param bytes  the buffer
     * @param offset where the timestamp starts
     * @param length its length (without the space after it)
     * @return the instant, or null when these bytes are not a timestamp
     */
    static Instant parse(byte[] bytes, int offset, int length) {
        if (length == FIXED_LENGTH && looksFixed(bytes, offset)) {
            int year = digits(bytes, offset, 4);
            int month = digits(bytes, offset + 5, 2);
            int day = digits(bytes, offset + 8, 2);
            int hour = digits(bytes, offset + 11, 2);
            int minute = digits(bytes, offset + 14, 2);
            int second = digits(bytes, offset + 17, 2);
            int nanos = digits(bytes, offset + 20, 9);
            if (hour < 24 && minute < 60 && second < 60) {
                try {
                    long epochDay = epochDay(year, month, day);
                    return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
                } catch (DateTimeException e) {
                    return null;
                }
            }
        }
        return parseSlowly(bytes, offset, length);
    }

    /**
     * Like {@link #parse(byte[], int, int)}, for a reader whose entries mostly share their second with the one before:
     * then only the nine digits of nanoseconds are read, the rest compared with the last second's bytes.
     *
     * @param bytes  the buffer
     * @param offset where the timestamp starts
     * @param length its length (without the space after it)
     * @param last   the reader's last second, updated here
     * @return the instant, or null when these bytes are not a timestamp
     */
    static Instant parse(byte[] bytes, int offset, int length, LastSecond last) {
        if (length == FIXED_LENGTH && last.known && bytes[offset + 19] == '.' && bytes[offset + 29] == 'Z'
                && Arrays.equals(bytes, offset, offset + SECOND_LENGTH, last.bytes, 0, SECOND_LENGTH)
                && allDigits(bytes, offset + 20, 9)) {
            return Instant.ofEpochSecond(last.epochSecond, digits(bytes, offset + 20, 9));
        }
        Instant parsed = parse(bytes, offset, length);
        if (parsed != null && length == FIXED_LENGTH && looksFixed(bytes, offset)) {
            System.arraycopy(bytes, offset, last.bytes, 0, SECOND_LENGTH);
            last.epochSecond = parsed.getEpochSecond();
            last.known = true;
        }
        return parsed;
    }

    /**
     * @param bytes  the buffer
     * @param offset where a timestamp may start
     * @param limit  the end of the valid bytes
     * @return whether the bytes there are a timestamp of the usual form followed by a space
     */
    static boolean startsWithFixed(byte[] bytes, int offset, int limit) {
        return limit - offset > FIXED_LENGTH && bytes[offset + FIXED_LENGTH] == ' ' && looksFixed(bytes, offset);
    }

    /**
     * @param instant an instant
     * @return it as the engine's API takes it in {@code since} and {@code until}: seconds, a dot, nanoseconds
     */
    static String toQueryValue(Instant instant) {
        // The engine reads 0 and below as "no bound": an instant before 1970 means the same.
        Instant bounded = instant.isBefore(Instant.EPOCH) ? Instant.EPOCH : instant;
        return bounded.getEpochSecond() + "." + String.format("%09d", bounded.getNano());
    }

    private static boolean looksFixed(byte[] b, int o) {
        return b[o + 4] == '-' && b[o + 7] == '-' && b[o + 10] == 'T' && b[o + 13] == ':' && b[o + 16] == ':'
                && b[o + 19] == '.' && b[o + 29] == 'Z' && allDigits(b, o, 4) && allDigits(b, o + 5, 2)
                && allDigits(b, o + 8, 2) && allDigits(b, o + 11, 2) && allDigits(b, o + 14, 2)
                && allDigits(b, o + 17, 2) && allDigits(b, o + 20, 9);
    }

    private static boolean allDigits(byte[] bytes, int offset, int count) {
        for (int i = offset; i < offset + count; i++) {
            if (bytes[i] < '0' || bytes[i] > '9') {
                return false;
            }
        }
        return true;
    }

    private static int digits(byte[] bytes, int offset, int count) {
        int value = 0;
        for (int i = offset; i < offset + count; i++) {
            value = value * 10 + (bytes[i] - '0');
        }
        return value;
    }

    /** Lines of one read share a day nearly always: the day's number is computed once. */
    private static long epochDay(int year, int month, int day) {
        CachedDay cached = cachedDay;
        if (cached.year == year && cached.month == month && cached.day == day) {
            return cached.epochDay;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        cachedDay = new CachedDay(year, month, day, epochDay);
        return epochDay;
    }

    private static Instant parseSlowly(byte[] bytes, int offset, int length) {
        if (length < 20 || length > 40) {
            return null;
        }
        try {
            return OffsetDateTime.parse(new String(bytes, offset, length, StandardCharsets.US_ASCII))
                    .toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The second ({@code yyyy-MM-ddTHH:mm:ss}) of the last timestamp one reader parsed. Not thread-safe. */
    static final class LastSecond {
        private final byte[] bytes = new byte[SECOND_LENGTH];
        private long epochSecond;
        private boolean known;
    }

    private record CachedDay(int year, int month, int day, long epochDay) {
    }
}
