package io.orbitr.examples.jdclient;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code orbitr jdc}: Stratum V2 Job Declarator Client tools. */
@Command(name = "jdc", mixinStandardHelpOptions = true, description = "Stratum V2 Job Declarator Client tools.",
        subcommands = {JdcValidateCommand.class, JdcKeygenCommand.class, JdcPubkeyCommand.class})
public final class JdcCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a jdc command");
    }
}
