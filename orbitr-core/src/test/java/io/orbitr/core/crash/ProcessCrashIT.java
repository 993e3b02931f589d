package io.orbitr.core.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.core.Orbitr;
import io.orbitr.core.store.H2Stores;
import io.orbitr.core.store.JdbcStore;
import io.orbitr.process.ProcessSpec;
import io.orbitr.testing.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hosts that supervise programs are killed with SIGKILL at random moments; each time, the data directory is opened
 * again and nothing the dead hosts started may still run, and the programs started again run once each.
 *
 * <p>Seeded: the seed is printed; {@code -Dorbitr.crash.seed=N} replays a run, {@code -Dorbitr.crash.rounds=N}
 * changes the number of kills (default 8, which keeps the test under a minute on two cores).
 */
@Timeout(value = 170, unit = TimeUnit.SECONDS)
class ProcessCrashIT {
    private static final Duration LINE_BOUND = Duration.ofSeconds(30);

    @TempDir
    Path data;
    @TempDir
    Path logs;

    private final String marker = "orbitr-crash-" + UUID.randomUUID();
    private final List<Process> hosts = new ArrayList<>();

    @AfterEach
    void killWhatIsLeft() {
        hosts.forEach(Process::destroyForcibly);
        CrashPrograms.carriers(marker).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    @Test
    void programsOfAKilledHostAreStoppedAtTheNextStartAndNeverRunTwice() throws Exception {
        long seed = Long.getLong("orbitr.crash.seed", System.nanoTime());
        int rounds = Integer.getInteger("orbitr.crash.rounds", 8);
        System.out.println("ProcessCrashIT seed = " + seed + " (replay with -Dorbitr.crash.seed=" + seed + ")");
        Random random = new Random(seed);
        for (int round = 1; round <= rounds; round++) {
            killHostAtRandom(round, random);
            // Now and then the next host opens the directory first, and may be killed while it stops survivors.
            if (round < rounds && random.nextInt(3) == 0) {
                System.out.println("round " + round + ": the next host opens the data directory");
                continue;
            }
            List<long[]> recorded = recordedRuns();
            try (Orbitr orbitr = Orbitr.builder().noDiscovery().dataDirectory(data).build()) {
                assertThat(CrashPrograms.carriers(marker)).as("round %d: processes of the dead hosts", round)
                        .isEmpty();
                for (long[] run : recorded) {
                    assertThat(stillRuns(run)).as("round %d: recorded run %s", round, List.of(run[0], run[1], run[2]))
                            .isFalse();
                }
                for (ProcessSpec spec : CrashPrograms.specs(marker)) {
                    orbitr.processes().start(spec);
                }
                for (String name : CrashPrograms.NAMES) {
                    assertThat(CrashPrograms.countByCommandLine(marker, name)).as("round %d: %s runs once", round,
                            name).isEqualTo(1);
                }
            }
            Await.until("the programs to end with the platform", LINE_BOUND,
                    () -> CrashPrograms.carriers(marker).isEmpty(), () -> CrashPrograms.carriers(marker));
        }
    }

    /** Starts a host and kills it: sometimes at any moment after its launch, mostly in its first second of work. */
    private void killHostAtRandom(int round, Random random) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process host = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Xmx96m", "-cp",
                System.getProperty("java.class.path"), CrashHost.class.getName(), data.toString(), marker)
                .redirectError(logs.resolve("host-" + round + ".log").toFile()).start();
        hosts.add(host);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(host.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // The host was killed.
            }
        }, "crash-host-" + round);
        reader.setDaemon(true);
        reader.start();
        long delay;
        String moment;
        if (random.nextInt(4) == 0) {
            delay = random.nextInt(2500);
            moment = delay + " ms after its launch";
        } else {
            awaitLine(lines, "assembled", host, round);
            delay = random.nextInt(700);
            moment = delay + " ms after it assembled";
        }
        Thread.sleep(delay);
        host.destroyForcibly();
        assertThat(host.waitFor(LINE_BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
        List<String> said = new ArrayList<>();
        lines.drainTo(said);
        System.out.println("round " + round + ": host killed " + moment + "; it had said " + said);
    }

    private static void awaitLine(BlockingQueue<String> lines, String wanted, Process host, int round)
            throws InterruptedException {
        long deadline = System.nanoTime() + LINE_BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (wanted.equals(line)) {
                return;
            }
            if (line == null && !host.isAlive()) {
                throw new AssertionError("round " + round + ": the host ended with " + host.exitValue()
                        + " before it said '" + wanted + "'");
            }
        }
        throw new AssertionError("round " + round + ": the host did not say '" + wanted + "' within " + LINE_BOUND);
    }

    /** @return the runs the dead hosts left in the store: pid, process group and start time each */
    private List<long[]> recordedRuns() {
        try (JdbcStore store = H2Stores.file(data)) {
            return store.read(connection -> {
                List<long[]> runs = new ArrayList<>();
                if (!connection.getMetaData().getTables(null, null, "SUPERVISED_PROCESSES", null).next()) {
                    return runs;
                }
                try (PreparedStatement query = connection.prepareStatement(
                        "SELECT pid, process_group, start_ticks FROM supervised_processes");
                        ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        runs.add(new long[] {rows.getLong(1), rows.getLong(2), rows.getLong(3)});
                    }
                }
                return runs;
            });
        }
    }

    /** @return whether the recorded pid runs with the recorded start time, or its process group has members */
    private static boolean stillRuns(long[] run) {
        if (run[0] == 0) {
            return false; // recorded while launching: the marker scan covers it
        }
        String[] stat = CrashPrograms.stat(run[0]);
        boolean same = stat.length > 19 && !stat[0].equals("Z") && Long.parseLong(stat[19]) == run[2];
        // Checked before anything starts again, so a member of that group can only be a leftover.
        boolean group = CrashPrograms.pids().anyMatch(pid -> {
            String[] fields = CrashPrograms.stat(pid);
            return fields.length > 2 && Long.parseLong(fields[2]) == run[1];
        });
        return same || group;
    }
}
