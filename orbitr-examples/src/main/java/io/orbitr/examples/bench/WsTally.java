package io.orbitr.examples.bench;

import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * What one benchmark client received: lines, lines told LOST, and each batch's delay. A message is never parsed as
 * JSON: lines are counted by their {@code {"id":} opening, the delay is taken from the first (oldest) line of each
 * batch and counted for every line of the batch, and LOST events are read by their count. Thread-safe: a transport's
 * threads hand messages in, the summary reads the figures.
 */
final class WsTally {
    private static final String LINE = "{\"id\":";
    private static final String TS = "\"ts\":\"";

    private final String endMarker;
    private final long warmupMillis;
    private final CountDownLatch subscribed;
    private final CountDownLatch ended;
    private long lines;
    private long lost;
    private boolean acknowledged;
    private boolean endSeen;
    private long[] delays = new long[4096];
    private long[] weights = new long[4096];
    private int delayCount;
    /** The engine's timestamp of the first line received; 0 before it. */
    private long firstSent;
    /** The worst delay of a batch within the warm-up. */
    private long warmupWorst;

    /**
     * @param endMarker    the text of the writer's last line
     * @param warmupMillis how long after its first line the delays are not recorded (the clients' and the server's
     *                     code is still being compiled); their lines are still counted
     * @param subscribed   counted down once the subscription is acknowledged (the pong after it)
     * @param ended        counted down once the end marker is seen
     */
    WsTally(String endMarker, long warmupMillis, CountDownLatch subscribed, CountDownLatch ended) {
        this.endMarker = endMarker;
        this.warmupMillis = warmupMillis;
        this.subscribed = subscribed;
        this.ended = ended;
    }

    /**
     * @param message a whole text message; only its ASCII parts are read, so bytes taken as ISO-8859-1 will do
     * @param now     when it arrived, in epoch milliseconds
     */
    synchronized void message(String message, long now) {
        if (message.startsWith("{\"type\":\"logs\"")) {
            int count = 0;
            int first = message.indexOf(LINE);
            int last = first;
            for (int i = first; i >= 0; i = message.indexOf(LINE, i + LINE.length())) {
                count++;
                last = i;
            }
            if (count == 0) {
                return;
            }
            // The end marker is written last, so only a batch's last line can be it.
            if (message.indexOf(endMarker, last) >= 0) {
                count--;
                if (!endSeen) {
                    endSeen = true;
                    ended.countDown();
                }
            }
            lines += count;
            int ts = message.indexOf(TS, first);
            if (ts >= 0 && count > 0) {
                int start = ts + TS.length();
                long sent = Instant.parse(message.substring(start, message.indexOf('"', start))).toEpochMilli();
                if (firstSent == 0) {
                    firstSent = sent;
                }
                if (sent - firstSent >= warmupMillis) {
                    record(now - sent, count);
                } else {
                    warmupWorst = Math.max(warmupWorst, now - sent);
                }
            }
        } else if (message.contains("\"event\":\"LOST\"")) {
            lost += number(message, "\"count\":");
        } else if (message.startsWith("{\"type\":\"pong\"") && !acknowledged) {
            acknowledged = true;
            subscribed.countDown();
        } else if (message.startsWith("{\"type\":\"error\"")) {
            System.err.println("server error: " + message);
        }
    }

    /** @return whether the end marker was seen */
    synchronized boolean endSeen() {
        return endSeen;
    }

    /** @return the worst delay of a batch within the warm-up, in milliseconds */
    synchronized long warmupWorst() {
        return warmupWorst;
    }

    synchronized long lines() {
        return lines;
    }

    synchronized long lost() {
        return lost;
    }

    /** @return each batch's delay in milliseconds, one per batch */
    synchronized long[] delays() {
        return Arrays.copyOf(delays, delayCount);
    }

    /** @return each batch's line count, matching {@link #delays()} */
    synchronized long[] weights() {
        return Arrays.copyOf(weights, delayCount);
    }

    private void record(long delay, long weight) {
        if (delayCount == delays.length) {
            delays = Arrays.copyOf(delays, delays.length * 2);
            weights = Arrays.copyOf(weights, weights.length * 2);
        }
        delays[delayCount] = delay;
        weights[delayCount] = weight;
        delayCount++;
    }

    private static long number(String message, String key) {
        int at = message.indexOf(key);
        if (at < 0) {
            return 0;
        }
        int start = at + key.length();
        int end = start;
        while (end < message.length() && Character.isDigit(message.charAt(end))) {
            end++;
        }
        return end > start ? Long.parseLong(message.substring(start, end)) : 0;
    }
}
