package io.orbitr.examples.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ClusterNode} in a JVM of its own, started from this JVM's class path: its lines are read on a thread of
 * their own, its last {@code metrics} line kept, and every wait for it is bounded.
 */
final class NodeProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private volatile long completed;
    private volatile double onTimeShare = 1;
    private volatile String holder = "";

    private NodeProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread reader = new Thread(this::read, name + "-out");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Waits until the node has started (several nodes start side by side: start them all, then wait for each).
     *
     * @return this node
     * @throws IOException when it does not start in time
     */
    NodeProcess awaitStarted(Duration timeout) throws IOException {
        holder = await("node ", timeout).substring("node ".length());
        return this;
    }

    /**
     * @param name    for messages and the thread names
     * @param args      the node's arguments ({@link ClusterNode#main})
     * @param secretKey the platform's secret key in base64, the same for every server on one store
     * @return the node, starting
     * @throws IOException when its JVM cannot start
     */
    static NodeProcess start(String name, List<String> args, String secretKey) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx512m", "-XX:+UseSerialGC",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.log.io.orbitr.core.health.TargetRegistry=info",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS", "-cp", System.getProperty("java.class.path"),
                ClusterNode.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("ORBITR_SECRET_KEY", secretKey);
        return new NodeProcess(name, builder.start());
    }

    private void read() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("metrics ")) {
                    String[] parts = line.split(" ");
                    completed = Long.parseLong(parts[1]);
                    onTimeShare = Double.parseDouble(parts[2]);
                } else {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            // the node died; its last figures stay
        }
    }

    /** @return the node's lease holder name (once started) */
    String holder() {
        return holder;
    }

    /** @return checks the node completed so far (by its last report, at most a second old) */
    long completed() {
        return completed;
    }

    /** @return checks the node started on time so far (by its last report) */
    double onTime() {
        return completed * onTimeShare;
    }

    /** @return a new random secret key in base64, for the servers of one run */
    static String newSecretKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    /** Sends one command line. */
    void send(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Waits for a line that starts with the prefix (other lines are skipped). */
    String await(String prefix, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                String line = left <= 0 ? null : lines.poll(Math.min(left, 500_000_000L), TimeUnit.NANOSECONDS);
                if (line == null && left > 0 && process.isAlive()) {
                    continue;
                }
                if (line == null && left > 0) {
                    line = lines.poll(); // the node died: a line it printed last may still be queued
                }
                if (line == null) {
                    throw new IOException(name + " did not print '" + prefix + "...' within " + timeout
                            + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")"));
                }
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + name, e);
        }
    }

    /** Kills the node at once with SIGKILL: it releases nothing. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Stops the node the orderly way (its input closes), killing it when it takes more than 20 s. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
    }
}
