package io.orbitr.examples.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code orbitr bench logs}: Log fan-out throughput: direct docker-java against the hub with 1 and 100 subscribers. */
@Command(name = "logs", mixinStandardHelpOptions = true, description = "Log fan-out throughput: direct docker-java against the hub with 1 and 100 subscribers.")
public final class LogsBenchmark implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("orbitr: orbitr bench logs is not available in this build");
        return 1;
    }
}
