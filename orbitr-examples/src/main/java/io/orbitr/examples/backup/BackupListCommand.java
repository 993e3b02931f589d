package io.orbitr.examples.backup;

import io.orbitr.OrbitrException;
import io.orbitr.backup.BackupInfo;
import io.orbitr.core.Orbitr;
import io.orbitr.Page;
import io.orbitr.PageRequest;
import io.orbitr.examples.launcher.PlatformOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code orbitr backup list}: the archives in the backup directory, newest first, one page at a time. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the backups, newest first.")
final class BackupListCommand implements Callable<Integer> {

    @Mixin
    private PlatformOptions options;

    @Option(names = "--offset", description = "Skip this many (default: ${DEFAULT-VALUE}).")
    private int offset;

    @Option(names = "--limit", description = "Show at most this many (default: ${DEFAULT-VALUE}).")
    private int limit = 50;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (Orbitr orbitr = options.builder().build()) {
            Page<BackupInfo> page = orbitr.backups().list(PageRequest.atOffset(offset, limit));
            for (BackupInfo info : page.items()) {
                spec.commandLine().getOut().printf("%s  %s  %d bytes  %d parts%s%n", info.createdAt(), info.file(),
                        info.size(), info.parts(), info.volumes().isEmpty() ? "" : "  volumes " + info.volumes());
            }
            spec.commandLine().getOut().printf("%d of %d backups%n", page.items().size(), page.total().orElse(page.items().size()));
            spec.commandLine().getOut().flush();
            return 0;
        } catch (OrbitrException e) {
            throw StoreInUse.explain(e, options.dataDirectory());
        }
    }
}
