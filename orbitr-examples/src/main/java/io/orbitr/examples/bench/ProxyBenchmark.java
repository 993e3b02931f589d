package io.orbitr.examples.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code orbitr bench proxy}: Render 10,000 routes with each proxy generator. */
@Command(name = "proxy", mixinStandardHelpOptions = true, description = "Render 10,000 routes with each proxy generator.")
public final class ProxyBenchmark implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("orbitr: orbitr bench proxy is not available in this build");
        return 1;
    }
}
