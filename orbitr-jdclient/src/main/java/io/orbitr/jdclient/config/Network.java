package io.orbitr.jdclient.config;

import java.util.Locale;
import java.util.Optional;

/** The Bitcoin network of a {@code BitcoinCoreIpc} template provider, as jd-client names it. */
public enum Network {
    /** Bitcoin mainnet. */
    MAINNET,
    /** Testnet 4. */
    TESTNET4,
    /** Signet. */
    SIGNET,
    /** Regtest. */
    REGTEST;

    /** @return the name in a TOML file: lowercase */
    public String tomlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param text a network as written in a file
     * @return the network, or empty when jd-client does not know it
     */
    public static Optional<Network> parse(String text) {
        for (Network network : values()) {
            if (network.tomlName().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(network);
            }
        }
        return Optional.empty();
    }
}
