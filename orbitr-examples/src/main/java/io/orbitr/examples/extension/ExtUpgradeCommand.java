package io.orbitr.examples.extension;

import io.orbitr.core.Orbitr;
import io.orbitr.examples.launcher.PlatformOptions;
import io.orbitr.extension.ExtensionManifest;
import io.orbitr.extension.InstalledExtension;
import io.orbitr.extension.InvalidManifestException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code orbitr ext upgrade ID FILE}: upgrades to a new manifest, rolled back when it does not become healthy. */
@Command(name = "upgrade", mixinStandardHelpOptions = true,
        description = "Upgrade an extension to a new manifest; rolled back when its main service is not healthy.")
final class ExtUpgradeCommand implements Callable<Integer> {
    @Mixin
    private PlatformOptions options;

    @Parameters(index = "0", paramLabel = "ID", description = "The extension.")
    private String id;

    @Parameters(index = "1", paramLabel = "FILE", description = "The new manifest.")
    private Path file;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Orbitr orbitr = options.builder().build()) {
            try {
                ExtensionManifest manifest = orbitr.extensions().parse(ManifestFiles.read(file), file.toString());
                InstalledExtension done = orbitr.extensions().upgrade(id, manifest);
                out.println("upgraded " + id + " to " + done.manifest().version());
            } catch (InvalidManifestException e) {
                return ManifestFiles.printProblems(out, file.toString(), e);
            }
        }
        out.flush();
        return 0;
    }
}
