package io.orbitr.examples.extension;

import io.orbitr.OrbitrException;
import io.orbitr.core.extension.ComposeImport;
import io.orbitr.examples.launcher.PlatformOptions;
import io.orbitr.extension.InvalidManifestException;
import io.orbitr.extension.ManifestProblem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code orbitr ext import COMPOSE-FILE [--id ID] [-o FILE]}: a manifest draft from a Compose file. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Write a manifest draft from a Docker Compose file; what cannot be carried over is listed.")
final class ExtImportCommand implements Callable<Integer> {
    @Mixin
    private PlatformOptions options;

    @Parameters(index = "0", paramLabel = "COMPOSE-FILE", description = "The Compose file.")
    private Path file;

    @Option(names = "--id", description = "The extension id (default: from the file's directory).")
    private String id;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the draft here (default: stdout).")
    private Path output;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String extensionId = id != null ? id : defaultId();
        ComposeImport draft;
        try {
            draft = ComposeImport.of(ManifestFiles.read(file), extensionId);
        } catch (InvalidManifestException e) {
            return ManifestFiles.printProblems(out, file.toString(), e);
        }
        if (output != null) {
            Files.writeString(output, draft.manifest());
            out.println("wrote " + output);
        } else {
            out.print(draft.manifest());
        }
        for (ManifestProblem left : draft.unsupported()) {
            err.println("not carried over: " + left);
        }
        out.flush();
        err.flush();
        return 0;
    }

    private String defaultId() {
        Path parent = file.toAbsolutePath().getParent();
        String name = parent == null || parent.getFileName() == null ? "app" : parent.getFileName().toString();
        String cleaned = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^-+|-+$", "");
        if (cleaned.isEmpty()) {
            throw new OrbitrException("cannot derive an extension id from " + file + ": give one with --id");
        }
        return cleaned.length() > 40 ? cleaned.substring(0, 40).replaceAll("-+$", "") : cleaned;
    }
}
