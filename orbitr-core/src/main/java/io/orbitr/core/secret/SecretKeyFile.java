package io.orbitr.core.secret;

import io.orbitr.OrbitrException;
import io.orbitr.core.files.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key file {@code <data-dir>/secret.key}: one line of base64 holding the 32-byte key. Created at first start
 * with mode 600 through a temporary file of that mode and a hard link (which, unlike a rename, never replaces a file
 * another process created meanwhile). A key file that its group or others may read or write is refused, as ssh
 * refuses such a private key: the key protects every secret in the store.
 */
final class SecretKeyFile {
    private static final Logger log = LoggerFactory.getLogger(SecretKeyFile.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private SecretKeyFile() {
    }

    /** @return where the key is described in messages */
    static String origin(Path file) {
        return "the file " + file;
    }

    /**
     * @param file the key file, which exists
     * @return the key
     * @throws OrbitrException naming the file when others may read it, or it holds no 32-byte base64 key
     */
    static byte[] read(Path file) {
        refuseOpenPermissions(file);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new OrbitrException("cannot read the secret key file " + file + ": " + e.getMessage(), e);
        }
        return PlatformSecrets.decode(text, origin(file));
    }

    /**
     * Creates the key file with a fresh random key, unless another process created it first (then reads that one).
     *
     * @param file where the key file goes
     * @return the key now in the file
     */
    static byte[] create(Path file) {
        byte[] key = new byte[AesGcmSecretBox.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        byte[] line = (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
        boolean created;
        try {
            // Never replaces a key file: one that another process created meanwhile wins, and is read instead.
            created = AtomicFiles.createNew(file, OWNER_ONLY, out -> {
                out.write(line);
                return null;
            });
        } catch (OrbitrException e) {
            throw new OrbitrException("cannot create the secret key file " + file + ": " + e.getMessage()
                    + ". Make the data directory writable, or give the key with ORBITR_SECRET_KEY.", e);
        }
        if (!created) {
            log.info("the secret key file {} was created by another process meanwhile; using it", file);
            return read(file);
        }
        log.info("created the secret key file {} (mode 600): keep a copy apart from the backups of this data"
                + " directory; without it the secrets in the store cannot be read", file);
        return key;
    }

    private static void refuseOpenPermissions(Path file) {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = view.readAttributes().permissions();
        } catch (IOException e) {
            throw new OrbitrException("cannot read the permissions of the secret key file " + file + ": "
                    + e.getMessage(), e);
        }
        if (permissions.stream().anyMatch(OTHERS::contains)) {
            throw new OrbitrException("the secret key file " + file + " is open to others (mode "
                    + PosixFilePermissions.toString(permissions) + "): anyone who can read it can read every secret"
                    + " in the store. Run `chmod 600 " + file + "` and start again.");
        }
    }

}
