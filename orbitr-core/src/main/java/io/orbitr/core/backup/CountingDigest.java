package io.orbitr.core.backup;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** An output stream that passes bytes on while counting them and computing their SHA-256. Not thread-safe. */
final class CountingDigest extends FilterOutputStream {
    private final MessageDigest digest = newDigest();
    private long count;

    /** @param out where the bytes go; closing this stream does not close it */
    CountingDigest(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        digest.update((byte) b);
        count++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        digest.update(bytes, offset, length);
        count += length;
    }

    @Override
    public void close() throws IOException {
        flush();
    }

    /** @return the bytes written so far */
    long count() {
        return count;
    }

    /** @return the SHA-256 of the bytes written, lowercase hex; call once, at the end */
    String sha256() {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** @return a SHA-256 digest */
    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
