package io.orbitr.examples.launcher;

import io.orbitr.examples.backup.BackupCommand;
import io.orbitr.examples.bench.BenchCommand;
import io.orbitr.examples.extension.ExtCommand;
import io.orbitr.examples.jdclient.JdcCommand;
import io.orbitr.examples.proxy.ProxyCommand;
import io.orbitr.examples.server.ServeCommand;
import io.orbitr.examples.server.TokenCommand;
import io.orbitr.examples.server.UserCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code orbitr} command line. Unknown commands and bad options print usage and exit 2; every command's
 * failure is printed as one line in the user's words and exits 1.
 */
@Command(name = "orbitr", mixinStandardHelpOptions = true, versionProvider = Launcher.Version.class,
        description = "Run and watch a self-hosted platform: Docker, health, proxies, logs and native processes.",
        subcommands = {ServeCommand.class, StatusCommand.class, UserCommand.class, TokenCommand.class, BenchCommand.class,
                ProxyCommand.class, JdcCommand.class, BackupCommand.class, ExtCommand.class})
public final class Launcher implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the command line without exiting, for tests.
     *
     * @param args the command line
     * @return the exit code
     */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /**
     * Runs the command line with the given output and error writers, for tests.
     *
     * @param out  where commands print their results
     * @param err  where usage and errors go
     * @param args the command line
     * @return the exit code
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new Launcher()).setOut(out).setErr(err);
        commandLine.setParameterExceptionHandler((error, parsed) -> {
            CommandLine line = error.getCommandLine();
            line.getErr().println("orbitr: " + error.getMessage());
            line.usage(line.getErr());
            return 2;
        });
        commandLine.setExecutionExceptionHandler((error, line, parsed) -> {
            line.getErr().println("orbitr: " + error.getMessage());
            return 1;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        // "orbitr" alone is a usage error: it names no command.
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** Reports Orbitr's version for {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"orbitr " + io.orbitr.core.Orbitr.version()};
        }
    }
}
