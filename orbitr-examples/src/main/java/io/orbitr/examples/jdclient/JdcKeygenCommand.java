package io.orbitr.examples.jdclient;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code orbitr jdc keygen}: Generate an authority key pair. */
@Command(name = "keygen", mixinStandardHelpOptions = true, description = "Generate an authority key pair.")
public final class JdcKeygenCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("orbitr: orbitr jdc keygen is not available in this build");
        return 1;
    }
}
