package io.orbitr.core.health.check;

import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.EngineInfo;
import io.orbitr.engine.EngineStreams;
import io.orbitr.engine.ExecResult;
import io.orbitr.stream.LogLine;
import io.orbitr.stream.StatsSample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the container engine another module implements in parallel: answers a test sets, calls recorded.
 */
public final class FakeEngine implements ContainerEngine {
    public final List<String> calls = new CopyOnWriteArrayList<>();
    public volatile ExecResult exec = new ExecResult(0, "", false);
    public volatile List<LogLine> logs = List.of();
    public volatile long pids = 1;
    public volatile long memory = 0;

    @Override
    public void ping() {
    }

    @Override
    public EngineInfo info() {
        throw new UnsupportedOperationException();
    }

    @Override
    public ExecResult exec(String container, List<String> command, Duration timeout, int maxOutputBytes) {
        calls.add("exec " + container + " " + command + " " + timeout.toMillis() + " " + maxOutputBytes);
        return exec;
    }

    @Override
    public void restart(String container, Duration timeout) {
        calls.add("restart " + container);
    }

    @Override
    public List<LogLine> recentLogs(String container, int lines) {
        calls.add("logs " + container + " " + lines);
        return logs.subList(Math.max(0, logs.size() - lines), logs.size());
    }

    @Override
    public StatsSample stats(String container) {
        calls.add("stats " + container);
        return new StatsSample(Instant.EPOCH, 0, memory, 1L << 30, 0, 0, 0, 0, 0, pids);
    }

    @Override
    public EngineStreams streams() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
    }
}
