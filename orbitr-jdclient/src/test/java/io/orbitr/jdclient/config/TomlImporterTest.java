package io.orbitr.jdclient.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TomlImporterTest {
    private static final String[] OWN = ConfigFixtures.keyPair("orbitr-instance");
    private static final String[] POOL = ConfigFixtures.keyPair("orbitr-pool");

    @Test
    void reportsSyntaxErrorsWithTheirLine() {
        ImportResult result = TomlImporter.parse("listening_address = \"0.0.0.0:1\"\nshares_per_minute = = 6\n");
        assertThat(result.config()).isEmpty();
        assertThat(result.validation().problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("toml");
            assertThat(p.value()).isEqualTo("line 2, column 21");
        });
    }

    @Test
    void reportsEveryMissingKeyAsJdClientWould() {
        ImportResult result = TomlImporter.parse("listening_address = \"0.0.0.0:34265\"\n");
        assertThat(result.config()).isEmpty();
        assertThat(result.validation().problems()).extracting(ConfigProblem::path).contains("min_supported_version",
                "max_supported_version", "authority_public_key", "authority_secret_key", "cert_validity_sec",
                "shares_per_minute", "share_batch_size", "jdc_signature", "coinbase_reward_script",
                "template_provider_type", "upstreams").doesNotContain("listening_address");
        assertThat(result.validation().problems()).allSatisfy(p -> assertThat(p.rule()).contains("missing field"));
    }

    @Test
    void reportsWrongTypesAndBadValuesTogether() {
        String toml = TomlRenderer.render(ConfigFixtures.valid().build())
                .replace("cert_validity_sec = 3600", "cert_validity_sec = \"3600\"")
                .replace("mode = \"FULLTEMPLATE\"", "mode = \"turbo\"")
                .replace("listening_address = \"127.0.0.1:34265\"", "listening_address = \"here:34265\"")
                .replace("user_identity = \"orbitr-miner\"\n", "");
        ImportResult result = TomlImporter.parse(toml);
        assertThat(result.valid()).isFalse();
        assertThat(result.validation().problems()).extracting(ConfigProblem::path).containsExactlyInAnyOrder(
                "cert_validity_sec", "mode", "listening_address", "upstreams[0].user_identity");
        assertThat(result.validation().problems()).anySatisfy(p -> {
            assertThat(p.path()).isEqualTo("mode");
            assertThat(p.rule()).contains("FULLTEMPLATE, COINBASEONLY or SOLOMINING");
        });
    }

    @Test
    void readsTheModeInAnyCaseAndAnIntegerShareRate() {
        String toml = TomlRenderer.render(ConfigFixtures.valid().build())
                .replace("mode = \"FULLTEMPLATE\"", "mode = \"coinbaseOnly\"")
                .replace("shares_per_minute = 6.0", "shares_per_minute = 6");
        JdcConfig config = TomlImporter.parse(toml).orThrow();
        assertThat(config.mode()).isEqualTo(Mode.COINBASEONLY);
        assertThat(config.sharesPerMinute()).isEqualTo(6.0);
    }

    @Test
    void refusesBothTemplateProvidersAtOnce() {
        String toml = TomlRenderer.render(ConfigFixtures.valid().build())
                + "\n[template_provider_type.BitcoinCoreIpc]\nversion = 30\nnetwork = \"mainnet\"\n";
        assertThat(TomlImporter.parse(toml).validation().problems()).anySatisfy(p -> {
            assertThat(p.path()).isEqualTo("template_provider_type");
            assertThat(p.rule()).contains("exactly one");
        });
    }

    @Test
    void warnsAboutKeysJdClientIgnores() {
        String toml = "shares_per_minut = 5.0\n" + TomlRenderer.render(ConfigFixtures.valid().build());
        ImportResult result = TomlImporter.parse(toml);
        assertThat(result.valid()).isTrue();
        assertThat(result.validation().warnings()).anySatisfy(w -> assertThat(w).contains("shares_per_minut"));
    }

    @Test
    void recognisesAV12FileAndSaysWhatToChange() {
        String toml = """
                downstream_address = "0.0.0.0"
                downstream_port = 34265
                max_supported_version = 2
                min_supported_version = 2
                withhold = false
                authority_public_key = "%s"
                authority_secret_key = "%s"
                cert_validity_sec = 3600
                tp_address = "127.0.0.1:8442"
                retry = 10
                coinbase_outputs = [
                    { output_script_type = "P2WPKH", output_script_value = "%s" },
                ]
                [timeout]
                unit = "secs"
                value = 1
                [[upstreams]]
                authority_pubkey = "%s"
                pool_address = "127.0.0.1:34254"
                jd_address = "127.0.0.1:34264"
                pool_signature = "Stratum v2 SRI Pool"
                """.formatted(OWN[0], OWN[1], ConfigFixtures.G_COMPRESSED, POOL[0]);
        ImportResult result = TomlImporter.parse(toml);
        assertThat(result.valid()).isFalse();
        OldSchema old = result.oldSchema().orElseThrow();
        assertThat(old.era()).isEqualTo("jd-client v1.2 or earlier");
        assertThat(old.changes()).extracting(SchemaChange::toString).contains(
                "downstream_address, downstream_port: replace both with listening_address = \"0.0.0.0:34265\"",
                "tp_address: replace with a table [template_provider_type.Sv2Tp] holding address = \"127.0.0.1:8442\"",
                "withhold: remove it: jd-client no longer reads it",
                "coinbase_outputs: replace with coinbase_reward_script = \"wpkh(" + ConfigFixtures.G_COMPRESSED
                        + ")\" (an output descriptor)",
                "upstreams[0].jd_address: replace with jds_address = \"127.0.0.1\" and jds_port = 34264",
                "upstreams[0].pool_address: split into pool_address = \"127.0.0.1\" and pool_port = 34254",
                "upstreams[0].pool_signature: remove it and set the top-level jdc_signature instead");
        // What the changes produce is not reported again as missing.
        assertThat(result.validation().problems()).extracting(ConfigProblem::path).doesNotContain(
                "listening_address", "coinbase_reward_script", "template_provider_type", "upstreams[0].jds_port",
                "upstreams[0].pool_port", "jdc_signature");
        assertThat(result.validation().warnings()).noneSatisfy(w -> assertThat(w).contains("withhold"));
        assertThatThrownBy(result::orThrow).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("downstream_address");
    }

    @Test
    void recognisesAV14FileByItsCoinbaseOutput() {
        String toml = TomlRenderer.render(ConfigFixtures.valid().build())
                .replace("coinbase_reward_script =", "coinbase_output =");
        OldSchema old = TomlImporter.parse(toml).oldSchema().orElseThrow();
        assertThat(old.era()).isEqualTo("jd-client v1.4");
        assertThat(old.describe()).contains("coinbase_output: rename to coinbase_reward_script");
    }

    @Test
    void recognisesALate2025FileByItsTopLevelUserIdentityAndIpcWithoutVersion() {
        String toml = "user_identity = \"miner-1\"\n" + TomlRenderer.render(ConfigFixtures.valid()
                        .templateProvider(io.orbitr.jdclient.config.TemplateProvider.BitcoinCoreIpc.of(30,
                                Network.MAINNET)).build())
                .replace("user_identity = \"orbitr-miner\"\n", "").replace("version = 30\n", "");
        ImportResult result = TomlImporter.parse(toml);
        OldSchema old = result.oldSchema().orElseThrow();
        assertThat(old.era()).contains("late 2025");
        assertThat(old.changes()).extracting(SchemaChange::key).containsExactly("user_identity",
                "template_provider_type.BitcoinCoreIpc");
        assertThat(result.validation().problems()).isEmpty();
    }

    @Test
    void readsAFileAndNamesAMissingOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("jdc.toml");
        Files.writeString(file, TomlRenderer.render(ConfigFixtures.valid().build()));
        assertThat(TomlImporter.read(file).valid()).isTrue();
        assertThatThrownBy(() -> TomlImporter.read(dir.resolve("nope.toml"))).hasMessageContaining("nope.toml")
                .hasMessageContaining("does not exist");
    }
}
