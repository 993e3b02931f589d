package io.orbitr.examples.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code orbitr bench metrics}: Ingest and aggregate 7 days of per-second samples: H2 against the seed's SQLite design. */
@Command(name = "metrics", mixinStandardHelpOptions = true, description = "Ingest and aggregate 7 days of per-second samples: H2 against the seed's SQLite design.")
public final class MetricsBenchmark implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("orbitr: orbitr bench metrics is not available in this build");
        return 1;
    }
}
