package io.orbitr.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * The test image every Docker test uses: built FROM scratch with the machine's static busybox (no registry is
 * reachable), once per run: a second call, in this JVM or another, finds it and returns at once.
 */
public final class TestImages {
    /** The busybox image's name: {@code sh}, {@code httpd}, {@code seq}, {@code nc}, {@code wget} and the rest. */
    public static final String BUSYBOX = "orbitr-test/busybox:1";
    private static final Path BUSYBOX_BINARY = Path.of("/bin/busybox");
    private static volatile boolean built;

    private TestImages() {
    }

    /**
     * Builds the busybox image when the engine does not have it yet.
     *
     * @return {@link #BUSYBOX}
     * @throws IllegalStateException when the image cannot be built, with the reason
     */
    public static synchronized String busybox() {
        if (built || Shell.run("docker", "image", "inspect", BUSYBOX).ok()) {
            built = true;
            return BUSYBOX;
        }
        if (!Files.isExecutable(BUSYBOX_BINARY)) {
            throw new IllegalStateException(BUSYBOX_BINARY + " is missing: install busybox-static (.ci/run does)");
        }
        try {
            Path context = Files.createTempDirectory("orbitr-busybox");
            Files.copy(BUSYBOX_BINARY, context.resolve("busybox"), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(context.resolve("Dockerfile"), String.join("\n",
                    "FROM scratch",
                    "COPY busybox /bin/busybox",
                    "RUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]",
                    "RUN [\"/bin/busybox\", \"mkdir\", \"-p\", \"/tmp\", \"/www\", \"/etc\"]",
                    "ENV PATH=/bin",
                    "LABEL io.orbitr.test=busybox",
                    ""));
            Shell.Result result = Shell.run(Duration.ofMinutes(3),
                    List.of("docker", "build", "-q", "-t", BUSYBOX, context.toString()));
            if (!result.ok()) {
                throw new IllegalStateException("could not build " + BUSYBOX + ": " + result.output());
            }
            built = true;
            return BUSYBOX;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
