package io.orbitr.examples.extension;

import io.orbitr.core.Orbitr;
import io.orbitr.examples.launcher.PlatformOptions;
import io.orbitr.extension.InstalledExtension;
import io.orbitr.Page;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code orbitr ext list}: the installed extensions. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the installed extensions.")
final class ExtListCommand implements Callable<Integer> {
    @Mixin
    private PlatformOptions options;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Orbitr orbitr = options.builder().build()) {
            out.printf("%-24s %-12s %-10s %-12s %s%n", "ID", "VERSION", "STATE", "ENGINE", "INSTALLED");
            Optional<String> after = Optional.empty();
            do {
                Page<InstalledExtension> page = orbitr.extensions().list(100, after);
                for (InstalledExtension e : page.items()) {
                    out.printf("%-24s %-12s %-10s %-12s %s%n", e.id(), e.manifest().version(),
                            e.state().name().toLowerCase(Locale.ROOT), e.engine(), e.installedAt());
                }
                after = page.next();
            } while (after.isPresent());
        }
        out.flush();
        return 0;
    }
}
