package io.orbitr.examples.jdclient;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code orbitr jdc validate}: Validate a jd-client TOML configuration. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Validate a jd-client TOML configuration.")
public final class JdcValidateCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("orbitr: orbitr jdc validate is not available in this build");
        return 1;
    }
}
