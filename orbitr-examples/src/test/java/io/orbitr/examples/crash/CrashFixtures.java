package io.orbitr.examples.crash;

import io.orbitr.core.Orbitr;
import io.orbitr.jdclient.config.JdcConfig;
import io.orbitr.jdclient.config.TemplateProvider;
import io.orbitr.jdclient.config.Upstream;
import io.orbitr.jdclient.keys.AuthorityKeyPair;
import io.orbitr.proxy.ProxySettings;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** What the crash writer and the crash test agree on: the proxy settings, the releases' binaries, a configuration. */
final class CrashFixtures {
    /** The two releases the writer installs and rolls back between. */
    static final List<String> RELEASES = List.of("v0.1.0", "v0.2.0");
    /** The size of each fake binary: large enough that copying it takes a moment a kill can land in. */
    private static final int BINARY_BYTES = 1024 * 1024;
    private static final short EM_X86_64 = 62;
    private static final short EM_AARCH64 = 183;

    private CrashFixtures() {
    }

    /** @return the platform on a data directory, as the writer and the checks open it: everything discovered */
    static Orbitr open(Path dataDirectory) {
        return Orbitr.builder().dataDirectory(dataDirectory).build();
    }

    /**
     * @param domain    the default domain
     * @param httpPort  Caddy's HTTP port
     * @param adminPort Caddy's admin port (every change reloads Caddy through it)
     * @return Caddy settings on loopback
     */
    static ProxySettings proxySettings(String domain, int httpPort, int adminPort) {
        return ProxySettings.builder().provider("caddy").defaultDomain(domain).httpPort(httpPort)
                .httpsPort(httpPort + 1 == adminPort ? httpPort + 2 : httpPort + 1).bindAddress("127.0.0.1")
                .adminAddress("127.0.0.1:" + adminPort).build();
    }

    /**
     * A 64-bit ELF header for this machine's processor, then bytes derived from the tag: two releases differ in
     * every block, so a binary that is half of one and half of the other is caught.
     *
     * @param tag a release tag
     * @return the release's binary
     */
    static byte[] binary(String tag) {
        byte[] bytes = new byte[BINARY_BYTES];
        new Random(tag.hashCode()).nextBytes(bytes);
        String arch = System.getProperty("os.arch");
        short machine = arch.equals("aarch64") || arch.equals("arm64") ? EM_AARCH64 : EM_X86_64;
        ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        header.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        header.putShort((short) 2).putShort(machine).putInt(1);
        byte[] marker = tag.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(marker, 0, bytes, 64, marker.length);
        return bytes;
    }

    /** @return a valid pool-mode jd-client configuration with fresh keys */
    static JdcConfig config() {
        AuthorityKeyPair own = AuthorityKeyPair.generate();
        AuthorityKeyPair pool = AuthorityKeyPair.generate();
        return JdcConfig.builder()
                .listeningAddress("127.0.0.1:34265")
                .authorityKeys(own.publicKey().encoded(), own.secretKey().encoded())
                .jdcSignature("orbitr-crash")
                .coinbaseRewardScript("wpkh(0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798)")
                .templateProvider(TemplateProvider.Sv2Tp.of("127.0.0.1:8442"))
                .upstream(new Upstream(pool.publicKey().encoded(), "127.0.0.1", 34254, "127.0.0.1", 34264,
                        "orbitr-miner"))
                .build();
    }
}
