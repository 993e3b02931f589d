package io.orbitr.jdclient.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DescriptorShapeTest {
    private static final String KEY = ConfigFixtures.G_COMPRESSED;
    private static final String X_ONLY = "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";
    private static final String XPUB = "xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1"
            + "Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8";

    @ParameterizedTest
    @ValueSource(strings = {
        "addr(1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa)",
        "addr(BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4)",
        "addr(tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7)",
        "addr(bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y)",
        "raw(deadbeef)",
        "raw(deadbeef)#89f8spxm",
        "pk(" + KEY + ")",
        "pkh(" + KEY + ")",
        "wpkh(" + KEY + ")",
        "wpkh([d34db33f/84'/0'/0']" + KEY + ")",
        "sh(wpkh(" + KEY + "))",
        "sh(wsh(multi(1," + KEY + "," + KEY + ")))",
        "wsh(sortedmulti(2," + KEY + "," + KEY + "))",
        "tr(" + X_ONLY + ")",
        "tr(" + KEY + ",{pk(" + X_ONLY + "),multi_a(1," + X_ONLY + ")})",
        "rawtr(" + X_ONLY + ")",
        "wpkh(" + XPUB + "/0/5)",
    })
    void acceptsSingleOutputDescriptors(String descriptor) {
        assertThat(DescriptorShape.problems(descriptor)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|is required",
        "combo(" + KEY + ")|combo()",
        "wpkh(musig(" + KEY + "," + KEY + "))|musig()",
        "wpkh(" + XPUB + "/0/*)|wildcard",
        "wpkh(" + XPUB + "/<0;1>/3)|multipath",
        "wpkh(" + XPUB + "/0h)|hardened",
        "wpkh(L4rK1yDtCWekvXuE6oXD9jCYfFNV2cWRpVuPLBcCU2z8TrisoyY1)|private key (WIF)",
        "wpkh(xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi)|private key (xprv)",
        "raw(deadbeef)#89f8spxn|checksum",
        "raw(deadbee)|hex",
        "wpkh(04" + "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"
                + "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8)|uncompressed",
        "pkh(" + X_ONLY + ")|x-only",
        "addr(bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5)|checksum",
        "addr(1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb)|checksum",
        "sh(tr(" + X_ONLY + "))|not allowed",
        "multi(3," + KEY + "," + KEY + ")|threshold",
        "bogus(1)|not allowed",
        "wpkh(" + KEY + "|descriptor function",
    })
    void refusesWhatJdClientRefuses(String descriptor, String reason) {
        assertThat(DescriptorShape.problems(descriptor)).anySatisfy(p -> assertThat(p).contains(reason));
    }
}
