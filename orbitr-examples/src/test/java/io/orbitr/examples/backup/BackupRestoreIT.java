package io.orbitr.examples.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.backup.BackupInfo;
import io.orbitr.backup.BackupOptions;
import io.orbitr.backup.BackupSettings;
import io.orbitr.backup.Backups;
import io.orbitr.core.Orbitr;
import io.orbitr.engine.LabelFilter;
import io.orbitr.examples.launcher.LauncherRun;
import io.orbitr.health.CheckSpec;
import io.orbitr.health.HealthTarget;
import io.orbitr.proxy.ProxySettings;
import io.orbitr.proxy.Route;
import io.orbitr.testing.RealDocker;
import io.orbitr.testing.BusyboxContainer;
import io.orbitr.testing.Shell;
import io.orbitr.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A populated platform with a labelled volume is backed up, its data directory wiped and its volume removed, then
 * restored with the launcher; store rows, files and volume contents come back byte for byte.
 */
@RealDocker
@Timeout(300)
class BackupRestoreIT {
    private static final String OWNER = "io.orbitr.test.owner";
    private final String run = "backups-" + UUID.randomUUID().toString().substring(0, 8);
    private final String volume = "orbitr-" + run + "-data";

    @TempDir
    Path root;

    @AfterEach
    void removeVolume() {
        Shell.run("docker", "volume", "rm", "-f", volume);
    }

    @Test
    void aBackupRestoresStoreFilesAndVolumesByteForByte() throws Exception {
        String image = TestImages.busybox();
        Path data = root.resolve("data");
        Shell.Result made = Shell.run("docker", "volume", "create", "--label", Backups.VOLUME_LABEL + "=true",
                "--label", OWNER + "=" + run, volume);
        assertThat(made.ok()).as(made.output()).isTrue();
        oneShot("mkdir -p /v/conf/deep && echo 'hello volume' > /v/conf/a.txt && head -c 200000 /dev/urandom > "
                + "/v/conf/deep/blob.bin && chown 1000:1000 /v/conf/a.txt && chmod 600 /v/conf/a.txt"
                + " && ln -s a.txt /v/conf/link");
        String volumeBefore = volumeFingerprint();

        try (Orbitr orbitr = Orbitr.builder().dataDirectory(data).build()) {
            orbitr.proxies().updateSettings(ProxySettings.builder().provider("caddy").defaultDomain("example.com")
                    .build());
            orbitr.proxies().create(Route.builder().name("web").host("web").target("web-1", 8080).build());
            orbitr.proxies().create(Route.builder().name("api").host("api").target("api-1", 9000).build());
            orbitr.health().add(HealthTarget.builder("db", CheckSpec.of("tcp", "host", "127.0.0.1", "port", 5432))
                    .name("database").interval(Duration.ofDays(1)).build());
            // Paused: a check result written by the launcher's own start would differ from the rows read here.
            orbitr.health().pause("db");
            orbitr.backups().updateSettings(BackupSettings.builder().helperImage(image).keep(3).build());
        }
        Files.writeString(data.resolve("notes.txt"), "kept by the host\n");
        // The key the platform created at its first start: never archived, and needed to open the restored store.
        byte[] key = Files.readAllBytes(data.resolve(Backups.SECRET_KEY_FILE));
        Map<String, List<List<String>>> rowsBefore = rows(data);
        Map<String, String> filesBefore = files(data);
        assertThat(filesBefore).containsKey("proxy/Caddyfile");

        Path archive = root.resolve("backup.zip");
        LauncherRun create = LauncherRun.of("backup", "create", "--data-dir", data.toString(), "--to",
                archive.toString(), "--volumes", "--volume-label", Backups.VOLUME_LABEL, "--volume-label",
                OWNER + "=" + run, "--helper-image", image);
        assertThat(create.exitCode()).as(create.err()).isZero();
        assertThat(create.out()).contains("wrote " + archive).contains("volumes " + volume);
        LauncherRun verify = LauncherRun.of("backup", "verify", archive.toString());
        assertThat(verify.exitCode()).as(verify.err()).isZero();

        // Wipe everything: the data directory and the volume.
        try (Stream<Path> paths = Files.walk(data)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        assertThat(Shell.run("docker", "volume", "rm", volume).ok()).isTrue();

        LauncherRun restore = LauncherRun.of("backup", "restore", archive.toString(), "--data-dir", data.toString(),
                "--helper-image", image);
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("secret.key");

        assertThat(rows(data)).isEqualTo(rowsBefore);
        Map<String, String> expectedFiles = new LinkedHashMap<>(filesBefore);
        expectedFiles.remove(Backups.SECRET_KEY_FILE);
        Map<String, String> filesAfter = files(data);
        filesAfter.remove("orbitr.mv.db");
        expectedFiles.remove("orbitr.mv.db");
        assertThat(filesAfter).isEqualTo(expectedFiles);
        assertThat(data.resolve(Backups.SECRET_KEY_FILE)).doesNotExist();
        assertThat(volumeFingerprint()).isEqualTo(volumeBefore);
        Shell.Result labels = Shell.run("docker", "volume", "inspect", "--format", "{{json .Labels}}", volume);
        assertThat(labels.output()).contains(Backups.VOLUME_LABEL).contains(run);

        // A second restore over the now populated directory is refused without --force, and nothing changes.
        LauncherRun again = LauncherRun.of("backup", "restore", archive.toString(), "--data-dir", data.toString(),
                "--helper-image", image);
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("not empty");
        assertThat(rows(data)).isEqualTo(rowsBefore);

        // With its key put back, the restored platform opens and has what it had.
        Files.write(data.resolve(Backups.SECRET_KEY_FILE), key);
        Files.setPosixFilePermissions(data.resolve(Backups.SECRET_KEY_FILE),
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        try (Orbitr restored = Orbitr.builder().dataDirectory(data).build()) {
            assertThat(restored.proxies().list()).hasSize(2);
        }
    }

    @Test
    void theJavaApiTakesAndListsBackupsOfARunningPlatform() {
        Path data = root.resolve("api");
        try (Orbitr orbitr = Orbitr.builder().dataDirectory(data).build()) {
            orbitr.health().add(HealthTarget.builder("t", CheckSpec.of("tcp", "host", "127.0.0.1", "port", 1))
                    .interval(Duration.ofDays(1)).build());
            BackupInfo made = orbitr.backups().create(BackupOptions.builder()
                    .volumeLabels(LabelFilter.any().with(OWNER, run)).volumes(false).build());
            assertThat(orbitr.backups().list(io.orbitr.PageRequest.first(5)).items())
                    .extracting(BackupInfo::file).containsExactly(made.file());
            assertThat(orbitr.backups().verify(made.file()).parts()).isNotEmpty();
        }
    }

    /** Every file's owner, mode, size and SHA-256, and every link's target, inside the volume. */
    private String volumeFingerprint() {
        return oneShot("cd /v && find . | sort | while read f; do stat -c '%n %u:%g %a %s %F' \"$f\";"
                + " if [ -f \"$f\" ] && [ ! -L \"$f\" ]; then sha256sum \"$f\"; fi;"
                + " if [ -L \"$f\" ]; then readlink \"$f\"; fi; done");
    }

    /** Runs a script to its end in a fixture container with the volume at /v; @return its output */
    private String oneShot(String script) {
        try (BusyboxContainer shell = new BusyboxContainer("orbitr-" + run + "-shell-", script)
                .withLabel(OWNER, run).withNamedVolume(volume, "/v").asOneShot()) {
            shell.start();
            return shell.getLogs();
        }
    }

    private static Map<String, String> files(Path data) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        try (Stream<Path> paths = Files.walk(data)) {
            for (Path file : paths.filter(Files::isRegularFile).sorted().toList()) {
                String name = data.relativize(file).toString();
                if (name.startsWith("backups/") || name.endsWith(".trace.db")) {
                    continue;
                }
                out.put(name, java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(file))));
            }
        }
        return out;
    }

    /** Every row of every table of the store, read with plain JDBC. */
    private static Map<String, List<List<String>>> rows(Path data) throws Exception {
        Map<String, List<List<String>>> out = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("orbitr"), "sa", "");
                Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet result = statement.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                    + " WHERE TABLE_SCHEMA = 'PUBLIC' ORDER BY TABLE_NAME")) {
                while (result.next()) {
                    tables.add(result.getString(1));
                }
            }
            for (String table : tables) {
                List<List<String>> rows = new ArrayList<>();
                try (ResultSet result = statement.executeQuery("SELECT * FROM " + table + " ORDER BY 1")) {
                    int columns = result.getMetaData().getColumnCount();
                    while (result.next()) {
                        List<String> row = new ArrayList<>();
                        for (int i = 1; i <= columns; i++) {
                            row.add(result.getString(i));
                        }
                        rows.add(row);
                    }
                }
                out.put(table, rows);
            }
        }
        assertThat(out.get("PROXY_ROUTES")).hasSize(2);
        assertThat(out.get("HEALTH_TARGETS")).hasSize(1);
        return out;
    }
}
