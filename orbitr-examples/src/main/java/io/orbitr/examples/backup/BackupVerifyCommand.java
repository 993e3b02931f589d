package io.orbitr.examples.backup;

import io.orbitr.backup.BackupManifest;
import io.orbitr.backup.BackupVolume;
import io.orbitr.core.Orbitr;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code orbitr backup verify FILE}: checks an archive as a restore would, writing nothing. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check an archive: every part present, sizes and SHA-256 as listed, no entry escaping.")
final class BackupVerifyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The archive.")
    private Path archive;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Path scratch = Files.createTempDirectory("orbitr-verify");
        try (Orbitr orbitr = Orbitr.builder().inMemoryStore().dataDirectory(scratch).build()) {
            BackupManifest manifest = orbitr.backups().verify(archive.toAbsolutePath());
            spec.commandLine().getOut().printf("%s is whole: Orbitr %s, %s, %d parts, %d bytes, volumes %s%n", archive,
                    manifest.orbitrVersion(), manifest.createdAt(), manifest.parts().size(), manifest.totalBytes(),
                    manifest.volumes().stream().map(BackupVolume::name).toList());
            spec.commandLine().getOut().flush();
            return 0;
        } finally {
            try (Stream<Path> paths = Files.walk(scratch)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
