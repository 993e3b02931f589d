package io.orbitr.examples.jdclient;

import io.orbitr.InvalidValueException;
import io.orbitr.jdclient.keys.AuthoritySecretKey;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code orbitr jdc pubkey SECRET}: prints the public key of an authority secret key, alone on one line. A secret
 * that is not a valid key is a usage error: the problem is printed and the exit code is 2.
 */
@Command(name = "pubkey", mixinStandardHelpOptions = true,
        description = "Print the authority public key of an authority secret key.")
public final class JdcPubkeyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SECRET", description = "The authority secret key (Base58Check).")
    private String secret;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try {
            String publicKey = AuthoritySecretKey.parse("SECRET", secret).publicKey().encoded();
            PrintWriter out = spec.commandLine().getOut();
            out.println(publicKey);
            out.flush();
            return 0;
        } catch (InvalidValueException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("orbitr: " + e.getMessage());
            err.flush();
            return 2;
        }
    }
}
