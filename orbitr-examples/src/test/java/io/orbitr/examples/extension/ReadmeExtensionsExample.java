package io.orbitr.examples.extension;

import io.orbitr.core.Orbitr;
import io.orbitr.extension.ExtensionManager;
import io.orbitr.extension.ExtensionManifest;
import io.orbitr.extension.ExtensionStatus;
import io.orbitr.extension.InvalidManifestException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The README's extensions example, kept here so that it compiles as written. Never run. */
final class ReadmeExtensionsExample {
    private ReadmeExtensionsExample() {
    }

    @SuppressWarnings("unused")
    static void example() throws IOException {
        try (Orbitr orbitr = Orbitr.builder().dataDirectory(Path.of("orbitr-data")).build()) {
            ExtensionManager extensions = orbitr.extensions();
            extensions.catalog(50, Optional.empty()).items().forEach(e -> System.out.println(e.id()));
            ExtensionManifest redis = extensions.show("redis").orElseThrow().manifest();
            try {
                ExtensionManifest mine = extensions.parse(Files.readString(Path.of("orbitr-extension.yml")), "mine");
                extensions.install(mine, Map.of("SSH_PORT", "2222"),
                        (id, step) -> System.out.println(id + ": " + step));
            } catch (InvalidManifestException e) {
                e.problems().forEach(p -> System.out.println(p.path() + ": " + p.message()));
            }
            ExtensionStatus status = extensions.status("whoami");   // containers, checks, worst health, URL, differences
            extensions.stop("whoami");                               // pauses its checks first: no DOWN notifications
            extensions.start("whoami");
            extensions.upgrade("whoami", extensions.parse(Files.readString(Path.of("v2.yml")), "v2.yml"));
            extensions.uninstall("whoami");                          // keeps data volumes; uninstall(id, true) purges
        }
    }
}
