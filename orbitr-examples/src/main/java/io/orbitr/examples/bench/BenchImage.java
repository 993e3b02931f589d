package io.orbitr.examples.bench;

import io.orbitr.NotFoundException;
import io.orbitr.OrbitrException;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.EngineSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/**
 * The image the benchmarks run, the same one the tests use ({@code orbitr-test/busybox:1}): built FROM scratch from
 * the machine's static busybox when the engine does not have it, as no registry is reachable.
 */
final class BenchImage {
    /** The image's name; the tests' fixture builds the same image under the same name. */
    static final String BUSYBOX = "orbitr-test/busybox:1";

    private BenchImage() {
    }

    /**
     * Builds the image unless the engine has it.
     *
     * @param engine   the engine to look in
     * @param settings where that engine listens, for {@code docker build}
     * @param log      where to say that the image is being built
     */
    static void ensureBusybox(ContainerEngine engine, EngineSettings settings, PrintStream log) {
        try {
            engine.images().inspect(BUSYBOX);
            return;
        } catch (NotFoundException missing) {
            log.println("# building " + BUSYBOX + " from /bin/busybox");
        }
        Path busybox = Path.of("/bin/busybox");
        if (!Files.isExecutable(busybox)) {
            throw new OrbitrException("image " + BUSYBOX + " is missing and /bin/busybox cannot build it: install "
                    + "busybox-static");
        }
        try {
            Path context = Files.createTempDirectory("orbitr-bench-busybox");
            Files.copy(busybox, context.resolve("busybox"), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(context.resolve("Dockerfile"), String.join("\n", "FROM scratch",
                    "COPY busybox /bin/busybox",
                    "RUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]",
                    "RUN [\"/bin/busybox\", \"mkdir\", \"-p\", \"/tmp\", \"/www\", \"/etc\"]",
                    "ENV PATH=/bin", "LABEL io.orbitr.test=busybox", ""));
            ProcessBuilder build = new ProcessBuilder("docker", "-H", settings.host().toString(), "build", "-q",
                    "-t", BUSYBOX, context.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            build.environment().put("DOCKER_BUILDKIT", "0");
            Process process = build.start();
            if (!process.waitFor(3, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new OrbitrException("could not build " + BUSYBOX + " with docker build");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrbitrException("interrupted while building " + BUSYBOX, e);
        }
    }
}
