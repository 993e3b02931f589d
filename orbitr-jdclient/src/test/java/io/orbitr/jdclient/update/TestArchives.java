package io.orbitr.jdclient.update;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Builds real .tar.gz archives shaped like sv2-apps release assets, or deliberately malformed ones. */
final class TestArchives {
    private final List<Entry> entries = new ArrayList<>();

    private record Entry(String name, byte type, byte[] content, String linkName) {
    }

    static TestArchives archive() {
        return new TestArchives();
    }

    /** The layout of a real release: the binary, its sample configuration and the translator. */
    static byte[] release(byte[] binary) {
        return archive().directory("./jd-client/").file("./jd-client/jd_client_sv2", binary)
                .file("./jd-client/jdc-config.toml", "listening_address = \"0.0.0.0:34265\"\n".getBytes())
                .directory("./translator/").file("./translator/translator_sv2", new byte[] {1, 2, 3}).gzip();
    }

    TestArchives file(String name, byte[] content) {
        entries.add(new Entry(name, TarConstants.LF_NORMAL, content, ""));
        return this;
    }

    TestArchives directory(String name) {
        entries.add(new Entry(name, TarConstants.LF_DIR, new byte[0], ""));
        return this;
    }

    TestArchives symlink(String name, String target) {
        entries.add(new Entry(name, TarConstants.LF_SYMLINK, new byte[0], target));
        return this;
    }

    TestArchives hardLink(String name, String target) {
        entries.add(new Entry(name, TarConstants.LF_LINK, new byte[0], target));
        return this;
    }

    byte[] gzip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry entry : entries) {
                TarArchiveEntry tarEntry = new TarArchiveEntry(entry.name(), entry.type(), true);
                if (!entry.linkName().isEmpty()) {
                    tarEntry.setLinkName(entry.linkName());
                }
                tarEntry.setMode(entry.type() == TarConstants.LF_DIR ? 0755 : 0755);
                tarEntry.setSize(entry.type() == TarConstants.LF_NORMAL ? entry.content().length : 0);
                tar.putArchiveEntry(tarEntry);
                if (entry.type() == TarConstants.LF_NORMAL) {
                    tar.write(entry.content());
                }
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
