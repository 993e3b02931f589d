package io.orbitr.core.process;

import io.orbitr.OrbitrException;
import io.orbitr.process.ProcessSpec.StopSignal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and stops the programs a crashed host left running, from the rows it left in the store. A row's program is
 * identified by facts a later process cannot share: the boot id, the pid together with its process group and its
 * start time in clock ticks since boot (a recycled pid has another start time), and the run's token in the
 * environment of the program and its children. Never by name or command line. Survivors are stopped the way the
 * supervisor stops its own programs: the stop signal to the program, the grace period, then SIGKILL to everything
 * left of it, its process group and the token's carriers included. Survivors stop in parallel.
 */
final class SurvivorRecovery {
    private static final Logger log = LoggerFactory.getLogger(SurvivorRecovery.class);
    private static final int KILL_ROUNDS = 5;
    private static final Duration KILL_WAIT = Duration.ofSeconds(2);
    private static final Duration MARGIN = Duration.ofSeconds(KILL_ROUNDS * KILL_WAIT.toSeconds() + 5);

    private final ProcessRecords records;
    private final Executor executor;

    SurvivorRecovery(ProcessRecords records, Executor executor) {
        this.records = records;
        this.executor = executor;
    }

    /**
     * @param own whether a name belongs to a program this supervisor started itself (its rows are not survivors)
     * @return the survivors found and stopped
     */
    List<StoppedSurvivor> recover(Predicate<String> own) {
        List<ProcessRecord> rows;
        try {
            rows = records.all().stream().filter(row -> !own.test(row.name())).toList();
        } catch (RuntimeException e) {
            throw new OrbitrException("cannot read the programs an earlier host left running from the store (is"
                    + " schema '" + ProcessSchema.COMPONENT + "' applied? ProcessSchema.migrations()): "
                    + e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<Long>> carriers = RunTokens.carriers(rows.stream().map(ProcessRecord::runToken)
                .collect(Collectors.toSet()));
        List<CompletableFuture<Optional<StoppedSurvivor>>> stops = new ArrayList<>();
        Duration longest = Duration.ZERO;
        for (ProcessRecord row : rows) {
            if (!row.bootId().equals(records.bootId())) {
                log.info("process {} was recorded as running in an earlier boot of this machine ({}): forgotten",
                        row.name(), row.describe());
                forget(row);
                continue;
            }
            if (!row.host().equals(records.host()) && row.host().alive()) {
                // Another live JVM shares the store (a database of the host's own): its programs are its own.
                log.debug("process {} belongs to the live host pid {}: left alone", row.name(), row.host().pid());
                continue;
            }
            Optional<ProcessHandle> root = root(row, carriers.getOrDefault(row.runToken(), List.of()));
            if (root.isEmpty() && !carriers.containsKey(row.runToken())) {
                log.info("process {} was recorded as running by an earlier host ({}) and has ended since: forgotten",
                        row.name(), row.describe());
                forget(row);
                continue;
            }
            longest = longest.compareTo(row.gracePeriod()) > 0 ? longest : row.gracePeriod();
            stops.add(CompletableFuture.supplyAsync(() -> stop(row, root), executor));
        }
        List<StoppedSurvivor> stopped = new ArrayList<>();
        Duration bound = longest.plus(MARGIN);
        try {
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).get(bound.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("survivors of an earlier host did not all stop within {}", bound);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("while stopping survivors of an earlier host: {}", e.toString());
        }
        stops.stream().filter(CompletableFuture::isDone).filter(f -> !f.isCompletedExceptionally())
                .map(CompletableFuture::join).flatMap(Optional::stream).forEach(stopped::add);
        stopped.sort(Comparator.comparing(StoppedSurvivor::name));
        return stopped;
    }

    /**
     * The program itself: the recorded pid when its start time and process group are still the recorded ones, or,
     * when the host died before it recorded the pid, the token's carrier that leads its own process group.
     */
    private static Optional<ProcessHandle> root(ProcessRecord row, List<Long> carriers) {
        Optional<Long> pid = row.launching()
                ? carriers.stream().filter(p -> ProcStat.read(p).map(s -> s.group() == p).orElse(false)).findFirst()
                : Optional.of(row.pid()).filter(p -> ProcStat.read(p).map(s -> !s.dead()
                        && s.startTime() == row.startTicks() && s.group() == row.processGroup()).orElse(false));
        // ProcessHandle keeps the start time it saw: its signals never reach a process that took the pid later.
        return pid.flatMap(ProcessHandle::of).filter(ProcessTree::isRunning);
    }

    private Optional<StoppedSurvivor> stop(ProcessRecord row, Optional<ProcessHandle> root) {
        StopSignal signal = row.stopSignal();
        log.warn("process {} ({}) outlived the host that started it at {}: stopping it with SIG{}, a grace period of"
                + " {}, then SIGKILL to its process group", row.name(), root.map(h -> "pid " + h.pid() + (row.launching()
                ? ", found by its run token" : ", process group " + row.processGroup())).orElse("only its children"
                + " are left, found by its run token"), row.startedAt(), signal.name(),
                row.gracePeriod());
        Set<ProcessHandle> all = new LinkedHashSet<>(members(row, root));
        root.ifPresent(all::add);
        if (root.isPresent() && signal != StopSignal.KILL && Signals.send(root.get(), signal)) {
            ProcessTree.awaitDeath(Set.of(root.get()), row.gracePeriod());
        }
        boolean killed = false;
        Set<ProcessHandle> pending = new LinkedHashSet<>(all);
        pending.addAll(members(row, root));
        pending.removeIf(handle -> !ProcessTree.isRunning(handle));
        for (int round = 0; round < KILL_ROUNDS && !pending.isEmpty(); round++) {
            killed = true;
            pending.forEach(ProcessHandle::destroyForcibly);
            ProcessTree.awaitDeath(pending, KILL_WAIT);
            Set<ProcessHandle> next = new LinkedHashSet<>(members(row, root));
            pending.stream().filter(ProcessTree::isRunning).forEach(next::add);
            all.addAll(next);
            pending = next;
        }
        if (!pending.isEmpty()) {
            log.warn("process {}: {} processes survived SIGKILL (pids {}), probably stuck in the kernel; its row stays"
                    + " for the next start", row.name(), pending.size(), pending.stream()
                    .map(h -> Long.toString(h.pid())).collect(Collectors.joining(",")));
            return Optional.empty();
        }
        forget(row);
        log.warn("process {}: stopped {} processes left by the earlier host{}", row.name(), all.size(),
                killed ? ", killing what the stop signal did not end" : "");
        OptionalLong pid = root.map(h -> OptionalLong.of(h.pid())).orElse(OptionalLong.empty());
        return Optional.of(new StoppedSurvivor(row.name(), pid, all.size(), killed));
    }

    /**
     * Everything that belongs to the run besides the program: its live descendants, every process of the group it
     * leads, and every process carrying its token (which also finds what escaped the group, and what a program
     * that died left behind).
     */
    private static Set<ProcessHandle> members(ProcessRecord row, Optional<ProcessHandle> root) {
        Set<ProcessHandle> members = new LinkedHashSet<>();
        root.ifPresent(handle -> {
            handle.descendants().filter(ProcessTree::isRunning).forEach(members::add);
            if (row.processGroup() == handle.pid()) {
                members.addAll(ProcessTree.groupMembers(row.processGroup()));
            }
        });
        RunTokens.carriers(Set.of(row.runToken())).getOrDefault(row.runToken(), List.of()).stream()
                .map(ProcessHandle::of).flatMap(Optional::stream).filter(ProcessTree::isRunning)
                .forEach(members::add);
        root.ifPresent(members::remove);
        members.remove(ProcessHandle.current());
        return members;
    }

    private void forget(ProcessRecord row) {
        try {
            records.ended(row.name(), row.runToken());
        } catch (RuntimeException e) {
            log.warn("cannot remove the row of process {} from the store: {}", row.name(), e.getMessage());
        }
    }
}
