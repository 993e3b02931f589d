package io.orbitr.core.process;

import io.orbitr.stream.LogStream;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * One run of a supervised process: the operating-system process, its tree, and the two threads that drain its
 * stdout and stderr.
 */
final class ProcessRun {
    private final Process process;
    private final ProcessTree tree;
    private final Thread stdout;
    private final Thread stderr;
    private final OptionalLong group;
    private final String runToken;

    private ProcessRun(String name, Process process, OptionalLong group, String runToken, ProcessOutput output) {
        this.process = process;
        this.group = group;
        this.runToken = runToken;
        this.tree = new ProcessTree(name, process, group);
        this.stdout = reader(name, process, LogStream.STDOUT, output);
        this.stderr = reader(name, process, LogStream.STDERR, output);
    }

    /**
     * Starts draining a freshly started process's output.
     *
     * @param group    the process group it leads, when it leads one
     * @param runToken the token of this run in the store and in the program's environment
     */
    static ProcessRun begin(String name, Process process, OptionalLong group, String runToken,
            ProcessOutput output) {
        ProcessRun run = new ProcessRun(name, process, group, runToken, output);
        run.stdout.start();
        run.stderr.start();
        return run;
    }

    long pid() {
        return process.pid();
    }

    /** @return the process group the program leads, when it leads one */
    OptionalLong group() {
        return group;
    }

    String runToken() {
        return runToken;
    }

    ProcessTree tree() {
        return tree;
    }

    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** @return the exit code once the process has exited (128 + signal number after a death by signal) */
    OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /**
     * Waits, within a bound, until both pipes reach their end, so that an exit is reported after the last line
     * the process printed. The bound matters when something the process started still holds a pipe open.
     */
    void awaitOutput(Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        try {
            for (Thread reader : new Thread[] {stdout, stderr}) {
                long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                reader.join(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread reader(String name, Process process, LogStream stream, ProcessOutput output) {
        Thread thread = new Thread(new OutputReader(stream == LogStream.STDOUT ? process.getInputStream()
                : process.getErrorStream(), stream, output), "orbitr-process-" + name + "-" + stream.name()
                .toLowerCase(java.util.Locale.ROOT));
        thread.setDaemon(true);
        return thread;
    }
}
