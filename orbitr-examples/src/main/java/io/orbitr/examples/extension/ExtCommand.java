package io.orbitr.examples.extension;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code orbitr ext}: extensions, apps installed from a manifest as containers with health checks and a route. */
@Command(name = "ext", mixinStandardHelpOptions = true,
        description = "Extensions: apps installed from a manifest as containers, with health checks and a route.",
        subcommands = {ExtValidateCommand.class, ExtCatalogCommand.class, ExtInstallCommand.class,
                ExtListCommand.class, ExtStatusCommand.class, ExtUpgradeCommand.class, ExtRemoveCommand.class,
                ExtImportCommand.class})
public final class ExtCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name an ext command");
    }
}
