package io.orbitr.jdclient.instance;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.core.Orbitr;
import io.orbitr.jdclient.fake.FakeBinary;
import io.orbitr.process.ProcessState;
import io.orbitr.testing.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host running a jd-client instance is killed with SIGKILL, twice (the second host stopped what the first left and
 * restored the instance); the platform opened again on the data directory runs exactly one process of that instance. Seeded like the core's
 * crash test: the seed is printed, {@code -Dorbitr.crash.seed=N} replays it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InstanceCrashIT {
    private static final Duration BOUND = Duration.ofSeconds(40);

    @TempDir
    Path data;
    /** The hosts' logs stay for a look after a failure. */
    private final Path logs = Path.of("target", "instance-crash-logs");

    private final List<Process> hosts = new ArrayList<>();
    private String configFile = "";

    @AfterEach
    void killWhatIsLeft() {
        hosts.forEach(Process::destroyForcibly);
        if (!configFile.isEmpty()) {
            processesOf(configFile).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    @Test
    void anInstanceOfAKilledHostRunsExactlyOnceAfterTheNextStart() throws Exception {
        long seed = Long.getLong("orbitr.crash.seed", System.nanoTime());
        System.out.println("InstanceCrashIT seed = " + seed + " (replay with -Dorbitr.crash.seed=" + seed + ")");
        Random random = new Random(seed);
        Files.createDirectories(logs);
        FakeBinary.install(data.resolve("jdclient/bin/jd_client_sv2"), "ok");

        BlockingQueue<String> said = launch("create", 1);
        String id = awaitLine(said, "instance ").substring("instance ".length());
        configFile = data.toAbsolutePath().normalize().resolve("jdclient/instances/" + id + "/jdc-config.toml")
                .toString();
        Await.until("the instance's process", BOUND, () -> processesOf(configFile).size() == 1);
        killAfter(random.nextInt(1500));

        launch("open", 2);
        Await.until("the second host to run the instance, once", BOUND, () -> processesOf(configFile).size() == 1
                && !processesOf(configFile).equals(List.copyOf(survivorsBefore)), () -> processesOf(configFile));
        // Past its first lines (a JVM takes a second or so), the fake, like jd-client, is silent and outlives its host;
        // killed earlier, it may die of SIGPIPE at its next line, as a chatty program does.
        killAfter(1500 + random.nextInt(1500));
        assertThat(processesOf(configFile)).as("the instance outlives its host").hasSize(1);

        try (Orbitr orbitr = InstanceCrashHost.platform(Orbitr.builder().dataDirectory(data))) {
            InstanceManager jdc = orbitr.feature(InstanceManager.class);
            long pid = jdc.status("miner-1").process().pid().orElseThrow();
            assertThat(processesOf(configFile)).containsExactly(pid);
            Await.until("the instance to be running", BOUND,
                    () -> jdc.status("miner-1").process().state() == ProcessState.RUNNING);
            assertThat(processesOf(configFile)).as("still one, after its start period").containsExactly(pid);
        }
        assertThat(processesOf(configFile)).as("stopped with the platform").isEmpty();
    }

    private final List<Long> survivorsBefore = new ArrayList<>();

    private BlockingQueue<String> launch(String mode, int round) throws IOException {
        survivorsBefore.clear();
        if (!configFile.isEmpty()) {
            survivorsBefore.addAll(processesOf(configFile));
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process host = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Xmx96m", "-cp",
                System.getProperty("java.class.path"), InstanceCrashHost.class.getName(), data.toString(), mode)
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
        }, "instance-crash-host-" + round);
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private void killAfter(long millis) throws InterruptedException {
        Thread.sleep(millis);
        Process host = hosts.get(hosts.size() - 1);
        host.destroyForcibly();
        assertThat(host.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
        System.out.println("host " + hosts.size() + " killed " + millis + " ms after its instance ran; instance"
                + " processes now " + processesOf(configFile));
    }

    private static String awaitLine(BlockingQueue<String> lines, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith(prefix)) {
                return line;
            }
        }
        throw new AssertionError("the host did not say '" + prefix + "...' within " + BOUND);
    }

    /** @return the live processes whose command line names the instance's configuration file */
    private static List<Long> processesOf(String configFile) {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong).filter(pid -> alive(pid) && read(pid, "cmdline").contains(configFile))
                    .sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
    }

    private static boolean alive(long pid) {
        String stat = read(pid, "stat");
        int close = stat.lastIndexOf(')');
        return close > 0 && close + 2 < stat.length() && "ZX".indexOf(stat.charAt(close + 2)) < 0;
    }

    private static String read(long pid, String file) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), file)),
                    StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
