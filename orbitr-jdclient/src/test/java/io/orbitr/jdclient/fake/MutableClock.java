package io.orbitr.jdclient.fake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move by hand. Thread-safe. */
public final class MutableClock extends Clock {
    private volatile Instant now;

    /** @param start the initial time */
    public MutableClock(Instant start) {
        this.now = start;
    }

    /** @param step how far to move */
    public void advance(Duration step) {
        now = now.plus(step);
    }

    /** @param time the new time */
    public void set(Instant time) {
        now = time;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
