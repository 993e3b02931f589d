package io.orbitr.jdclient.config;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where jd-client gets block templates: exactly one variant of its {@code [template_provider_type]} table. Values
 * are checked by {@link ConfigValidator}, not here, so that a whole file's problems can be reported at once.
 */
public sealed interface TemplateProvider permits TemplateProvider.Sv2Tp, TemplateProvider.BitcoinCoreIpc {

    /** @return the variant's table name under {@code template_provider_type} */
    String variant();

    /**
     * {@code [template_provider_type.Sv2Tp]}: a Stratum V2 Template Provider reached over the network.
     *
     * @param address   its {@code host:port}
     * @param publicKey its authority public key, when it uses an encrypted connection
     */
    record Sv2Tp(String address, Optional<String> publicKey) implements TemplateProvider {
        /** Refuses nulls. */
        public Sv2Tp {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(publicKey, "publicKey");
        }

        /**
         * @param address the Template Provider's {@code host:port}
         * @return a provider without a public key
         */
        public static Sv2Tp of(String address) {
            return new Sv2Tp(address, Optional.empty());
        }

        @Override
        public String variant() {
            return "Sv2Tp";
        }
    }

    /**
     * {@code [template_provider_type.BitcoinCoreIpc]}: a local Bitcoin Core (30 or later) over its IPC socket.
     *
     * @param version      Bitcoin Core's major version: 30, 31 or 32
     * @param network      the node's network
     * @param dataDir      the node's data directory, when not the default
     * @param feeThreshold fee change (sats) that triggers a new template
     * @param minInterval  seconds between templates
     */
    record BitcoinCoreIpc(int version, Network network, Optional<String> dataDir, OptionalLong feeThreshold,
            OptionalLong minInterval) implements TemplateProvider {
        /** Refuses nulls. */
        public BitcoinCoreIpc {
            Objects.requireNonNull(network, "network");
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(feeThreshold, "feeThreshold");
            Objects.requireNonNull(minInterval, "minInterval");
        }

        /**
         * @param version Bitcoin Core's major version
         * @param network the node's network
         * @return a provider with the node's default data directory and jd-client's default intervals
         */
        public static BitcoinCoreIpc of(int version, Network network) {
            return new BitcoinCoreIpc(version, network, Optional.empty(), OptionalLong.empty(), OptionalLong.empty());
        }

        @Override
        public String variant() {
            return "BitcoinCoreIpc";
        }
    }
}
