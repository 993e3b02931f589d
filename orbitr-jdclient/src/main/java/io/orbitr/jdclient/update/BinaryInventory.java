package io.orbitr.jdclient.update;

import io.orbitr.OrbitrException;
import io.orbitr.backup.InventoryItem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What backups record of the installed jd-client binaries instead of copying them: each binary's name, path, size
 * and SHA-256. The binaries are release downloads, so after a restore the same versions are installed again.
 */
public final class BinaryInventory {
    /** The participant name in a backup's inventory. */
    public static final String PARTICIPANT = "jdclient";

    private BinaryInventory() {
    }

    /** @return the directories under the data directory that hold binaries and downloads, left out of backups */
    public static List<String> excludedPaths() {
        return List.of("jdclient/bin", "jdclient/versions", "jdclient/downloads");
    }

    /**
     * @param dataDirectory the platform's data directory
     * @return the current and previous binaries and every installed version, with digests
     */
    public static List<InventoryItem> inventory(Path dataDirectory) {
        BinaryFiles files = new BinaryFiles(dataDirectory);
        Path root = dataDirectory.toAbsolutePath().normalize();
        List<InventoryItem> items = new ArrayList<>();
        add(items, root, "jd-client (current)", files.current());
        add(items, root, "jd-client (previous)", files.previous());
        for (String tag : files.installedVersions()) {
            add(items, root, "jd-client " + tag, files.versionBinary(tag));
        }
        return items;
    }

    private static void add(List<InventoryItem> items, Path root, String name, Path binary) {
        if (!Files.isRegularFile(binary)) {
            return;
        }
        try (InputStream in = Files.newInputStream(binary)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            long size = 0;
            for (int n; (n = in.read(buffer)) > 0; size += n) {
                digest.update(buffer, 0, n);
            }
            items.add(new InventoryItem(PARTICIPANT, name, root.relativize(binary.toAbsolutePath().normalize())
                    .toString().replace('\\', '/'), size, HexFormat.of().formatHex(digest.digest())));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new OrbitrException("cannot read " + binary + " for the backup inventory: " + e.getMessage(), e);
        }
    }
}
