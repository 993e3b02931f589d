package io.orbitr.examples.backup;

import io.orbitr.OrbitrException;
import io.orbitr.backup.BackupInfo;
import io.orbitr.backup.BackupOptions;
import io.orbitr.backup.Backups;
import io.orbitr.core.Orbitr;
import io.orbitr.engine.LabelFilter;
import io.orbitr.examples.launcher.PlatformOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code orbitr backup create}: writes one archive of a data directory and, with {@code --volumes}, its volumes. */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Write one backup archive: the store, the data directory's files (not secret.key, logs or"
                + " binaries) and, with --volumes, every Docker volume labelled " + Backups.VOLUME_LABEL + ".")
final class BackupCreateCommand implements Callable<Integer> {

    @Mixin
    private PlatformOptions options;

    @Option(names = "--to", paramLabel = "FILE",
            description = "The archive to write (default: DIR/backups/orbitr-backup-TIME.zip).")
    private Path target;

    @Option(names = "--volumes", description = "Include the contents of the labelled Docker volumes.")
    private boolean volumes;

    @Option(names = "--volume-label", paramLabel = "KEY[=VALUE]",
            description = "Which volumes --volumes takes, by label (repeatable; default: " + Backups.VOLUME_LABEL + ").")
    private List<String> volumeLabels = List.of();

    @Option(names = "--helper-image", paramLabel = "IMAGE",
            description = "The local image of the helper container that reads volumes (default: the saved setting,"
                    + " busybox).")
    private String helperImage;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (Orbitr orbitr = options.builder().build()) {
            if (helperImage != null && !helperImage.equals(orbitr.backups().settings().helperImage())) {
                orbitr.backups().updateSettings(orbitr.backups().settings().toBuilder().helperImage(helperImage)
                        .build());
            }
            BackupOptions.Builder builder = BackupOptions.builder().volumes(volumes)
                    .listener(new ProgressPrinter(spec.commandLine().getErr()));
            if (target != null) {
                // On the command line a relative path is taken from the working directory, as users expect.
                builder.target(target.toAbsolutePath());
            }
            if (!volumeLabels.isEmpty()) {
                builder.volumeLabels(labels(volumeLabels));
            }
            BackupInfo made = orbitr.backups().create(builder.build());
            spec.commandLine().getOut().printf("wrote %s (%d parts, %d bytes%s)%n", made.file(), made.parts(),
                    made.size(), made.volumes().isEmpty() ? "" : ", volumes " + String.join(", ", made.volumes()));
            spec.commandLine().getOut().flush();
            return 0;
        } catch (OrbitrException e) {
            throw StoreInUse.explain(e, options.dataDirectory());
        }
    }

    static LabelFilter labels(List<String> expressions) {
        LabelFilter filter = LabelFilter.any();
        for (String expression : expressions) {
            int equals = expression.indexOf('=');
            filter = equals < 0 ? filter.with(expression)
                    : filter.with(expression.substring(0, equals), expression.substring(equals + 1));
        }
        return filter;
    }
}
