package io.orbitr.core.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.ConflictException;
import io.orbitr.core.store.H2Stores;
import io.orbitr.core.store.JdbcStore;
import io.orbitr.core.store.SchemaMigrator;
import io.orbitr.process.ProcessSpec;
import io.orbitr.process.ProcessSpec.StopSignal;
import io.orbitr.process.RestartPolicy;
import io.orbitr.testing.Await;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a supervisor finds at start of the runs an earlier host recorded: survivors identified by pid, group, start
 * time and boot id (or their token) are stopped; a row whose facts point at another process leaves it alone.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SurvivorRecoveryIT {
    private final JdbcStore store = H2Stores.inMemory();
    private final ProcessRecords records;
    private final Set<Process> started = new HashSet<>();

    SurvivorRecoveryIT() {
        new SchemaMigrator(store, Clock.systemUTC()).migrate(Map.of(ProcessSchema.COMPONENT,
                ProcessSchema.migrations()));
        records = new ProcessRecords(java.util.Optional.of(store), BootId.current());
    }

    @AfterEach
    void cleanUp() {
        started.forEach(process -> process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly));
        started.forEach(Process::destroyForcibly);
        store.close();
    }

    @Test
    void theSurvivorsOfAHostThatNeverStoppedAreStoppedByTheNextSupervisor() {
        LocalProcessSupervisor dead = LocalProcessSupervisor.builder().store(store).build();
        try {
            dead.start(never(ProcessSpec.builder("quiet", "/bin/sh").args("-c", "sleep 1000; exit 0")));
            dead.start(never(TestPrograms.script("stubborn", "stubborn.sh").gracePeriod(Duration.ofMillis(300))));
            dead.start(never(TestPrograms.script("forker", "forker.sh").stopSignal(StopSignal.INT)));
            List<ProcessRecord> rows = records.all();
            assertThat(rows).extracting(ProcessRecord::name).containsExactly("forker", "quiet", "stubborn");
            for (ProcessRecord row : rows) {
                ProcStat stat = ProcStat.read(row.pid()).orElseThrow();
                assertThat(row.startTicks()).isEqualTo(stat.startTime());
                assertThat(row.processGroup()).isEqualTo(row.pid());
                assertThat(row.bootId()).isEqualTo(BootId.current()).isNotEmpty();
            }
            assertThat(rows).filteredOn(row -> row.name().equals("stubborn")).singleElement()
                    .satisfies(row -> assertThat(row.gracePeriod()).isEqualTo(Duration.ofMillis(300)));
            Await.until("the forker's children", () -> ProcessTree.groupMembers(pid(rows, "forker")).size() >= 6);
            Set<ProcessHandle> everything = new HashSet<>();
            rows.forEach(row -> everything.addAll(ProcessTree.groupMembers(row.processGroup())));

            try (LocalProcessSupervisor next = LocalProcessSupervisor.builder().store(store).build()) {
                List<StoppedSurvivor> stopped = next.recoverSurvivors();

                assertThat(stopped).extracting(StoppedSurvivor::name).containsExactly("forker", "quiet", "stubborn");
                assertThat(stopped).filteredOn(s -> s.name().equals("stubborn")).singleElement()
                        .satisfies(s -> assertThat(s.killed()).isTrue());
                assertThat(stopped).filteredOn(s -> s.name().equals("forker")).singleElement()
                        .satisfies(s -> assertThat(s.processes()).isGreaterThanOrEqualTo(6));
                assertThat(everything).noneMatch(ProcessTree::isRunning);
                assertThat(records.all()).isEmpty();
                assertThat(next.recoverSurvivors()).as("runs once").isEmpty();
            }
        } finally {
            dead.close();
        }
    }

    @Test
    void aRowWhoseStartTimeGroupOrBootDifferIsForgottenAndItsProcessLeftAlone() throws IOException {
        Process stranger = start(List.of("sleep", "1000"), Map.of());
        ProcStat stat = ProcStat.read(stranger.pid()).orElseThrow();
        records.launching(row("recycled", BootId.current()).launched(new ProcStat(stat.pid(), "", 'S', 1,
                stat.group(), stat.session(), stat.startTime() + 1)));
        records.launching(row("other-group", BootId.current()).launched(new ProcStat(stat.pid(), "", 'S', 1,
                stat.group() + 1, stat.session(), stat.startTime())));
        records.launching(row("other-boot", UUID.randomUUID().toString()).launched(stat));

        try (LocalProcessSupervisor next = LocalProcessSupervisor.builder().store(store).build()) {
            assertThat(next.recoverSurvivors()).isEmpty();
        }

        assertThat(stranger.isAlive()).isTrue();
        assertThat(records.all()).isEmpty();
    }

    @Test
    void theProgramsOfAnotherLiveHostOnTheSameStoreAreItsOwn() throws IOException {
        Process otherHost = start(List.of("sleep", "1000"), Map.of());
        Process program = start(List.of("setsid", "sleep", "1000"), Map.of());
        Await.until("setsid", () -> ProcStat.read(program.pid()).map(s -> s.group() == program.pid()).orElse(false));
        ProcStat host = ProcStat.read(otherHost.pid()).orElseThrow();
        records.launching(new ProcessRecord("theirs", UUID.randomUUID().toString(), 0, 0, 0, BootId.current(),
                StopSignal.KILL, Duration.ZERO, Instant.now(), new ProcessRecord.Host(host.pid(), host.startTime()))
                .launched(ProcStat.read(program.pid()).orElseThrow()));

        try (LocalProcessSupervisor next = LocalProcessSupervisor.builder().store(store).build()) {
            assertThat(next.recoverSurvivors()).isEmpty();
        }

        assertThat(program.isAlive()).isTrue();
        assertThat(records.all()).extracting(ProcessRecord::name).containsExactly("theirs");
    }

    @Test
    void aProgramWhoseHostDiedBeforeItRecordedThePidIsFoundByItsRunToken() throws IOException {
        String token = UUID.randomUUID().toString();
        Process orphan = start(List.of("setsid", "sh", "-c", "sleep 1000 & wait"),
                Map.of(ProcessRecord.TOKEN_VARIABLE, token));
        records.launching(new ProcessRecord("launching", token, 0, 0, 0, BootId.current(), StopSignal.TERM,
                Duration.ofSeconds(5), Instant.now(), records.host()));
        Await.until("the orphan's child", () -> orphan.descendants().count() == 1);
        ProcessHandle child = orphan.descendants().findFirst().orElseThrow();

        try (LocalProcessSupervisor next = LocalProcessSupervisor.builder().store(store).build()) {
            List<StoppedSurvivor> stopped = next.recoverSurvivors();

            assertThat(stopped).singleElement().isEqualTo(new StoppedSurvivor("launching",
                    OptionalLong.of(orphan.pid()), 2, true));
        }
        Await.until("the orphan to end", () -> !orphan.isAlive() && !ProcessTree.isRunning(child));
        assertThat(records.all()).isEmpty();
    }

    @Test
    void theFirstStartStopsTheSurvivorsWhenTheHostDidNotAskAndANameRunsOnce() throws IOException {
        String token = UUID.randomUUID().toString();
        Process survivor = start(List.of("setsid", "sleep", "1000"), Map.of(ProcessRecord.TOKEN_VARIABLE, token));
        Await.until("setsid", () -> ProcStat.read(survivor.pid()).map(s -> s.group() == survivor.pid())
                .orElse(false));
        records.launching(new ProcessRecord("web", token, 0, 0, 0, BootId.current(), StopSignal.TERM,
                Duration.ofSeconds(5), Instant.now(), records.host()).launched(ProcStat.read(survivor.pid()).orElseThrow()));

        try (LocalProcessSupervisor next = LocalProcessSupervisor.builder().store(store).build()) {
            ProcessSpec web = ProcessSpec.builder("web", "sleep").args("1000").build();
            long pid = next.start(web).pid().orElseThrow();

            assertThat(survivor.isAlive()).isFalse();
            assertThat(records.all()).singleElement().satisfies(row -> assertThat(row.pid()).isEqualTo(pid));
            assertThatThrownBy(() -> next.start(web)).isInstanceOf(ConflictException.class)
                    .hasMessageContaining("process web is already").hasMessageContaining("pid " + pid);
            next.stop("web");
            assertThat(records.all()).isEmpty();
        }
    }

    private Process start(List<String> command, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private static ProcessRecord row(String name, String bootId) {
        return new ProcessRecord(name, UUID.randomUUID().toString(), 0, 0, 0, bootId, StopSignal.KILL, Duration.ZERO,
                Instant.now(), new ProcessRecord.Host(ProcessHandle.current().pid(), 0));
    }

    private static ProcessSpec never(ProcessSpec.Builder spec) {
        return spec.restartPolicy(RestartPolicy.never()).build();
    }

    private static long pid(List<ProcessRecord> rows, String name) {
        return rows.stream().filter(row -> row.name().equals(name)).findFirst().orElseThrow().pid();
    }
}
