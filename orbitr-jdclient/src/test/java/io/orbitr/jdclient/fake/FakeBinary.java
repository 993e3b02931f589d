package io.orbitr.jdclient.fake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Installs the fake jd-client as an executable at a path, the way the real binary is installed: a /bin/sh script
 * that {@code exec}s this JVM's java with the test class path (so signals reach the fake itself).
 */
public final class FakeBinary {

    private FakeBinary() {
    }

    /**
     * @param target   where the executable goes, for example {@code DATA/jdclient/bin/jd_client_sv2}
     * @param scenario the fake's behaviour (see {@link FakeJdClient})
     * @return the target
     */
    public static Path install(Path target, String scenario) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String script = "#!/bin/sh\n"
                + "FAKE_JDC_SCENARIO='" + scenario + "'\n"
                + "export FAKE_JDC_SCENARIO\n"
                + "exec '" + java + "' -Xshare:auto -XX:TieredStopAtLevel=1"
                + " -Xmx64m -cp '" + System.getProperty("java.class.path") + "' " + FakeJdClient.class.getName()
                + " \"$@\"\n";
        try {
            Files.createDirectories(target.getParent());
            Files.writeString(target, script);
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
