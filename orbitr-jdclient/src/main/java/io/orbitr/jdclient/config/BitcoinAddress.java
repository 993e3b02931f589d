package io.orbitr.jdclient.config;

import io.orbitr.InvalidValueException;
import io.orbitr.jdclient.keys.Base58Check;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the address inside an {@code addr(...)} descriptor: a SegWit address (BIP-173 bech32 for version 0,
 * BIP-350 bech32m for later versions) or a legacy Base58Check address, on mainnet, testnet, signet or regtest.
 */
final class BitcoinAddress {
    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int BECH32 = 1;
    private static final int BECH32M = 0x2bc830a3;
    private static final Set<String> HRPS = Set.of("bc", "tb", "bcrt");
    /** P2PKH and P2SH version bytes of mainnet (0x00, 0x05) and of the test networks (0x6f, 0xc4). */
    private static final Set<Integer> BASE58_VERSIONS = Set.of(0x00, 0x05, 0x6f, 0xc4);

    private BitcoinAddress() {
    }

    /**
     * @param address an address
     * @return why it is not a valid Bitcoin address, or empty when it is
     */
    static Optional<String> problem(String address) {
        String lower = address.toLowerCase(Locale.ROOT);
        int separator = lower.lastIndexOf('1');
        if (separator > 0 && HRPS.contains(lower.substring(0, separator))) {
            return segwitProblem(address, lower, separator);
        }
        byte[] payload;
        try {
            payload = Base58Check.decode("address", address, address);
        } catch (InvalidValueException e) {
            return Optional.of("is not a Bitcoin address: " + e.rule());
        }
        if (payload.length != 21 || !BASE58_VERSIONS.contains(payload[0] & 0xff)) {
            return Optional.of("is not a P2PKH or P2SH address (a private key or an extended key?)");
        }
        return Optional.empty();
    }

    private static Optional<String> segwitProblem(String original, String lower, int separator) {
        if (!original.equals(lower) && !original.equals(original.toUpperCase(Locale.ROOT))) {
            return Optional.of("mixes upper and lower case");
        }
        String hrp = lower.substring(0, separator);
        String data = lower.substring(separator + 1);
        if (data.length() < 7 || original.length() > 90) {
            return Optional.of("has a bad length for a SegWit address");
        }
        int[] values = new int[data.length()];
        for (int i = 0; i < data.length(); i++) {
            values[i] = CHARSET.indexOf(data.charAt(i));
            if (values[i] < 0) {
                return Optional.of("has a character outside the bech32 alphabet: '" + data.charAt(i) + "'");
            }
        }
        int check = polymod(hrp, values);
        if (check != BECH32 && check != BECH32M) {
            return Optional.of("has a bad checksum (mistyped?)");
        }
        int version = values[0];
        if (version > 16) {
            return Optional.of("has a bad witness version " + version);
        }
        if ((version == 0) != (check == BECH32)) {
            return Optional.of(version == 0 ? "is a version 0 address with a bech32m checksum (BIP-350: use bech32)"
                    : "is a version " + version + " address with a bech32 checksum (BIP-350: use bech32m)");
        }
        int programBytes = ((values.length - 7) * 5) / 8;
        if (programBytes < 2 || programBytes > 40 || version == 0 && programBytes != 20 && programBytes != 32) {
            return Optional.of("has a witness program of a bad length (" + programBytes + " bytes)");
        }
        return Optional.empty();
    }

    private static int polymod(String hrp, int[] data) {
        int[] generator = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
        int chk = 1;
        int[] expanded = new int[hrp.length() * 2 + 1 + data.length];
        for (int i = 0; i < hrp.length(); i++) {
            expanded[i] = hrp.charAt(i) >> 5;
            expanded[i + hrp.length() + 1] = hrp.charAt(i) & 31;
        }
        System.arraycopy(data, 0, expanded, hrp.length() * 2 + 1, data.length);
        for (int value : expanded) {
            int top = chk >>> 25;
            chk = (chk & 0x1ffffff) << 5 ^ value;
            for (int i = 0; i < 5; i++) {
                if ((top >>> i & 1) == 1) {
                    chk ^= generator[i];
                }
            }
        }
        return chk;
    }
}
