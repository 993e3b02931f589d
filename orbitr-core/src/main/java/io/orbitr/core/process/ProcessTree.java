package io.orbitr.core.process;

import io.orbitr.process.ProcessSpec.StopSignal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A supervised process and everything it started. Its members are found two ways: the root's live descendants
 * ({@link ProcessHandle#descendants()}), and, when the root leads a process group of its own (the supervisor starts
 * it through {@code setsid} where it can), every process still in that group, which also finds grandchildren
 * whose parent already died and that were adopted by init.
 *
 * <p>Stopping follows supervisord and s6: snapshot the members, signal the root, wait the grace period, snapshot
 * again, and kill whatever of both snapshots is still alive, in rounds until nothing is left. The JVM reaps the
 * root; init (or the host's subreaper) reaps the adopted rest.
 */
final class ProcessTree {
    private static final Logger log = LoggerFactory.getLogger(ProcessTree.class);
    private static final Path PROC = Path.of("/proc");
    private static final int KILL_ROUNDS = 5;
    private static final Duration KILL_WAIT = Duration.ofSeconds(2);

    private final String name;
    private final Process process;
    private final ProcessHandle root;
    private final OptionalLong group;

    /**
     * @param name    the process's name, for log messages
     * @param process the process the supervisor started
     * @param group   the process group the root leads, when it leads one
     */
    ProcessTree(String name, Process process, OptionalLong group) {
        this.name = name;
        this.process = process;
        this.root = process.toHandle();
        this.group = group;
    }

    ProcessHandle root() {
        return root;
    }

    /** @return the live members besides the root: descendants and members of the root's group */
    Set<ProcessHandle> members() {
        Set<ProcessHandle> members = new LinkedHashSet<>();
        if (process.isAlive()) {
            root.descendants().filter(ProcessTree::isRunning).forEach(members::add);
        }
        group.ifPresent(pgid -> groupMembers(pgid).forEach(members::add));
        members.remove(root);
        return members;
    }

    /**
     * Stops the whole tree: the stop signal to the root, the grace period, then SIGKILL to every member left.
     * Blocks until the root has exited, or a bounded while after the kill if it cannot be killed.
     *
     * @return whether the root had to be killed
     */
    boolean stop(StopSignal signal, Duration grace) {
        Set<ProcessHandle> before = members();
        if (process.isAlive() && signal != StopSignal.KILL && Signals.send(root, signal)) {
            awaitRootExit(grace);
        }
        boolean rootKilled = process.isAlive();
        if (rootKilled && signal != StopSignal.KILL) {
            log.info("{} did not exit within {} of SIG{}: killing it and its tree", name, grace, signal.name());
        }
        Set<ProcessHandle> remaining = new LinkedHashSet<>(before);
        remaining.addAll(members());
        remaining.add(root);
        killAll(remaining);
        // The JVM reaps the root itself, an instant after it dies; its exit code is wanted right after the stop.
        awaitRootExit(KILL_WAIT);
        return rootKilled;
    }

    /** Kills every member left once the root has exited on its own, so that nothing it started outlives it. */
    void killOrphans() {
        Set<ProcessHandle> orphans = members();
        if (!orphans.isEmpty()) {
            log.info("{} exited and left {} processes behind: killing them", name, orphans.size());
            killAll(orphans);
        }
    }

    /** SIGKILL to all, in rounds, since a member may fork between the snapshot and the kill. */
    private void killAll(Set<ProcessHandle> targets) {
        Set<ProcessHandle> pending = new LinkedHashSet<>(targets);
        for (int round = 0; round < KILL_ROUNDS && !pending.isEmpty(); round++) {
            pending.forEach(ProcessHandle::destroyForcibly);
            awaitDeath(pending, KILL_WAIT);
            Set<ProcessHandle> next = members();
            pending.stream().filter(ProcessTree::isRunning).forEach(next::add);
            if (!process.isAlive()) {
                next.remove(root);
            }
            pending = next;
        }
        if (!pending.isEmpty()) {
            log.warn("{}: {} processes survived SIGKILL (pids {}), probably stuck in the kernel", name,
                    pending.size(), pending.stream().map(h -> Long.toString(h.pid())).collect(Collectors.joining(",")));
        }
    }

    private boolean awaitRootExit(Duration bound) {
        try {
            return process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /**
     * Polls rather than using {@link ProcessHandle#onExit()}, which for a process that is not the JVM's child
     * polls too, with a growing interval, and one future per process.
     */
    static void awaitDeath(Set<ProcessHandle> targets, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        long pause = 5;
        while (targets.stream().anyMatch(ProcessTree::isRunning) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pause = Math.min(pause * 2, 50);
        }
    }

    /**
     * A killed process that init has not reaped yet is a zombie: dead, holding nothing but its pid, yet
     * {@link ProcessHandle#isAlive()} says alive until it is reaped, which some inits do only every few seconds.
     *
     * @return whether the process is alive and not a zombie
     */
    static boolean isRunning(ProcessHandle handle) {
        return handle.isAlive() && !ProcStat.read(handle.pid()).map(ProcStat::dead).orElse(false);
    }

    /** @return the live processes whose process group is {@code pgid}; empty where there is no /proc */
    static List<ProcessHandle> groupMembers(long pgid) {
        if (!Files.isDirectory(PROC)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(PROC)) {
            return entries.map(path -> path.getFileName().toString())
                    .filter(entry -> !entry.isEmpty() && entry.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong)
                    .filter(pid -> processGroup(pid).orElse(-1) == pgid)
                    .map(ProcessHandle::of).flatMap(Optional::stream)
                    .toList();
        } catch (IOException | RuntimeException e) {
            log.debug("cannot list process group {}: {}", pgid, e.toString());
            return List.of();
        }
    }

    /** @return the process group of a live process, read from /proc; empty when it is gone or unreadable */
    static OptionalLong processGroup(long pid) {
        return ProcStat.read(pid).filter(stat -> !stat.dead()).map(stat -> OptionalLong.of(stat.group()))
                .orElse(OptionalLong.empty());
    }
}
