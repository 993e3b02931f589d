package io.orbitr.core.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.backup.BackupManifest;
import io.orbitr.backup.BackupPart;
import io.orbitr.backup.BackupVolume;
import io.orbitr.backup.DamagedBackupException;
import io.orbitr.backup.RestoreOptions;
import io.orbitr.engine.ContainerEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Damaged and hostile archives are refused before anything is written. */
@Timeout(30)
class ArchiveDamageTest {
    @TempDir
    Path root;

    private final Supplier<ContainerEngine> noEngine = () -> {
        throw new AssertionError("a refused archive must not reach the engine");
    };

    @Test
    void aWholeArchiveIsAccepted() throws Exception {
        Path archive = archive(Map.of("files/a.txt", "hello"), List.of(), List.of());
        BackupManifest manifest = BackupRestore.verify(archive);
        assertThat(manifest.parts()).extracting(BackupPart::path).containsExactly("files/a.txt");
        restore(archive);
        assertThat(Files.readString(root.resolve("target/a.txt"))).isEqualTo("hello");
    }

    @Test
    void aTruncatedArchiveIsRefused() throws Exception {
        Path archive = archive(Map.of("files/a.txt", "hello"), List.of(), List.of());
        byte[] bytes = Files.readAllBytes(archive);
        Files.write(archive, java.util.Arrays.copyOf(bytes, bytes.length - 30));
        assertRefused(archive, "not a whole zip archive");
    }

    @Test
    void aPartWhoseChecksumDiffersIsRefused() throws Exception {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("files/a.txt", "hello");
        parts.put("files/b.txt", "world");
        Path archive = archive(parts, List.of(), List.of(new Tamper("files/b.txt", "WORLD")));
        assertRefused(archive, "files/b.txt: its SHA-256 differs");
        // The first part was fine and staged: it must not have reached the target.
        assertThat(root.resolve("target")).doesNotExist();
    }

    @Test
    void anEntryThatClimbsOutIsRefused() throws Exception {
        assertRefused(archive(Map.of("files/../x", "evil"), List.of(), List.of()), "climbs out");
        assertThat(root.resolve("x")).doesNotExist();
    }

    @Test
    void anAbsoluteEntryIsRefused() throws Exception {
        assertRefused(archive(Map.of("/etc/evil", "evil"), List.of(), List.of()), "absolute path");
    }

    @Test
    void anEntryMissingFromTheManifestIsRefused() throws Exception {
        Path archive = archive(Map.of("files/a.txt", "hello"), List.of("files/extra.txt"), List.of());
        assertRefused(archive, "'files/extra.txt' is not in the manifest");
    }

    @Test
    void aSymbolicLinkEntryIsRefused() throws Exception {
        Path archive = root.resolve("link.zip");
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(archive)) {
            byte[] target = "/etc/passwd".getBytes(StandardCharsets.UTF_8);
            ZipArchiveEntry link = new ZipArchiveEntry("files/link");
            link.setUnixMode(0120777);
            zip.putArchiveEntry(link);
            zip.write(target);
            zip.closeArchiveEntry();
            writeManifest(zip, List.of(part("files/link", BackupPart.Kind.FILE, target)), List.of());
        }
        assertRefused(archive, "symbolic link");
    }

    @Test
    void aVolumeWhoseLinkEscapesIsRefused() throws Exception {
        byte[] tar = tar("orbitr-volume/passwd", "/etc/passwd");
        assertRefused(volumeArchive(tar), "points outside the volume");
        byte[] climbing = tar("orbitr-volume/up", "../../x");
        assertRefused(volumeArchive(climbing), "points outside the volume");
    }

    @Test
    void aVolumeWhoseLinkStaysInsideIsAccepted() throws Exception {
        assertThat(BackupRestore.verify(volumeArchive(tar("orbitr-volume/l", "a"))).volumes())
                .extracting(BackupVolume::name).containsExactly("data-1");
    }

    @Test
    void entryNamesFollowOneRule() {
        assertThat(EntryNames.problem("files/a/b.txt")).isEmpty();
        assertThat(EntryNames.problem("files/a/../b")).contains("climbs out of its directory with '..'");
        assertThat(EntryNames.problem("files//b")).isPresent();
        assertThat(EntryNames.problem("files/./b")).isPresent();
        assertThat(EntryNames.problem("files\\b")).isPresent();
        assertThat(EntryNames.problem("C:/b")).isPresent();
        assertThat(EntryNames.problem("files/a\nb")).isPresent();
        assertThat(EntryNames.volumeName("volumes/web-data.tar")).contains("web-data");
        assertThat(EntryNames.volumeName("volumes/../x.tar")).isEmpty();
    }

    @Test
    void theManifestReadsBackAsWritten() throws Exception {
        BackupManifest manifest = new BackupManifest(1, "0.1.0", Instant.parse("2026-12-03T10:00:00Z"), "h2 2.3 BACKUP",
                List.of(new BackupPart("files/a", BackupPart.Kind.FILE, 5, "a".repeat(64), 0600)),
                List.of(new BackupVolume("v", "local", Map.of(), Map.of("io.orbitr.managed", "true"),
                        "volumes/v.tar")),
                List.of(new io.orbitr.backup.InventoryItem("jdclient", "jd-client v1", "jdclient/versions/v1/x", 3,
                        "b".repeat(64))));
        assertThat(ManifestJson.read(ManifestJson.write(manifest))).isEqualTo(manifest);
        assertThatThrownBy(() -> ManifestJson.read("{\"format\":1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ManifestJson.BadManifest.class).hasMessageContaining("'parts'");
    }

    private void assertRefused(Path archive, String problem) {
        assertThatThrownBy(() -> restore(archive)).isInstanceOf(DamagedBackupException.class)
                .hasMessageContaining(problem).hasMessageContaining("nothing was restored");
        assertThat(root.resolve("target")).doesNotExist();
        assertThat(root).isDirectoryNotContaining(p -> p.getFileName().toString().contains(".restore-"));
    }

    private void restore(Path archive) {
        new BackupRestore(Clock.systemUTC(), Optional.empty(), noEngine, "busybox")
                .restore(RestoreOptions.builder(archive, root.resolve("target")).build());
    }

    /** A part whose bytes in the archive differ from what the manifest says. */
    private record Tamper(String entry, String content) {
    }

    private Path archive(Map<String, String> parts, List<String> unlisted, List<Tamper> tampered) throws IOException {
        Path archive = root.resolve("archive-" + System.nanoTime() + ".zip");
        List<BackupPart> listed = new ArrayList<>();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(archive)) {
            for (Map.Entry<String, String> part : parts.entrySet()) {
                byte[] listedBytes = part.getValue().getBytes(StandardCharsets.UTF_8);
                byte[] written = tampered.stream().filter(t -> t.entry().equals(part.getKey())).findFirst()
                        .map(t -> t.content().getBytes(StandardCharsets.UTF_8)).orElse(listedBytes);
                entry(zip, part.getKey(), written);
                listed.add(part(part.getKey(), BackupPart.Kind.FILE, listedBytes));
            }
            for (String extra : unlisted) {
                entry(zip, extra, new byte[] {1});
            }
            writeManifest(zip, listed, List.of());
        }
        return archive;
    }

    private Path volumeArchive(byte[] tar) throws IOException {
        Path archive = root.resolve("volume-" + System.nanoTime() + ".zip");
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(archive)) {
            entry(zip, "volumes/data-1.tar", tar);
            writeManifest(zip, List.of(part("volumes/data-1.tar", BackupPart.Kind.VOLUME, tar)),
                    List.of(new BackupVolume("data-1", "local", Map.of(), Map.of(), "volumes/data-1.tar")));
        }
        return archive;
    }

    private static byte[] tar(String linkName, String linkTarget) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry dir = new TarArchiveEntry("orbitr-volume/");
            tar.putArchiveEntry(dir);
            tar.closeArchiveEntry();
            byte[] content = "a".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry file = new TarArchiveEntry("orbitr-volume/a");
            file.setSize(content.length);
            tar.putArchiveEntry(file);
            tar.write(content);
            tar.closeArchiveEntry();
            TarArchiveEntry link = new TarArchiveEntry(linkName, TarArchiveEntry.LF_SYMLINK);
            link.setLinkName(linkTarget);
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    private static void entry(ZipArchiveOutputStream zip, String name, byte[] content) throws IOException {
        zip.putArchiveEntry(new ZipArchiveEntry(name));
        zip.write(content);
        zip.closeArchiveEntry();
    }

    private static void writeManifest(ZipArchiveOutputStream zip, List<BackupPart> parts, List<BackupVolume> volumes)
            throws IOException {
        BackupManifest manifest = new BackupManifest(1, "test", Instant.parse("2026-12-03T10:00:00Z"), "none", parts,
                volumes, List.of());
        entry(zip, BackupManifest.ENTRY, ManifestJson.write(manifest));
    }

    private static BackupPart part(String name, BackupPart.Kind kind, byte[] content) {
        try {
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
            return new BackupPart(name, kind, content.length, sha, 0644);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
