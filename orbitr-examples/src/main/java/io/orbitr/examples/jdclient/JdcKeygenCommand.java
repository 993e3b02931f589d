package io.orbitr.examples.jdclient;

import io.orbitr.jdclient.keys.AuthorityKeyPair;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code orbitr jdc keygen}: generates a new authority key pair and prints exactly two lines, {@code public: KEY}
 * and {@code secret: KEY}, ready for a jd-client configuration's {@code authority_public_key} and
 * {@code authority_secret_key}.
 */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = "Generate an authority key pair for a jd-client instance (each instance needs its own).")
public final class JdcKeygenCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        AuthorityKeyPair pair = AuthorityKeyPair.generate();
        PrintWriter out = spec.commandLine().getOut();
        out.println("public: " + pair.publicKey().encoded());
        out.println("secret: " + pair.secretKey().encoded());
        out.flush();
        return 0;
    }
}
