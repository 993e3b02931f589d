package io.orbitr.jdclient.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.jdclient.keys.PublishedTestKeys;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigValidatorTest {
    private static final String[] POOL = ConfigFixtures.keyPair("orbitr-pool");
    private static final String[] OTHER = ConfigFixtures.keyPair("someone-else");

    @Test
    void aTypicalConfigurationHasNoProblemAndNoWarning() {
        ValidationResult result = ConfigFixtures.valid().build().validate();
        assertThat(result.problems()).isEmpty();
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void aConfigurationWithEveryOptionalKeyIsValid() {
        assertThat(ConfigFixtures.everything().validate().problems()).isEmpty();
    }

    static Stream<Arguments> rules() {
        return Stream.of(
            rule(b -> b.listeningAddress("localhost:34265"), "listening_address", "IP literal"),
            rule(b -> b.listeningAddress("0.0.0.0"), "listening_address", "IP:port"),
            rule(b -> b.listeningAddress("0.0.0.0:0"), "listening_address", "1 to 65535"),
            rule(b -> b.listeningAddress("0.0.0.0:70000"), "listening_address", "1 to 65535"),
            rule(b -> b.listeningAddress("256.1.1.1:34265"), "listening_address", "IP literal"),
            rule(b -> b.listeningAddress(":::34265"), "listening_address", "brackets"),
            rule(b -> b.supportedVersions(1, 2), "min_supported_version", "must be 2"),
            rule(b -> b.supportedVersions(2, 3), "max_supported_version", "must be 2"),
            rule(b -> b.authorityKeys("not-a-key", ConfigFixtures.keyPair("orbitr-instance")[1]),
                    "authority_public_key", "Base58"),
            rule(b -> b.authorityKeys(ConfigFixtures.keyPair("orbitr-instance")[0], "0OIl"),
                    "authority_secret_key", "Base58"),
            rule(b -> b.authorityKeys(ConfigFixtures.keyPair("orbitr-instance")[0], OTHER[1]),
                    "authority_secret_key", "does not belong"),
            rule(b -> b.certValiditySec(0), "cert_validity_sec", "positive"),
            rule(b -> b.sharesPerMinute(0), "shares_per_minute", "positive"),
            rule(b -> b.sharesPerMinute(Double.NaN), "shares_per_minute", "positive"),
            rule(b -> b.shareBatchSize(0), "share_batch_size", "1 or more"),
            rule(b -> b.jdcSignature("x".repeat(65)), "jdc_signature", "at most 64 bytes"),
            rule(b -> b.jdcSignature("a\nb"), "jdc_signature", "control characters"),
            rule(b -> b.coinbaseRewardScript("combo(" + ConfigFixtures.G_COMPRESSED + ")"),
                    "coinbase_reward_script", "combo()"),
            rule(b -> b.coinbaseRewardScript(""), "coinbase_reward_script", "is required"),
            rule(b -> b.logFile(" "), "log_file", "path"),
            rule(b -> b.supportedExtensions(List.of(0x10000L)), "supported_extensions[0]", "0xffff"),
            rule(b -> b.supportedExtensions(List.of(2L, 2L)), "supported_extensions[1]", "twice"),
            rule(b -> b.requiredExtensions(List.of(-1L)), "required_extensions[0]", "0x0000"),
            rule(b -> b.monitoringAddress("monitor:9090"), "monitoring_address", "IP literal"),
            rule(b -> b.monitoringAddress("0.0.0.0:34265"), "monitoring_address", "same port"),
            rule(b -> b.monitoringCacheRefreshSecs(0), "monitoring_cache_refresh_secs", "1 or more"),
            rule(b -> b.maxPastJobs(-1), "max_past_jobs", "0 or more"),
            rule(b -> b.reservedDownstreamRollableExtranonceSize(33),
                    "reserved_downstream_rollable_extranonce_size", "0 to 32"),
            rule(b -> b.minerTelemetryCidrs(List.of("10.0.0.0/33")), "miner_telemetry.cidrs[0]", "0 to 32"),
            rule(b -> b.minerTelemetryCidrs(List.of("10.0.0.0")), "miner_telemetry.cidrs[0]", "CIDR"),
            rule(b -> b.templateProvider(TemplateProvider.Sv2Tp.of("127.0.0.1")),
                    "template_provider_type.Sv2Tp.address", "host:port"),
            rule(b -> b.templateProvider(new TemplateProvider.Sv2Tp("tp:8442", Optional.of("bad"))),
                    "template_provider_type.Sv2Tp.public_key", "Base58"),
            rule(b -> b.templateProvider(TemplateProvider.BitcoinCoreIpc.of(29, Network.SIGNET)),
                    "template_provider_type.BitcoinCoreIpc.version", "30, 31 or 32"),
            rule(b -> b.templateProvider(new TemplateProvider.BitcoinCoreIpc(30, Network.REGTEST, Optional.of(""),
                    OptionalLong.of(-1), OptionalLong.empty())), "template_provider_type.BitcoinCoreIpc.data_dir",
                    "directory"),
            rule(b -> b.templateProvider(new TemplateProvider.BitcoinCoreIpc(30, Network.REGTEST, Optional.empty(),
                    OptionalLong.of(-1), OptionalLong.empty())),
                    "template_provider_type.BitcoinCoreIpc.fee_threshold", "0 or more"),
            rule(b -> b.templateProvider(new TemplateProvider.BitcoinCoreIpc(30, Network.REGTEST, Optional.empty(),
                    OptionalLong.empty(), OptionalLong.of(-5))),
                    "template_provider_type.BitcoinCoreIpc.min_interval", "0 or more"),
            rule(b -> b.upstreams(List.of()), "upstreams", "unless mode is SOLOMINING"),
            rule(b -> b.mode(Mode.COINBASEONLY).upstreams(List.of()), "upstreams", "unless mode is SOLOMINING"),
            rule(b -> b.upstreams(List.of(upstream("bad", "127.0.0.1", 1, "127.0.0.1", 2, ""))),
                    "upstreams[0].authority_pubkey", "Base58"),
            rule(b -> b.upstreams(List.of(upstream(POOL[0], "pool:3333", 1, "127.0.0.1", 2, ""))),
                    "upstreams[0].pool_address", "without a port"),
            rule(b -> b.upstreams(List.of(upstream(POOL[0], "pool", 0, "127.0.0.1", 2, ""))),
                    "upstreams[0].pool_port", "1 to 65535"),
            rule(b -> b.upstreams(List.of(upstream(POOL[0], "pool", 1, "-jds-", 2, ""))),
                    "upstreams[0].jds_address", "host name"),
            rule(b -> b.upstreams(List.of(upstream(POOL[0], "pool", 1, "jds", 65536, ""))),
                    "upstreams[0].jds_port", "1 to 65535"),
            rule(b -> b.upstreams(List.of(upstream(POOL[0], "pool", 1, "jds", 2, "x".repeat(256)))),
                    "upstreams[0].user_identity", "255 bytes"));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("rules")
    void reportsTheFieldValueAndRule(UnaryOperator<JdcConfig.Builder> change, String path, String rule) {
        ValidationResult result = change.apply(ConfigFixtures.valid()).build().validate();
        assertThat(result.valid()).isFalse();
        assertThat(result.problems()).anySatisfy(p -> {
            assertThat(p.path()).isEqualTo(path);
            assertThat(p.rule()).contains(rule);
        });
    }

    @Test
    void soloMiningNeedsNoUpstream() {
        assertThat(ConfigFixtures.valid().mode(Mode.SOLOMINING).upstreams(List.of()).build().validate().valid())
                .isTrue();
    }

    @Test
    void acceptsIpv6AndHostNamesWhereJdClientDoes() {
        JdcConfig config = ConfigFixtures.valid().listeningAddress("[::]:34265").monitoringAddress("[::1]:9090")
                .templateProvider(TemplateProvider.Sv2Tp.of("[::1]:8442"))
                .upstreams(List.of(upstream(POOL[0], "::1", 1, "jds.pool.example", 2, ""))).build();
        assertThat(config.validate().problems()).isEmpty();
    }

    @Test
    void collectsEveryProblemAtOnce() {
        ValidationResult result = ConfigFixtures.valid().listeningAddress("nope").shareBatchSize(0)
                .sharesPerMinute(-1).upstreams(List.of()).build().validate();
        assertThat(result.problems()).extracting(ConfigProblem::path)
                .containsExactly("listening_address", "shares_per_minute", "share_batch_size", "upstreams");
        assertThatThrownBy(() -> result.orThrow()).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("4 problems").hasMessageContaining("invalid listening_address 'nope'");
    }

    @Test
    void acceptsThePublishedTestKeysWithAWarning() {
        JdcConfig config = ConfigFixtures.valid().authorityKeys(PublishedTestKeys.PUBLIC_KEY,
                PublishedTestKeys.SECRET_KEY)
                .build();
        ValidationResult result = config.validate();
        assertThat(result.valid()).isTrue();
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w).contains("authority_secret_key")
                .contains("published test key"));
    }

    @Test
    void warnsWhenAnUpstreamCarriesThisInstancesOwnKey() {
        JdcConfig base = ConfigFixtures.valid().build();
        JdcConfig config = base.toBuilder().upstreams(List.of(upstream(base.authorityPublicKey(), "pool", 1, "jds", 2,
                ""))).build();
        assertThat(config.validate().warnings()).anySatisfy(w -> assertThat(w).contains("POOL's key"));
    }

    @Test
    void neverShowsTheSecretKey() {
        JdcConfig config = ConfigFixtures.valid().authorityKeys(POOL[0], OTHER[1]).build();
        assertThat(config.validate().problems().toString()).doesNotContain(OTHER[1]);
        assertThat(config.toString()).doesNotContain(config.authoritySecretKey());
    }

    @Test
    void theBuilderNamesEveryMissingRequiredField() {
        assertThatThrownBy(() -> JdcConfig.builder().listeningAddress("0.0.0.0:1").build())
                .hasMessageContaining("authority_public_key").hasMessageContaining("coinbase_reward_script")
                .hasMessageContaining("template_provider_type");
    }

    private static Upstream upstream(String key, String pool, int poolPort, String jds, int jdsPort, String id) {
        return new Upstream(key, pool, poolPort, jds, jdsPort, id);
    }

    private static Arguments rule(UnaryOperator<JdcConfig.Builder> change, String path, String rule) {
        return Arguments.of(change, path, rule);
    }
}
