package io.orbitr.jdclient.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

class TomlRoundTripTest {

    @Test
    void aRenderedConfigurationImportsBackEqual() {
        for (JdcConfig config : List.of(ConfigFixtures.valid().build(), ConfigFixtures.everything(), ipcSolo())) {
            String toml = TomlRenderer.render(config);
            ImportResult imported = TomlImporter.parse(toml);
            assertThat(imported.validation().problems()).as(toml).isEmpty();
            assertThat(imported.oldSchema()).isEmpty();
            assertThat(imported.config()).contains(config);
        }
    }

    @Test
    void writesTheTypesJdClientExpects() {
        TomlParseResult toml = Toml.parse(TomlRenderer.render(ConfigFixtures.everything()));
        assertThat(toml.errors()).isEmpty();
        assertThat(toml.isDouble("shares_per_minute")).isTrue();
        assertThat(toml.isLong("cert_validity_sec")).isTrue();
        assertThat(toml.isArray("upstreams")).isTrue();
        TomlArray upstreams = toml.getArray("upstreams");
        assertThat(upstreams.size()).isEqualTo(2);
        assertThat(((TomlTable) upstreams.get(1)).getString("pool_address")).isEqualTo("pool.example.com");
        assertThat(toml.getArray("supported_extensions").toList()).containsExactly(2L, 3L);
        assertThat(toml.getString(List.of("template_provider_type", "Sv2Tp", "address")))
                .isEqualTo("tp.example.com:8442");
        assertThat(toml.getArray(List.of("miner_telemetry", "cidrs")).toList()).containsExactly("192.168.1.0/24",
                "fd00::/8");
    }

    @Test
    void writesWholeNumbersAsFloats() {
        String toml = TomlRenderer.render(ConfigFixtures.valid().sharesPerMinute(6).build());
        assertThat(toml).contains("shares_per_minute = 6.0\n").contains("[[upstreams]]\n")
                .contains("[template_provider_type.Sv2Tp]\n");
        assertThat(TomlRenderer.floating(0.000001)).isEqualTo("0.000001");
        assertThat(TomlRenderer.floating(120)).isEqualTo("120.0");
    }

    @Test
    void soloModeWritesAnEmptyUpstreamArrayBeforeAnyTable() {
        String toml = TomlRenderer.render(ipcSolo());
        assertThat(toml.indexOf("upstreams = []")).isPositive().isLessThan(toml.indexOf('['
                + "template_provider_type"));
        assertThat(toml).contains("version = 31\n").contains("network = \"testnet4\"\n");
    }

    @Test
    void escapesStrings() {
        assertThat(TomlRenderer.quote("a\"b\\c\u0001")).isEqualTo("\"a\\\"b\\\\c\\u0001\"");
    }

    private static JdcConfig ipcSolo() {
        return ConfigFixtures.valid().mode(Mode.SOLOMINING).upstreams(List.of())
                .templateProvider(new TemplateProvider.BitcoinCoreIpc(31, Network.TESTNET4,
                        Optional.of("/srv/bitcoin"), OptionalLong.of(1000), OptionalLong.of(30)))
                .coinbaseRewardScript("addr(tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7)")
                .build();
    }
}
