package io.orbitr.examples.extension;

import io.orbitr.NotFoundException;
import io.orbitr.core.Orbitr;
import io.orbitr.engine.EngineSettings;
import io.orbitr.examples.launcher.PlatformOptions;
import io.orbitr.extension.ExtensionManager;
import io.orbitr.extension.ExtensionManifest;
import io.orbitr.extension.ExtensionStatus;
import io.orbitr.extension.InstallOptions;
import io.orbitr.extension.InvalidManifestException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code orbitr ext install ID|FILE [--set NAME=VALUE]... [--on-engine NAME]}: installs from the catalog or a manifest
 * file, on the {@code local} engine or the endpoint named (stored, or given with {@code --engine NAME=URI}, which
 * every command takes to define an endpoint; hence a name of its own for the choice).
 */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = "Install an extension from the catalog (by id) or from a manifest file.")
final class ExtInstallCommand implements Callable<Integer> {
    @Mixin
    private PlatformOptions options;

    @Parameters(index = "0", paramLabel = "ID|FILE", description = "A catalog id or a manifest file.")
    private String what;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "An input's value (repeatable).")
    private List<String> sets = new ArrayList<>();

    @Option(names = "--on-engine", paramLabel = "NAME", defaultValue = EngineSettings.LOCAL,
            description = "The engine endpoint to install on (default: ${DEFAULT-VALUE}); later ext commands use it.")
    private String engine;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Orbitr orbitr = options.builder().build()) {
            ExtensionManager extensions = orbitr.extensions();
            ExtensionManifest manifest;
            try {
                Path file = Path.of(what);
                manifest = Files.isRegularFile(file) ? extensions.parse(ManifestFiles.read(file), what)
                        : extensions.show(what).orElseThrow(() -> new NotFoundException("extension in the catalog or"
                                + " manifest file", what)).manifest();
                extensions.install(manifest, ManifestFiles.settings(sets), InstallOptions.onEngine(engine)
                        .withProgress((id, step) -> {
                            out.println("  " + step);
                            out.flush();
                        }));
            } catch (InvalidManifestException e) {
                return ManifestFiles.printProblems(out, what, e);
            }
            ExtensionStatus status = extensions.status(manifest.id());
            out.println("installed " + manifest.id() + " " + manifest.version()
                    + (engine.equals(EngineSettings.LOCAL) ? "" : " on engine " + engine)
                    + status.url().map(url -> " at " + url).orElse(""));
        }
        out.flush();
        return 0;
    }
}
