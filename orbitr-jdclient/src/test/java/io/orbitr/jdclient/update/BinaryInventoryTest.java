package io.orbitr.jdclient.update;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.backup.InventoryItem;
import io.orbitr.jdclient.JdClientFeatureProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class BinaryInventoryTest {
    @TempDir
    Path data;

    @Test
    void backupsRecordTheInstalledBinariesByDigestAndLeaveThemOut() throws Exception {
        Path current = data.resolve("jdclient/bin/jd_client_sv2");
        Path version = data.resolve("jdclient/versions/v1.2.0/jd_client_sv2");
        Files.createDirectories(current.getParent());
        Files.createDirectories(version.getParent());
        Files.writeString(current, "abc");
        Files.writeString(version, "abc");

        JdClientFeatureProvider provider = new JdClientFeatureProvider();
        List<InventoryItem> items = provider.inventory(data);

        assertThat(provider.excludedPaths()).contains("jdclient/bin", "jdclient/versions", "jdclient/downloads");
        assertThat(items).extracting(InventoryItem::name).containsExactly("jd-client (current)", "jd-client v1.2.0");
        assertThat(items).extracting(InventoryItem::path)
                .containsExactly("jdclient/bin/jd_client_sv2", "jdclient/versions/v1.2.0/jd_client_sv2");
        // SHA-256 of "abc"
        assertThat(items).allSatisfy(item -> assertThat(item.sha256())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        assertThat(items).allSatisfy(item -> assertThat(item.size()).isEqualTo(3));
    }
}
