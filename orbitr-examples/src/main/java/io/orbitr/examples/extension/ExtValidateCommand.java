package io.orbitr.examples.extension;

import io.orbitr.core.extension.ManifestReader;
import io.orbitr.examples.launcher.PlatformOptions;
import io.orbitr.extension.ManifestProblem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code orbitr ext validate FILE}: prints {@code valid}, or every problem with its path and exits 2. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Validate an extension manifest: prints 'valid', or every problem with its path and exits 2.")
final class ExtValidateCommand implements Callable<Integer> {
    @Mixin
    private PlatformOptions options;

    @Parameters(index = "0", paramLabel = "FILE", description = "The manifest (orbitr-extension.yml).")
    private Path file;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<ManifestProblem> problems = ManifestReader.problems(ManifestFiles.read(file));
        if (!problems.isEmpty()) {
            return ManifestFiles.printProblems(out, file.toString(), problems);
        }
        out.println("valid");
        out.flush();
        return 0;
    }
}
