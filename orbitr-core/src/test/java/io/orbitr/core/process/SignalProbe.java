package io.orbitr.core.process;

import io.orbitr.testing.Await;
import io.orbitr.process.ProcessSpec;
import io.orbitr.process.ProcessState;
import io.orbitr.process.RestartPolicy;
import io.orbitr.stream.LogLine;

/**
 * Run in a JVM of its own, started by a shell that ignores SIGINT and SIGHUP: supervises {@code grep} reading its
 * own ignored-signal mask, and prints what it read.
 */
public final class SignalProbe {
    private SignalProbe() {
    }

    /** @param args unused */
    public static void main(String[] args) {
        try (LocalProcessSupervisor supervisor = LocalProcessSupervisor.builder().build()) {
            supervisor.start(ProcessSpec.builder("probe", "grep").args("^SigIgn", "/proc/self/status")
                    .restartPolicy(RestartPolicy.never()).build());
            Await.until("the probe to exit", () -> supervisor.status("probe").orElseThrow().state()
                    == ProcessState.EXITED);
            supervisor.tail("probe", 10).stream().map(LogLine::text).forEach(System.out::println);
        }
    }
}
