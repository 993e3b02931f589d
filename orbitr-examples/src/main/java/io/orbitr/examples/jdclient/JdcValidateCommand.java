package io.orbitr.examples.jdclient;

import io.orbitr.InvalidValueException;
import io.orbitr.jdclient.config.ConfigProblem;
import io.orbitr.jdclient.config.ImportResult;
import io.orbitr.jdclient.config.SchemaChange;
import io.orbitr.jdclient.config.TomlImporter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code orbitr jdc validate FILE.toml}: checks a jd-client configuration against the current sv2-apps schema.
 * Prints {@code valid} and exits 0 (warnings, such as the project's public test keys, go to stderr); otherwise
 * prints every problem, or for a file of an older jd-client the keys to change, and exits 2.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Validate a jd-client TOML configuration: prints 'valid' and exits 0, or prints every problem"
                + " and exits 2.")
public final class JdcValidateCommand implements Callable<Integer> {
    /** The exit code for a configuration jd-client would refuse. */
    static final int INVALID = 2;

    @Parameters(index = "0", paramLabel = "FILE.toml", description = "The jd-client configuration file.")
    private Path file;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            ImportResult result;
            try {
                result = TomlImporter.read(file);
            } catch (InvalidValueException e) {
                out.println(e.getMessage());
                return INVALID;
            }
            result.validation().warnings().forEach(w -> err.println("warning: " + w));
            if (result.valid()) {
                out.println("valid");
                return 0;
            }
            result.oldSchema().ifPresent(old -> {
                out.println("old schema: " + file + " is written for " + old.era() + "; change these keys for the"
                        + " current sv2-apps jd-client:");
                for (SchemaChange change : old.changes()) {
                    out.println("  - " + change);
                }
            });
            List<ConfigProblem> problems = result.validation().problems();
            if (!problems.isEmpty()) {
                out.println("invalid: " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in "
                        + file + ":");
                for (ConfigProblem problem : problems) {
                    out.println("  - " + problem);
                }
            }
            return INVALID;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
