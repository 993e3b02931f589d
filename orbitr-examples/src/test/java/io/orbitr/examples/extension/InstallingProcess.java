package io.orbitr.examples.extension;

import io.orbitr.core.Orbitr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A JVM that installs one extension and is killed by {@link CrashDuringInstallIT} in the middle of it. */
public final class InstallingProcess {
    private InstallingProcess() {
    }

    /**
     * @param args the data directory and the manifest file
     * @throws Exception when the install fails (the test kills this JVM before)
     */
    public static void main(String[] args) throws Exception {
        try (Orbitr orbitr = Orbitr.builder().dataDirectory(Path.of(args[0])).build()) {
            orbitr.extensions().install(orbitr.extensions().parse(Files.readString(Path.of(args[1])), args[1]),
                    Map.of(), (id, step) -> System.out.println("step: " + step));
        }
    }
}
