package io.orbitr.examples.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code orbitr bench engine}: Engine call latency through Orbitr against the docker CLI. */
@Command(name = "engine", mixinStandardHelpOptions = true, description = "Engine call latency through Orbitr against the docker CLI.")
public final class EngineBenchmark implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("orbitr: orbitr bench engine is not available in this build");
        return 1;
    }
}
