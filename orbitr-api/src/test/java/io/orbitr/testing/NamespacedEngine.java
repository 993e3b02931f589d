package io.orbitr.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.orbitr.engine.EngineTls;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A second, real Docker engine in a network namespace of its own ({@code orbitr-engines-<random>}), reached from the
 * host over a veth pair in a private /30 of 10.213.0.0/16, listening on TCP with {@code --tlsverify} and
 * certificates made here with openssl (the test-jar's fixture, shared by every module's tests of several engines). Never in the host's namespace: a second engine there can delete the first
 * engine's {@code docker0}. Its own data root, exec root and pid file under a temporary directory.
 *
 * <p>{@link #close()} stops the engine and its containerd, deletes the namespace (which takes the veth pair with
 * it) and the directory, even when the start failed half-way. Under {@code CI=true} a missing {@code ip},
 * {@code dockerd} or {@code openssl} fails; otherwise it skips.
 */
public final class NamespacedEngine implements AutoCloseable {
    /** The port the engine listens on, in its namespace. */
    public static final int PORT = 2376;
    private static final Duration START_BOUND = Duration.ofSeconds(30);

    /** Random; in the namespace's, the directory's and the veth pair's names. */
    public final String id = Long.toString(ThreadLocalRandom.current().nextLong(1L << 30, 1L << 40), 36);
    /** The network namespace's name. */
    public final String namespace = "orbitr-engines-" + id;
    private final String hostVeth = "oe" + id.substring(0, Math.min(6, id.length())) + "h";
    private final String nsVeth = "oe" + id.substring(0, Math.min(6, id.length())) + "n";
    /** The engine's roots, log and certificates. */
    public final Path directory;
    /** The CA, server and client certificates; the client's as {@code ca.pem}, {@code cert.pem}, {@code key.pem}. */
    public final Path certificates;
    private String hostAddress;
    private String nsAddress;
    private boolean namespaceCreated;
    private boolean vethCreated;
    private Process dockerd;

    public NamespacedEngine() throws IOException {
        requireTools();
        directory = Files.createTempDirectory("orbitr-engines-" + id + "-");
        certificates = directory.resolve("certs");
        Files.createDirectories(certificates);
    }

    /**
     * Starts an engine and loads an image into it; on a failure, what was made is undone before it is thrown.
     *
     * @param image an image of the host's engine, for example {@code TestImages.busybox()}
     * @return the running engine, holding the image
     * @throws Exception when the engine cannot be started or the image loaded
     */
    public static NamespacedEngine startedWith(String image) throws Exception {
        NamespacedEngine engine = new NamespacedEngine();
        try {
            engine.start();
            engine.loadImage(image);
            return engine;
        } catch (Exception | Error e) {
            engine.close();
            throw e;
        }
    }

    /** Creates the namespace and its link, the certificates, and starts the engine. */
    public NamespacedEngine start() throws Exception {
        pickAddresses();
        run("ip", "netns", "add", namespace);
        namespaceCreated = true;
        run("ip", "link", "add", hostVeth, "type", "veth", "peer", "name", nsVeth);
        vethCreated = true;
        run("ip", "link", "set", nsVeth, "netns", namespace);
        run("ip", "addr", "add", hostAddress + "/30", "dev", hostVeth);
        run("ip", "link", "set", hostVeth, "up");
        inNamespace("ip", "link", "set", "lo", "up");
        inNamespace("ip", "addr", "add", nsAddress + "/30", "dev", nsVeth);
        inNamespace("ip", "link", "set", nsVeth, "up");
        makeCertificates();
        startEngine();
        return this;
    }

    /** @return the engine's address, {@code tcp://10.213.x.y:2376} */
    public URI uri() {
        return URI.create("tcp://" + nsAddress + ":" + PORT);
    }

    /** @return the namespace's address, which a swarm advertises */
    public String address() {
        return nsAddress;
    }

    /** @return the client's TLS files */
    public EngineTls tls() {
        return EngineTls.inDirectory(certificates);
    }

    /**
     * Kills the engine as a crash of its host would: SIGKILL to dockerd, its containerd and the shims. (A containerd
     * left running after its dockerd was killed is not taken over by the next dockerd here: it times out waiting for
     * it.) The stale pid files stay, as after a crash.
     */
    public void kill() throws InterruptedException {
        Process process = dockerd;
        if (process != null && process.isAlive()) {
            dockerdPid().ifPresent(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle leftover : ours()) {
            leftover.destroyForcibly();
            try {
                leftover.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // Reported by the start that follows, if it matters.
            }
        }
    }

    /** Starts the engine again with the same roots and certificates, and waits until it answers. */
    public void restart() throws Exception {
        startEngine();
    }

    /**
     * Runs the docker CLI against this engine.
     *
     * @param args the CLI's arguments
     * @return its output
     */
    public String docker(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        return run(command, cliEnvironment(), Duration.ofSeconds(60));
    }

    /** Copies an image from the host's engine into this one ({@code docker save | docker load}). */
    public void loadImage(String image) throws IOException, InterruptedException {
        run(List.of("bash", "-c", "docker save " + image + " | DOCKER_HOST=" + hostVariable()
                + " DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=" + certificates + " docker load"), Map.of(),
                Duration.ofSeconds(60));
    }

    @Override
    public void close() {
        List<String> problems = new ArrayList<>();
        try {
            stopEngine();
        } catch (Exception e) {
            problems.add("stop dockerd: " + e);
        }
        killLeftovers();
        unmountUnder(directory);
        if (namespaceCreated) {
            try {
                run("ip", "netns", "delete", namespace);
            } catch (Exception e) {
                problems.add("delete netns: " + e);
            }
        }
        if (vethCreated) {
            // Deleting the namespace takes the pair with it; only a half-made setup leaves the host end.
            try {
                run(List.of("bash", "-c", "ip link show " + hostVeth + " >/dev/null 2>&1 && ip link delete " + hostVeth
                        + " || true"), Map.of(), Duration.ofSeconds(10));
            } catch (Exception e) {
                problems.add("delete veth: " + e);
            }
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            problems.add("delete " + directory + ": " + e);
        }
        if (!problems.isEmpty()) {
            System.err.println("NamespacedEngine " + id + " cleanup problems: " + problems);
        }
    }

    private void startEngine() throws Exception {
        Path log = directory.resolve("dockerd.log");
        // nsenter enters the network namespace only: "ip netns exec" also remounts /sys in a mount namespace of its
        // own, which hides the cgroup mounts, and dockerd refuses to start ("Devices cgroup isn't mounted").
        List<String> command = List.of("nsenter", "--net=/run/netns/" + namespace, "dockerd",
                "--data-root", directory.resolve("data").toString(),
                "--exec-root", directory.resolve("exec").toString(),
                "--pidfile", directory.resolve("docker.pid").toString(),
                "--host", "tcp://" + nsAddress + ":" + PORT,
                "--tlsverify",
                "--tlscacert", certificates.resolve("ca.pem").toString(),
                "--tlscert", certificates.resolve("server-cert.pem").toString(),
                "--tlskey", certificates.resolve("server-key.pem").toString(),
                "--bridge", "none",
                "--storage-driver", "overlay2");
        dockerd = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + START_BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            if (!dockerd.isAlive()) {
                fail("the second dockerd exited at start: " + tail(log));
            }
            try {
                docker("version", "--format", "{{.Server.Version}}");
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        fail("the second dockerd did not answer within " + START_BOUND + ": " + tail(log));
    }

    private void stopEngine() throws Exception {
        Process process = dockerd;
        if (process == null) {
            return;
        }
        java.util.Optional<Long> pid = dockerdPid();
        pid.ifPresent(p -> ProcessHandle.of(p).ifPresent(ProcessHandle::destroy));
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            pid.ifPresent(p -> ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly));
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The daemon's own pid (ip netns exec execs it, so this is the child's pid, but read the file to be sure). */
    private java.util.Optional<Long> dockerdPid() {
        try {
            return java.util.Optional.of(Long.parseLong(Files.readString(directory.resolve("docker.pid")).trim()));
        } catch (IOException | NumberFormatException e) {
            return java.util.Optional.ofNullable(dockerd).map(Process::pid);
        }
    }

    /** Kills what this engine started and left behind (containerd, shims): processes whose command names our roots. */
    private void killLeftovers() {
        List<ProcessHandle> ours = ours();
        ours.forEach(ProcessHandle::destroy);
        for (ProcessHandle process : ours) {
            try {
                process.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        }
    }

    /** @return the processes whose command line names this engine's directory (dockerd, containerd, shims) */
    private List<ProcessHandle> ours() {
        String marker = directory.toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(args -> String.join(" ", args).contains(marker)).orElse(false)
                        || p.info().commandLine().map(line -> line.contains(marker)).orElse(false))
                .toList();
    }

    private static void unmountUnder(Path directory) {
        try {
            List<String> mounts = Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                    .map(line -> line.split(" ")[4])
                    .filter(point -> point.startsWith(directory.toString()))
                    .sorted(Comparator.reverseOrder())
                    .toList();
            for (String point : mounts) {
                new ProcessBuilder("umount", "-l", point).redirectErrorStream(true).start().waitFor(10,
                        TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            // Nothing mounted, or nothing to read: the delete that follows says what is left.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pickAddresses() throws IOException, InterruptedException {
        String used = run(List.of("ip", "-4", "-o", "addr"), Map.of(), Duration.ofSeconds(10));
        for (int attempt = 0; attempt < 50; attempt++) {
            int third = ThreadLocalRandom.current().nextInt(0, 256);
            int base = 4 * ThreadLocalRandom.current().nextInt(0, 64);
            String prefix = "10.213." + third + ".";
            if (!used.contains(prefix)) {
                hostAddress = prefix + (base + 1);
                nsAddress = prefix + (base + 2);
                return;
            }
        }
        fail("no free /30 in 10.213.0.0/16");
    }

    private void makeCertificates() throws IOException, InterruptedException {
        Path dir = certificates;
        String subject = "/CN=orbitr-engines-test";
        openssl("genrsa", "-out", dir.resolve("ca-key.pem").toString(), "2048");
        openssl("req", "-x509", "-new", "-key", dir.resolve("ca-key.pem").toString(), "-days", "1",
                "-subj", subject + "-ca", "-out", dir.resolve("ca.pem").toString());
        Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:" + nsAddress
                + "\nextendedKeyUsage=serverAuth\n", StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n", StandardCharsets.US_ASCII);
        signed("server", subject + "-server", dir.resolve("server.ext"));
        signed("client", subject + "-client", dir.resolve("client.ext"));
        // The names the docker CLI and EngineTls.inDirectory expect for the client.
        Files.copy(dir.resolve("client-cert.pem"), dir.resolve("cert.pem"));
        Files.copy(dir.resolve("client-key.pem"), dir.resolve("key.pem"));
    }

    private void signed(String who, String subject, Path extensions) throws IOException, InterruptedException {
        Path dir = certificates;
        openssl("genrsa", "-out", dir.resolve(who + "-key.pem").toString(), "2048");
        openssl("req", "-new", "-key", dir.resolve(who + "-key.pem").toString(), "-subj", subject,
                "-out", dir.resolve(who + ".csr").toString());
        openssl("x509", "-req", "-in", dir.resolve(who + ".csr").toString(), "-CA", dir.resolve("ca.pem").toString(),
                "-CAkey", dir.resolve("ca-key.pem").toString(), "-CAcreateserial", "-days", "1",
                "-extfile", extensions.toString(), "-out", dir.resolve(who + "-cert.pem").toString());
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        run(command, Map.of(), Duration.ofSeconds(30));
    }

    private Map<String, String> cliEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("DOCKER_HOST", hostVariable());
        env.put("DOCKER_TLS_VERIFY", "1");
        env.put("DOCKER_CERT_PATH", certificates.toString());
        return env;
    }

    private String hostVariable() {
        return "tcp://" + nsAddress + ":" + PORT;
    }

    private void inNamespace(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        command.addAll(List.of(args));
        run(command, Map.of(), Duration.ofSeconds(10));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        run(List.of(command), Map.of(), Duration.ofSeconds(10));
    }

    private static String run(List<String> command, Map<String, String> env, Duration bound)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] output;
        try (var in = process.getInputStream()) {
            output = in.readAllBytes();
        }
        if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within " + bound);
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + process.exitValue() + ": " + text.trim());
        }
        return text;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log).stream()
                    .filter(line -> !line.contains("level=info") && !line.contains("level=debug")).toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void requireTools() {
        List<String> missing = new ArrayList<>();
        for (String tool : List.of("ip", "nsenter", "dockerd", "openssl", "docker")) {
            boolean found = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                    .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
            if (!found) {
                missing.add(tool);
            }
        }
        if (!missing.isEmpty()) {
            String message = "a second engine needs " + missing + " on PATH, and root";
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }
    }
}
