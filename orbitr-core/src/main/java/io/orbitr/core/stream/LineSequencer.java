package io.orbitr.core.stream;

import io.orbitr.stream.LogLine;
import io.orbitr.stream.LogStream;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which lines of a reopened log are new. A resumed read starts a little before the last line delivered
 * (sources timestamp stdout and stderr independently, so their order can differ slightly from the timestamps'), so
 * it brings lines already delivered again. Within one stream the timestamps never go back, so per stream a line is
 * new when it is later than the last one delivered; lines with exactly that timestamp are counted, because a coarse
 * clock can give several lines one timestamp. Not thread-safe: used under its stream's lock.
 */
final class LineSequencer {
    /** How far before the last delivered line a resumed read starts. */
    static final Duration OVERLAP = Duration.ofSeconds(1);

    private final Map<LogStream, Mark> marks = new EnumMap<>(LogStream.class);
    private final Map<LogStream, Replay> replays = new EnumMap<>(LogStream.class);

    /**
     * @param line a line just read
     * @return whether it is new (and is now counted as delivered)
     */
    boolean admit(LogLine line) {
        Replay replay = replays.get(line.stream());
        Mark mark = marks.get(line.stream());
        if (replay != null) {
            int order = line.timestamp().compareTo(mark.timestamp);
            if (order < 0) {
                return false;
            }
            if (order == 0 && replay.skipped < mark.count) {
                replay.skipped++;
                return false;
            }
            replays.remove(line.stream());
        }
        if (mark == null) {
            marks.put(line.stream(), new Mark(line.timestamp()));
        } else if (mark.timestamp.equals(line.timestamp())) {
            mark.count++;
        } else {
            mark.timestamp = line.timestamp();
            mark.count = 1;
        }
        return true;
    }

    /** The stream is being reopened: what comes first may have been delivered before. */
    void beginResume() {
        replays.clear();
        for (LogStream stream : marks.keySet()) {
            replays.put(stream, new Replay());
        }
    }

    /** @return whether any line was delivered */
    boolean seenAny() {
        return !marks.isEmpty();
    }

    /** @return where a resumed read starts: a little before the latest line delivered, if any was */
    Optional<Instant> resumeSince() {
        return marks.values().stream().map(mark -> mark.timestamp).max(Instant::compareTo)
                .map(latest -> latest.minus(OVERLAP));
    }

    /** The latest timestamp delivered on one stream, and how many lines had it. */
    private static final class Mark {
        Instant timestamp;
        int count = 1;

        Mark(Instant timestamp) {
            this.timestamp = timestamp;
        }
    }

    /** How many lines with the latest timestamp a resumed read has brought again so far. */
    private static final class Replay {
        int skipped;
    }
}
