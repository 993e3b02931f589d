package io.orbitr.examples.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code orbitr bench NAME}: the benchmarks. Each prints its figures as {@code figure NAME = VALUE} lines and each
 * comparison with a baseline run in the same process as {@code ratio A/B NAME = VALUE}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Run a benchmark.",
        subcommands = {LogsBenchmark.class, EngineBenchmark.class, HealthBenchmark.class, ProxyBenchmark.class,
                MetricsBenchmark.class, ExtensionsBenchmark.class, ApiBenchmark.class, WsBenchmark.class,
                UiBenchmark.class, TimerBenchmark.class, StatusBenchmark.class, ClusterBenchmark.class})
public final class BenchCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a benchmark");
    }
}
