package io.orbitr.examples.extension;

import io.orbitr.core.Orbitr;
import io.orbitr.examples.launcher.PlatformOptions;
import io.orbitr.extension.ExtensionStatus;
import io.orbitr.extension.ServiceStatus;
import io.orbitr.health.TargetStatus;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code orbitr ext status ID}: containers, health and route of an installed extension. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show an installed extension's containers, health checks and route.")
final class ExtStatusCommand implements Callable<Integer> {
    @Mixin
    private PlatformOptions options;

    @Parameters(index = "0", paramLabel = "ID", description = "The extension.")
    private String id;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Orbitr orbitr = options.builder().build()) {
            ExtensionStatus status = orbitr.extensions().status(id);
            out.println(id + " " + status.extension().manifest().version() + " (revision "
                    + status.extension().manifest().revision() + "): "
                    + status.extension().state().name().toLowerCase(Locale.ROOT) + ", health " + status.health());
            out.println("engine: " + status.extension().engine());
            status.url().ifPresent(url -> out.println("url: " + url));
            for (ServiceStatus service : status.services()) {
                out.println("service " + service.service() + ": " + service.container() + " "
                        + service.status().map(s -> s.engineName()).orElse("missing")
                        + service.address().map(a -> " at " + a).orElse(""));
            }
            for (TargetStatus check : status.checks()) {
                out.println("check " + check.id() + ": " + check.status()
                        + check.last().map(r -> " (" + r.message() + ")").orElse(""));
            }
            status.differences().forEach(d -> out.println("difference: " + d));
        }
        out.flush();
        return 0;
    }
}
