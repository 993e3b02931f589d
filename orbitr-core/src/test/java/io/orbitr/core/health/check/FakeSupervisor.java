package io.orbitr.core.health.check;

import io.orbitr.process.ProcessSpec;
import io.orbitr.process.ProcessState;
import io.orbitr.process.ProcessStatus;
import io.orbitr.process.ProcessSupervisor;
import io.orbitr.stream.LogLine;
import io.orbitr.stream.StreamSubscriber;
import io.orbitr.stream.Subscription;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the process supervisor another module implements: statuses and log lines a test sets, pointing at
 * real processes where the test needs them; restarts are recorded.
 */
public final class FakeSupervisor implements ProcessSupervisor {
    private final Map<String, ProcessStatus> statuses = new ConcurrentHashMap<>();
    private final Map<String, List<LogLine>> logs = new ConcurrentHashMap<>();
    public final List<String> restarted = new CopyOnWriteArrayList<>();

    public FakeSupervisor set(String name, ProcessState state, long pid) {
        statuses.put(name, new ProcessStatus(name, state, pid > 0 ? OptionalLong.of(pid) : OptionalLong.empty(),
                state == ProcessState.EXITED ? OptionalInt.of(3) : OptionalInt.empty(),
                Optional.of(Instant.EPOCH), 0, ""));
        return this;
    }

    public FakeSupervisor logs(String name, List<LogLine> lines) {
        logs.put(name, List.copyOf(lines));
        return this;
    }

    @Override
    public ProcessStatus start(ProcessSpec spec) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ProcessStatus stop(String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ProcessStatus restart(String name) {
        restarted.add(name);
        ProcessStatus before = statuses.get(name);
        set(name, ProcessState.RUNNING, before.pid().orElse(0));
        return statuses.get(name);
    }

    @Override
    public Optional<ProcessStatus> status(String name) {
        return Optional.ofNullable(statuses.get(name));
    }

    @Override
    public List<ProcessStatus> list() {
        return List.copyOf(statuses.values());
    }

    @Override
    public List<LogLine> tail(String name, int lines) {
        List<LogLine> all = logs.getOrDefault(name, List.of());
        return all.subList(Math.max(0, all.size() - lines), all.size());
    }

    @Override
    public Subscription follow(String name, int replay, StreamSubscriber<LogLine> subscriber) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void remove(String name) {
        statuses.remove(name);
    }
}
