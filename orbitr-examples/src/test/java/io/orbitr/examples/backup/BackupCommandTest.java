package io.orbitr.examples.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.examples.launcher.LauncherRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The backup commands without volumes: no engine is needed. */
@Timeout(120)
class BackupCommandTest {
    @TempDir
    Path root;

    @Test
    void createVerifyListAndRestoreFromTheCommandLine() throws Exception {
        Path data = root.resolve("data");
        Files.createDirectories(data.resolve("proxy"));
        Files.writeString(data.resolve("proxy/Caddyfile"), "example.com {\n}\n");

        LauncherRun create = LauncherRun.of("backup", "create", "--data-dir", data.toString());
        assertThat(create.exitCode()).as(create.err()).isZero();
        assertThat(create.out()).contains("wrote " + data.toAbsolutePath().resolve("backups"));
        assertThat(create.err()).contains("done");

        LauncherRun list = LauncherRun.of("backup", "list", "--data-dir", data.toString());
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("1 of 1 backups");
        Path archive;
        try (var files = Files.list(data.resolve("backups"))) {
            archive = files.filter(p -> p.toString().endsWith(".zip")).findFirst().orElseThrow();
        }

        Path target = root.resolve("restored");
        LauncherRun restore = LauncherRun.of("backup", "restore", archive.toString(), "--data-dir", target.toString());
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(Files.readString(target.resolve("proxy/Caddyfile"))).isEqualTo("example.com {\n}\n");
        assertThat(target.resolve("orbitr.mv.db")).exists();

        LauncherRun refused = LauncherRun.of("backup", "restore", archive.toString(), "--data-dir", target.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("not empty").contains("force");
    }

    @Test
    void aTruncatedArchiveIsRefusedAndNothingIsWritten() throws Exception {
        Path data = root.resolve("data");
        Path archive = root.resolve("b.zip");
        assertThat(LauncherRun.of("backup", "create", "--data-dir", data.toString(), "--to", archive.toString())
                .exitCode()).isZero();
        byte[] bytes = Files.readAllBytes(archive);
        Files.write(archive, Arrays.copyOf(bytes, bytes.length / 2));

        LauncherRun verify = LauncherRun.of("backup", "verify", archive.toString());
        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.err()).contains("invalid backup archive").contains("truncated");

        Path target = root.resolve("target");
        LauncherRun restore = LauncherRun.of("backup", "restore", archive.toString(), "--data-dir", target.toString());
        assertThat(restore.exitCode()).isEqualTo(1);
        assertThat(restore.err()).contains("nothing was restored");
        assertThat(target).doesNotExist();
    }
}
