package io.orbitr.examples.jdclient;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code orbitr jdc pubkey}: Print the public key of an authority secret key. */
@Command(name = "pubkey", mixinStandardHelpOptions = true, description = "Print the public key of an authority secret key.")
public final class JdcPubkeyCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("orbitr: orbitr jdc pubkey is not available in this build");
        return 1;
    }
}
