package io.orbitr.examples.backup;

import io.orbitr.backup.BackupSettings;
import io.orbitr.backup.RestoreOptions;
import io.orbitr.backup.RestoreResult;
import io.orbitr.core.Orbitr;
import io.orbitr.examples.launcher.PlatformOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code orbitr backup restore FILE --data-dir DIR [--store postgresql://...]}: checks the whole archive, then
 * restores it into an empty data directory (and, for an archive of a PostgreSQL store, into the {@code --store}
 * schema, with {@code pg_restore}) and its volumes into the engine. The platform that does the work runs on a private
 * in-memory store and a scratch directory, never on the target.
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restore an archive into an empty data directory (an archive of a PostgreSQL store into the"
                + " --store schema, with pg_restore; its volumes into Docker). The whole"
                + " archive is checked first; a damaged one changes nothing. Secrets need the same secret.key.")
final class BackupRestoreCommand implements Callable<Integer> {

    @Mixin
    private PlatformOptions options;

    @Parameters(index = "0", paramLabel = "FILE", description = "The archive.")
    private Path archive;

    @Option(names = "--force", description = "Restore over a directory that is not empty (its contents are moved"
            + " aside, not deleted), over existing volumes (replaced) and into a PostgreSQL schema that holds tables"
            + " (replaced in one transaction).")
    private boolean force;

    @Option(names = "--no-volumes", description = "Leave the archive's volumes out.")
    private boolean noVolumes;

    @Option(names = "--helper-image", paramLabel = "IMAGE",
            description = "The local image of the helper container that fills volumes (default: busybox).")
    private String helperImage = BackupSettings.defaults().helperImage();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Path scratch = Files.createTempDirectory("orbitr-restore");
        try (Orbitr orbitr = Orbitr.builder().inMemoryStore().dataDirectory(scratch)
                .engine(options.engineSettings(Duration.ofSeconds(30))).build()) {
            orbitr.backups().updateSettings(orbitr.backups().settings().toBuilder().helperImage(helperImage).build());
            RestoreResult result = orbitr.backups().restore(RestoreOptions.builder(archive.toAbsolutePath(),
                            options.dataDirectory().toAbsolutePath())
                    .force(force).volumes(!noVolumes).listener(new ProgressPrinter(spec.commandLine().getErr()))
                    .store(options.storeSettings()).build());
            PrintWriter out = spec.commandLine().getOut();
            out.printf("restored %s (Orbitr %s, %s) into %s: %d files%s%n", archive, result.manifest().orbitrVersion(),
                    result.manifest().createdAt(), result.dataDirectory(), result.files(),
                    result.volumes().isEmpty() ? "" : ", volumes " + String.join(", ", result.volumes()));
            result.movedAside().ifPresent(p -> out.println("the directory's earlier contents are in " + p));
            result.manifest().inventory().forEach(item -> out.printf("not in the archive, install again: %s"
                    + " (%s, sha256 %s)%n", item.name(), item.path(), item.sha256()));
            out.println("secret values are restored encrypted: put the original secret.key into "
                    + result.dataDirectory() + " (or give the key to the host) before starting Orbitr");
            out.flush();
            return 0;
        } finally {
            try (Stream<Path> paths = Files.walk(scratch)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
