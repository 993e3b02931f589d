package io.orbitr.examples.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.orbitr.core.Orbitr;
import io.orbitr.proxy.ProxyManager;
import io.orbitr.health.HealthTarget;
import io.orbitr.Page;
import io.orbitr.jdclient.instance.InstanceManager;
import io.orbitr.jdclient.update.BinaryUpdater;
import io.orbitr.jdclient.update.InstalledBinary;
import io.orbitr.jdclient.update.UpdateOutcome;
import io.orbitr.jdclient.update.UpdateRecord;
import io.orbitr.proxy.ProxyFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a host with SIGKILL at random moments and checks that the data directory keeps its promises. A writer JVM
 * ({@link CrashWriter}) writes through the public API as fast as it can on one data directory, reloading a real
 * Caddy with every route change and installing and rolling back a jd-client binary now and then; the test kills it
 * 0.3 to 1.5 s after it is ready, {@value #ROUNDS} times, then opens the data directory itself and checks: every
 * acknowledged write is there; the Caddyfile is what the store renders and real {@code caddy validate} accepts it;
 * no temporary file is left; the binary is one release or the other, whole, and the history says which.
 *
 * <p>The kill moments come from a seed, printed at the start; {@code -Dorbitr.crash.seed=N} runs them again.
 */
class CrashIT {
    private static final int ROUNDS = 20;
    private static final long SEED = Long.getLong("orbitr.crash.seed", System.nanoTime());

    /** Kept when the test fails: the writers' logs and Caddy's are in it. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path work;

    private Path data;
    private Path caddyHome;
    private Process caddy;
    private int httpPort;
    private int adminPort;
    /** What the acknowledged writes say the store holds. */
    private final Set<String> targets = new HashSet<>();
    private final Map<String, Boolean> routes = new HashMap<>();
    private final Map<String, Boolean> instances = new HashMap<>();
    private final Set<String> configs = new HashSet<>();
    /** Names whose last write was in flight when its writer died: either outcome is right. */
    private final Set<String> uncertain = new HashSet<>();
    private String domain = "d0.example.com";
    private Optional<String> domainInFlight = Optional.empty();
    private Optional<String> binaryVersion = Optional.empty();
    private boolean binaryInFlight;
    private final Map<String, Integer> acknowledged = new HashMap<>();
    private final Map<String, Integer> killedDuring = new HashMap<>();
    private int proxyFilesRewritten;
    /** The writer of the next round, started ahead. */
    private Writer next;

    @BeforeEach
    void startCaddy() throws Exception {
        data = work.resolve("data");
        caddyHome = Files.createDirectories(work.resolve("caddy-home"));
        httpPort = freePort();
        adminPort = freePort();
        Path initial = work.resolve("Caddyfile.initial");
        Files.writeString(initial, "{\n\tadmin 127.0.0.1:" + adminPort + "\n\thttp_port " + httpPort
                + "\n\tdefault_bind 127.0.0.1\n}\n");
        // Caddy logs to stderr: a pipe nobody reads would fill up and stop Caddy in the middle of a reload.
        caddy = caddy("run", "--config", initial.toString(), "--adapter", "caddyfile").redirectErrorStream(true)
                .redirectOutput(work.resolve("caddy.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!adminAnswers()) {
            if (!caddy.isAlive() || System.nanoTime() > deadline) {
                fail("Caddy did not start:\n" + Files.readString(work.resolve("caddy.log")));
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    @AfterEach
    void stopCaddy() throws InterruptedException {
        if (next != null) {
            next.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (caddy != null) {
            caddy.destroy();
            if (!caddy.waitFor(10, TimeUnit.SECONDS)) {
                caddy.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void everyAcknowledgedWriteSurvivesSigkillAndTheFilesAgreeWithTheStore() throws Exception {
        System.out.println("CrashIT seed " + SEED + " (rerun with -Dorbitr.crash.seed=" + SEED + ")");
        Random random = new Random(SEED);
        next = new Writer(1);
        for (int round = 1; round <= ROUNDS; round++) {
            Writer writer = next;
            next = null;
            writer.go();
            TimeUnit.MILLISECONDS.sleep(300 + random.nextInt(1201));
            writer.kill();
            // The next writer starts its JVM while this round is checked; it touches nothing before go().
            next = round < ROUNDS ? new Writer(round + 1) : null;
            account(round, writer.lines());
            check(round);
        }
        System.out.println("CrashIT: " + ROUNDS + " kills; acknowledged " + acknowledged + "; killed during "
                + killedDuring + "; proxy file rewritten at start in " + proxyFilesRewritten + " rounds");
        assertThat(acknowledged.getOrDefault("targets", 0)).as("acknowledged addAll calls").isPositive();
    }

    /** One writer JVM and what it printed. */
    private final class Writer {
        private final int round;
        private final Process process;
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final Thread reader;

        Writer(int round) throws IOException {
            this.round = round;
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(java, "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), CrashWriter.class.getName(), data.toString(),
                    String.valueOf(round), String.valueOf(httpPort), String.valueOf(adminPort))
                    .redirectError(log().toFile()).start();
            reader = new Thread(this::read, "crash-writer-" + round);
            reader.start();
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                    synchronized (this) {
                        notifyAll();
                    }
                }
            } catch (IOException e) {
                // The pipe breaks when the writer dies: the lines read so far are what it acknowledged.
            }
        }

        /** Lets the writer open the data directory, and waits until it has. */
        void go() throws Exception {
            await("waiting");
            process.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
            await("ready");
        }

        private synchronized void await(String line) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!lines.contains(line) && process.isAlive() && System.nanoTime() < deadline) {
                wait(50);
            }
            if (!lines.contains(line)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail("round " + round + ": the writer never printed '" + line + "'; its log:\n"
                        + Files.readString(log()));
            }
        }

        void kill() throws Exception {
            assertThat(process.isAlive()).as("round %d: the writer is still writing when it is killed; its log:%n%s",
                    round, Files.readString(log())).isTrue();
            process.destroyForcibly(); // SIGKILL on Linux
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            reader.join(10_000);
        }

        List<String> lines() {
            return List.copyOf(lines);
        }

        private Path log() {
            return work.resolve("writer-" + round + ".log");
        }
    }

    /**
     * Applies the acknowledged writes to the expected state; a write in flight makes its subject uncertain. The
     * writer has two threads (installs and rollbacks, everything else), so up to two writes are in flight.
     */
    private void account(int round, List<String> lines) {
        String mainInFlight = null;
        String binaryInFlightOp = null;
        for (String line : lines) {
            String[] parts = line.split(" ", 3);
            boolean binary = parts.length > 1 && (parts[1].equals("install") || parts[1].equals("rollback"));
            switch (parts[0]) {
                case "begin" -> {
                    if (binary) {
                        binaryInFlightOp = line.substring("begin ".length());
                    } else {
                        mainInFlight = line.substring("begin ".length());
                    }
                }
                case "ok" -> {
                    if (binary) {
                        binaryInFlightOp = null;
                    } else {
                        mainInFlight = null;
                    }
                    acknowledged.merge(parts[1], 1, Integer::sum);
                    apply(parts[1], parts[2]);
                }
                case "fail" -> binaryInFlightOp = null;
                default -> {
                }
            }
        }
        for (String inFlight : new String[] {mainInFlight, binaryInFlightOp}) {
            if (inFlight == null) {
                continue;
            }
            String[] parts = inFlight.split(" ", 2);
            killedDuring.merge(parts[0], 1, Integer::sum);
            switch (parts[0]) {
                case "settings" -> domainInFlight = Optional.of(parts[1]);
                case "install", "rollback" -> binaryInFlight = true;
                case "targets", "config" -> {
                    // A write in flight may or may not be there; nothing acknowledged depends on it.
                }
                default -> uncertain.add(parts[1]);
            }
        }
        System.out.println("CrashIT round " + round + ": " + lines.size() + " lines, killed during "
                + (mainInFlight == null ? "nothing" : mainInFlight) + " and "
                + (binaryInFlightOp == null ? "nothing" : binaryInFlightOp));
    }

    private void apply(String kind, String arg) {
        switch (kind) {
            case "targets" -> targets.addAll(List.of(arg.split(",")));
            case "create" -> certain(routes, arg, true);
            case "remove" -> certain(routes, arg, false);
            case "settings" -> {
                domain = arg;
                domainInFlight = Optional.empty();
            }
            case "config" -> configs.add(arg);
            case "instance" -> certain(instances, arg, true);
            case "delete" -> certain(instances, arg, false);
            case "install", "rollback" -> {
                binaryVersion = Optional.of(arg);
                binaryInFlight = false;
            }
            default -> fail("unknown write " + kind);
        }
    }

    private void certain(Map<String, Boolean> state, String name, boolean present) {
        state.put(name, present);
        uncertain.remove(name);
    }

    /** Opens the data directory as the next start would, and checks every promise. */
    private void check(int round) throws Exception {
        String before = readIfExists(data.resolve("proxy").resolve("Caddyfile"));
        try (Orbitr orbitr = CrashFixtures.open(data)) {
            ProxyManager proxies = orbitr.proxies();
            Set<String> stored = new HashSet<>();
            Optional<String> after = Optional.empty();
            do {
                Page<HealthTarget> page = orbitr.health().targets(1000, after);
                page.items().forEach(t -> stored.add(t.id()));
                after = page.next();
            } while (after.isPresent());
            assertThat(stored).as("round %d: acknowledged health targets", round).containsAll(targets);

            Set<String> storedRoutes = new HashSet<>();
            proxies.list().forEach(r -> storedRoutes.add(r.name()));
            routes.forEach((name, present) -> {
                if (!uncertain.contains(name)) {
                    assertThat(storedRoutes.contains(name)).as("round %d: route %s stored", round, name)
                            .isEqualTo(present);
                }
            });
            String storedDomain = proxies.settings().defaultDomain();
            assertThat(storedDomain.equals(domain) || domainInFlight.filter(storedDomain::equals).isPresent())
                    .as("round %d: domain %s, acknowledged %s, in flight %s", round, storedDomain, domain,
                            domainInFlight).isTrue();
            domain = storedDomain;
            domainInFlight = Optional.empty();

            InstanceManager jdc = orbitr.feature(InstanceManager.class);
            configs.forEach(name -> assertThat(jdc.configs().find(name)).as("round %d: configuration %s", round,
                    name).isPresent());
            instances.forEach((name, present) -> {
                if (!uncertain.contains(name)) {
                    assertThat(jdc.find(name).isPresent()).as("round %d: instance %s stored", round, name)
                            .isEqualTo(present);
                }
            });

            Path caddyfile = proxies.outputFile();
            Optional<ProxyFile> rendered = proxies.preview();
            if (rendered.isEmpty()) {
                assertThat(caddyfile).as("round %d: no routes, no Caddyfile", round).doesNotExist();
            } else {
                assertThat(caddyfile).as("round %d: the Caddyfile is what the store renders", round)
                        .hasContent(rendered.get().content());
                validate(caddyfile, round);
            }
            if (!String.valueOf(before).equals(readIfExists(caddyfile))) {
                proxyFilesRewritten++;
            }
            checkBinary(jdc.updater(), round);
        }
        assertNoTemporaryFiles(round);
    }

    private void checkBinary(BinaryUpdater updater, int round) throws IOException {
        Optional<InstalledBinary> current = updater.current();
        if (binaryVersion.isPresent() || current.isPresent()) {
            assertThat(current).as("round %d: a binary is installed", round).isPresent();
            String version = current.get().version();
            assertThat(version).as("round %d: the installed version", round).isIn(CrashFixtures.RELEASES);
            assertThat(Files.readAllBytes(current.get().path())).as("round %d: the binary is %s, whole", round,
                    version).isEqualTo(CrashFixtures.binary(version));
            Optional<UpdateRecord> last = updater.history(1000).stream()
                    .filter(r -> r.outcome() == UpdateOutcome.SUCCESS).findFirst();
            assertThat(last).as("round %d: the history names the installed binary", round).get()
                    .extracting(UpdateRecord::toVersion).isEqualTo(version);
            if (!binaryInFlight) {
                assertThat(Optional.of(version)).as("round %d: the last acknowledged install or rollback", round)
                        .isEqualTo(binaryVersion);
            }
            Optional<InstalledBinary> previous = updater.previous();
            if (previous.isPresent() && CrashFixtures.RELEASES.contains(previous.get().version())) {
                assertThat(Files.readAllBytes(previous.get().path())).as("round %d: the backup is %s, whole",
                        round, previous.get().version()).isEqualTo(CrashFixtures.binary(previous.get().version()));
            }
            binaryVersion = Optional.of(version);
            binaryInFlight = false;
        }
    }

    private void assertNoTemporaryFiles(int round) throws IOException {
        try (Stream<Path> files = Files.walk(data)) {
            List<Path> leftovers = new ArrayList<>(files.filter(p -> {
                String name = p.getFileName().toString();
                return name.endsWith(".tmp") || name.endsWith(".part") || name.endsWith(".next")
                        || name.endsWith(".backup");
            }).toList());
            assertThat(leftovers).as("round %d: temporary files left", round).isEmpty();
        }
    }

    private void validate(Path caddyfile, int round) throws Exception {
        Process validate = caddy("validate", "--adapter", "caddyfile", "--config", caddyfile.toString())
                .redirectErrorStream(true).start();
        String output = new String(validate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(validate.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(validate.exitValue()).as("round %d: caddy validate said:%n%s", round, output).isZero();
    }

    private ProcessBuilder caddy(String... args) {
        List<String> command = new ArrayList<>(List.of("caddy"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        // Even validate writes Caddy's CA files under HOME and the XDG directories: keep them private.
        builder.environment().put("HOME", caddyHome.toString());
        builder.environment().put("XDG_DATA_HOME", caddyHome.resolve("data").toString());
        builder.environment().put("XDG_CONFIG_HOME", caddyHome.resolve("config").toString());
        return builder;
    }

    private boolean adminAnswers() {
        try (var socket = new java.net.Socket("127.0.0.1", adminPort)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String readIfExists(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
