package io.orbitr.examples.backup;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code orbitr backup}: backup archives of a data directory (and labelled volumes), and their restore. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Back up a data directory (and labelled Docker volumes) into one archive, and restore it.",
        subcommands = {BackupCreateCommand.class, BackupRestoreCommand.class, BackupVerifyCommand.class,
                BackupListCommand.class})
public final class BackupCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a backup command");
    }
}
