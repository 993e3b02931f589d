package io.orbitr.examples.extension;

import io.orbitr.core.Orbitr;
import io.orbitr.examples.launcher.PlatformOptions;
import io.orbitr.extension.CatalogEntry;
import io.orbitr.extension.ExtensionManifest;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code orbitr ext catalog [TEXT] [--category C]}: the extensions available to install. */
@Command(name = "catalog", mixinStandardHelpOptions = true,
        description = "List the extensions available to install, optionally matching a text or a category.")
final class ExtCatalogCommand implements Callable<Integer> {
    @Mixin
    private PlatformOptions options;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TEXT", description = "Match id, name or description.")
    private String text = "";

    @Option(names = "--category", description = "Only this category (database, monitoring...).")
    private String category;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Orbitr orbitr = options.builder().build()) {
            List<CatalogEntry> entries = orbitr.extensions().search(text, Optional.ofNullable(category));
            out.printf("%-16s %-12s %-14s %s%n", "ID", "VERSION", "CATEGORY", "NAME");
            for (CatalogEntry entry : entries) {
                ExtensionManifest m = entry.manifest();
                out.printf("%-16s %-12s %-14s %s%n", m.id(), m.version(), m.category(), m.name());
            }
        }
        out.flush();
        return 0;
    }
}
