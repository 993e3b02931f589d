package io.orbitr.examples.proxy;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code orbitr proxy}: reverse-proxy configuration. */
@Command(name = "proxy", mixinStandardHelpOptions = true, description = "Reverse-proxy configuration.",
        subcommands = {ProxyRenderCommand.class})
public final class ProxyCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a proxy command");
    }
}
