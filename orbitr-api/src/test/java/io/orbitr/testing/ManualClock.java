package io.orbitr.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock that moves only when a test moves it, so time-driven behaviour is tested without sleeping. */
public final class ManualClock extends Clock {
    private volatile Instant now;

    /** @param start the clock's first instant */
    public ManualClock(Instant start) {
        this.now = start;
    }

    /** @param instant the instant the clock now reads */
    public void set(Instant instant) {
        now = instant;
    }

    /** @param duration how far to move the clock forward */
    public void advance(Duration duration) {
        now = now.plus(duration);
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
