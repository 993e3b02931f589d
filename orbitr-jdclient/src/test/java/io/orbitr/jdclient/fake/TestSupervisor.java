package io.orbitr.jdclient.fake;

import io.orbitr.ConflictException;
import io.orbitr.NotFoundException;
import io.orbitr.process.ProcessSpec;
import io.orbitr.process.ProcessState;
import io.orbitr.process.ProcessStatus;
import io.orbitr.process.ProcessSupervisor;
import io.orbitr.stream.LogLine;
import io.orbitr.stream.LogStream;
import io.orbitr.stream.StreamSubscriber;
import io.orbitr.stream.Subscription;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A minimal {@link ProcessSupervisor} for this module's tests until the platform's own is merged: it really runs
 * processes with {@link ProcessBuilder}, reads their output into a ring buffer, delivers lines to followers, and
 * stops them with the spec's signal, the grace period and a kill of the tree. No restart policy: a process that
 * exits stays EXITED.
 */
public final class TestSupervisor implements ProcessSupervisor, AutoCloseable {
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    @Override
    public ProcessStatus start(ProcessSpec spec) {
        Entry existing = entries.get(spec.name());
        if (existing != null && existing.alive()) {
            throw new ConflictException("process " + spec.name() + " is already running");
        }
        Entry entry = existing == null ? new Entry() : existing;
        entry.launch(spec);
        entries.put(spec.name(), entry);
        return entry.status(spec.name());
    }

    @Override
    public ProcessStatus stop(String name) {
        Entry entry = entry(name);
        entry.stop();
        return entry.status(name);
    }

    @Override
    public ProcessStatus restart(String name) {
        Entry entry = entry(name);
        entry.stop();
        entry.restarts++;
        entry.launch(entry.spec);
        return entry.status(name);
    }

    @Override
    public Optional<ProcessStatus> status(String name) {
        return Optional.ofNullable(entries.get(name)).map(e -> e.status(name));
    }

    @Override
    public List<ProcessStatus> list() {
        List<ProcessStatus> out = new ArrayList<>();
        entries.forEach((name, e) -> out.add(e.status(name)));
        return out;
    }

    @Override
    public List<LogLine> tail(String name, int lines) {
        return entry(name).tail(lines);
    }

    @Override
    public Subscription follow(String name, int replay, StreamSubscriber<LogLine> subscriber) {
        return entry(name).follow(replay, subscriber);
    }

    @Override
    public void remove(String name) {
        Entry entry = entries.remove(name);
        if (entry != null) {
            entry.stop();
        }
    }

    @Override
    public void close() {
        entries.values().forEach(Entry::stop);
    }

    private Entry entry(String name) {
        Entry entry = entries.get(name);
        if (entry == null) {
            throw new NotFoundException("process", name);
        }
        return entry;
    }

    /** One process and its output. */
    private static final class Entry {
        private final ArrayDeque<LogLine> buffer = new ArrayDeque<>();
        private final List<StreamSubscriber<LogLine>> followers = new CopyOnWriteArrayList<>();
        private volatile ProcessSpec spec;
        private volatile Process process;
        private volatile Instant startedAt;
        private volatile boolean stopRequested;
        private volatile boolean stopping;
        private volatile int restarts;
        private long nextId;

        synchronized void launch(ProcessSpec newSpec) {
            spec = newSpec;
            List<String> command = new ArrayList<>();
            command.add(newSpec.command());
            command.addAll(newSpec.args());
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(newSpec.environment());
            newSpec.workingDirectory().ifPresent(d -> builder.directory(d.toFile()));
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new io.orbitr.OrbitrException("cannot start " + newSpec.command() + ": " + e.getMessage(), e);
            }
            startedAt = Instant.now();
            stopRequested = false;
            pump(process.getInputStream(), LogStream.STDOUT);
            pump(process.getErrorStream(), LogStream.STDERR);
        }

        boolean alive() {
            Process p = process;
            return p != null && p.isAlive();
        }

        void stop() {
            Process p = process;
            if (p == null || !p.isAlive()) {
                stopRequested = true;
                return;
            }
            stopRequested = true;
            stopping = true;
            try {
                List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
                new ProcessBuilder("kill", "-" + spec.stopSignal().number(), Long.toString(p.pid())).start()
                        .waitFor();
                if (!p.waitFor(spec.gracePeriod().toMillis(), TimeUnit.MILLISECONDS)) {
                    tree.addAll(p.descendants().toList());
                    p.destroyForcibly();
                    p.waitFor();
                }
                tree.forEach(ProcessHandle::destroyForcibly);
            } catch (IOException e) {
                p.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            } finally {
                stopping = false;
            }
        }

        ProcessStatus status(String name) {
            Process p = process;
            ProcessState state;
            OptionalInt exit = OptionalInt.empty();
            if (p == null) {
                state = ProcessState.STOPPED;
            } else if (p.isAlive()) {
                state = stopping ? ProcessState.STOPPING
                        : Instant.now().isBefore(startedAt.plus(spec.startPeriod())) ? ProcessState.STARTING
                        : ProcessState.RUNNING;
            } else {
                exit = OptionalInt.of(p.exitValue());
                state = stopRequested ? ProcessState.STOPPED : ProcessState.EXITED;
            }
            return new ProcessStatus(name, state, p != null && p.isAlive() ? OptionalLong.of(p.pid())
                    : OptionalLong.empty(), exit, Optional.ofNullable(startedAt), restarts, "");
        }

        synchronized List<LogLine> tail(int lines) {
            List<LogLine> all = new ArrayList<>(buffer);
            return List.copyOf(all.subList(Math.max(0, all.size() - lines), all.size()));
        }

        Subscription follow(int replay, StreamSubscriber<LogLine> subscriber) {
            Subscription subscription = new Subscription() {
                private volatile boolean cancelled;

                @Override
                public void cancel() {
                    cancelled = true;
                    followers.remove(subscriber);
                }

                @Override
                public boolean isCancelled() {
                    return cancelled;
                }
            };
            subscriber.onSubscribe(subscription);
            synchronized (this) {
                tail(replay).forEach(subscriber::onNext);
                followers.add(subscriber);
            }
            return subscription;
        }

        private void pump(InputStream in, LogStream stream) {
            Thread thread = new Thread(() -> {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                        append(stream, text);
                    }
                } catch (IOException e) {
                    // the process went away
                }
            }, "test-supervisor-" + stream);
            thread.setDaemon(true);
            thread.start();
        }

        private synchronized void append(LogStream stream, String text) {
            LogLine line = new LogLine(nextId++, Instant.now(), stream, text);
            buffer.addLast(line);
            while (buffer.size() > spec.logBufferLines()) {
                buffer.removeFirst();
            }
            spec.logFile().ifPresent(file -> {
                try {
                    java.nio.file.Files.writeString(file, text + "\n", StandardCharsets.UTF_8,
                            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                } catch (IOException e) {
                    // a test supervisor: the buffer is what tests read
                }
            });
            followers.forEach(f -> f.onNext(line));
        }
    }
}
