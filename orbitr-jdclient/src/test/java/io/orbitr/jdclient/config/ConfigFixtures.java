package io.orbitr.jdclient.config;

import io.orbitr.jdclient.keys.AuthoritySecretKey;
import io.orbitr.jdclient.keys.Base58Check;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Valid configurations and key pairs for tests, with keys of their own (never the published test keys). */
public final class ConfigFixtures {
    /** A valid compressed public key (the generator point), for descriptors. */
    public static final String G_COMPRESSED = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";

    private ConfigFixtures() {
    }

    /**
     * @param seed any text
     * @return a deterministic key pair derived from the seed: {public, secret}
     */
    public static String[] keyPair(String seed) {
        try {
            byte[] secret = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            String encoded = Base58Check.encode(secret);
            return new String[] {AuthoritySecretKey.parse(encoded).publicKey().encoded(), encoded};
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return a builder of a valid pool-mode configuration */
    public static JdcConfig.Builder valid() {
        String[] own = keyPair("orbitr-instance");
        String[] pool = keyPair("orbitr-pool");
        return JdcConfig.builder()
                .listeningAddress("127.0.0.1:34265")
                .authorityKeys(own[0], own[1])
                .jdcSignature("orbitr")
                .coinbaseRewardScript("wpkh(" + G_COMPRESSED + ")")
                .templateProvider(TemplateProvider.Sv2Tp.of("127.0.0.1:8442"))
                .upstream(new Upstream(pool[0], "127.0.0.1", 34254, "127.0.0.1", 34264, "orbitr-miner"));
    }

    /** @return a valid configuration that sets every optional key */
    public static JdcConfig everything() {
        String[] pool2 = keyPair("orbitr-pool-2");
        String[] tp = keyPair("orbitr-tp");
        return valid()
                .mode(Mode.COINBASEONLY)
                .sharesPerMinute(2.5)
                .upstream(new Upstream(pool2[0], "pool.example.com", 3333, "jds.example.com", 3334, ""))
                .templateProvider(new TemplateProvider.Sv2Tp("tp.example.com:8442", java.util.Optional.of(tp[0])))
                .logFile("/var/log/jdc.log")
                .supportedExtensions(java.util.List.of(0x0002L, 0x0003L))
                .requiredExtensions(java.util.List.of(0x0002L))
                .monitoringAddress("127.0.0.1:9091")
                .monitoringCacheRefreshSecs(5)
                .maxPastJobs(32)
                .reservedDownstreamRollableExtranonceSize(4)
                .minerTelemetryCidrs(java.util.List.of("192.168.1.0/24", "fd00::/8"))
                .jdcSignature("quote \" and \\ backslash")
                .build();
    }
}
