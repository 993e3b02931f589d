package io.orbitr.examples.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code orbitr bench health}: 10,000 HTTP and TCP targets at a 1 s interval for 60 s. */
@Command(name = "health", mixinStandardHelpOptions = true, description = "10,000 HTTP and TCP targets at a 1 s interval for 60 s.")
public final class HealthBenchmark implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("orbitr: orbitr bench health is not available in this build");
        return 1;
    }
}
