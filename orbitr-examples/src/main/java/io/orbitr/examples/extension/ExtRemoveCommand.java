package io.orbitr.examples.extension;

import io.orbitr.core.Orbitr;
import io.orbitr.examples.launcher.PlatformOptions;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code orbitr ext remove ID [--purge]}: uninstalls, keeping data volumes unless purged. */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = "Uninstall an extension; its data volumes are kept unless --purge is given.")
final class ExtRemoveCommand implements Callable<Integer> {
    @Mixin
    private PlatformOptions options;

    @Parameters(index = "0", paramLabel = "ID", description = "The extension.")
    private String id;

    @Option(names = "--purge", description = "Also remove its data volumes and data directory.")
    private boolean purge;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Orbitr orbitr = options.builder().build()) {
            orbitr.extensions().uninstall(id, purge);
        }
        out.println("removed " + id + (purge ? " and its data" : " (data volumes kept; --purge removes them)"));
        out.flush();
        return 0;
    }
}
