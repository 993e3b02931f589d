package io.orbitr.core.stream;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * What every shared stream of one hub uses: where subscribers are served, when reconnects happen, how big the
 * buffers are.
 *
 * @param delivery       runs the subscribers' delivery tasks
 * @param scheduler      runs delayed reconnects
 * @param clock          measures outages
 * @param backoff        the waits between reconnects
 * @param random         places each wait inside the backoff's jitter
 * @param replayLines    the ring size of a log stream
 * @param replaySamples  the ring size of a stats stream
 * @param queueCapacity  the default subscriber window
 * @param resumeTail     how many of the last lines a resumed read asks for before it falls back to a full scan
 * @param wakeInterval   the least time between two wake-ups of a stream's subscribers under load (0: every batch)
 * @param isolateAfter   how long one subscriber may hold its group's delivery task before it is moved to its own
 * @param rejoinAfter    how long an isolated subscriber must keep up before it rejoins a shared group
 * @param ticker         nanoseconds, for the wake interval and the delivery watchdog
 * @param ended          told when a shared stream ends, to forget it
 */
record HubContext(Executor delivery, ScheduledExecutorService scheduler, Clock clock, Backoff backoff,
        DoubleSupplier random, int replayLines, int replaySamples, int queueCapacity, int resumeTail,
        Duration wakeInterval, Duration isolateAfter, Duration rejoinAfter, LongSupplier ticker, Consumer<SharedStream<?>> ended) {
}
