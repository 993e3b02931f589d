package io.orbitr.jdclient.config;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes a {@link JdcConfig} as the TOML file jd-client reads: top-level keys first (TOML allows none after a table
 * header), floats written as floats ({@code shares_per_minute = 6.0}; jd-client's f32 fields), extension types in
 * hex, then {@code [template_provider_type.VARIANT]}, {@code [miner_telemetry]} and one {@code [[upstreams]]} table
 * per upstream in fallback order. Only set optional keys are written, so jd-client applies its own defaults.
 */
public final class TomlRenderer {

    private TomlRenderer() {
    }

    /**
     * @param config a configuration (rendered as given; validate it first)
     * @return the TOML text
     */
    public static String render(JdcConfig config) {
        StringBuilder out = new StringBuilder(1024);
        out.append("# jd-client configuration written by Orbitr\n");
        string(out, "listening_address", config.listeningAddress());
        integer(out, "max_supported_version", config.maxSupportedVersion());
        integer(out, "min_supported_version", config.minSupportedVersion());
        string(out, "authority_public_key", config.authorityPublicKey());
        string(out, "authority_secret_key", config.authoritySecretKey());
        integer(out, "cert_validity_sec", config.certValiditySec());
        line(out, "shares_per_minute", floating(config.sharesPerMinute()));
        integer(out, "share_batch_size", config.shareBatchSize());
        string(out, "mode", config.mode().name());
        string(out, "jdc_signature", config.jdcSignature());
        string(out, "coinbase_reward_script", config.coinbaseRewardScript());
        config.logFile().ifPresent(f -> string(out, "log_file", f));
        if (!config.supportedExtensions().isEmpty()) {
            line(out, "supported_extensions", hexArray(config.supportedExtensions()));
        }
        if (!config.requiredExtensions().isEmpty()) {
            line(out, "required_extensions", hexArray(config.requiredExtensions()));
        }
        config.monitoringAddress().ifPresent(a -> string(out, "monitoring_address", a));
        config.monitoringCacheRefreshSecs().ifPresent(n -> integer(out, "monitoring_cache_refresh_secs", n));
        config.maxPastJobs().ifPresent(n -> integer(out, "max_past_jobs", n));
        config.reservedDownstreamRollableExtranonceSize().ifPresent(n ->
                integer(out, "reserved_downstream_rollable_extranonce_size", n));
        if (config.upstreams().isEmpty()) {
            // jd-client requires the key even in solo mode; an empty array must sit with the top-level keys.
            line(out, "upstreams", "[]");
        }
        templateProvider(out, config.templateProvider());
        if (!config.minerTelemetryCidrs().isEmpty()) {
            out.append("\n[miner_telemetry]\n");
            line(out, "cidrs", config.minerTelemetryCidrs().stream().map(TomlRenderer::quote)
                    .collect(Collectors.joining(", ", "[", "]")));
        }
        for (Upstream upstream : config.upstreams()) {
            out.append("\n[[upstreams]]\n");
            string(out, "authority_pubkey", upstream.authorityPubkey());
            string(out, "pool_address", upstream.poolAddress());
            integer(out, "pool_port", upstream.poolPort());
            string(out, "jds_address", upstream.jdsAddress());
            integer(out, "jds_port", upstream.jdsPort());
            string(out, "user_identity", upstream.userIdentity());
        }
        return out.toString();
    }

    private static void templateProvider(StringBuilder out, TemplateProvider provider) {
        out.append("\n[template_provider_type.").append(provider.variant()).append("]\n");
        if (provider instanceof TemplateProvider.Sv2Tp tp) {
            string(out, "address", tp.address());
            tp.publicKey().ifPresent(k -> string(out, "public_key", k));
        } else if (provider instanceof TemplateProvider.BitcoinCoreIpc ipc) {
            integer(out, "version", ipc.version());
            string(out, "network", ipc.network().tomlName());
            ipc.dataDir().ifPresent(d -> string(out, "data_dir", d));
            ipc.feeThreshold().ifPresent(n -> integer(out, "fee_threshold", n));
            ipc.minInterval().ifPresent(n -> integer(out, "min_interval", n));
        }
    }

    private static void string(StringBuilder out, String key, String value) {
        line(out, key, quote(value));
    }

    private static void integer(StringBuilder out, String key, long value) {
        line(out, key, Long.toString(value));
    }

    private static void line(StringBuilder out, String key, String value) {
        out.append(key).append(" = ").append(value).append('\n');
    }

    /** Always has a decimal point, so TOML types it as a float: 6 becomes 6.0, never 6. */
    static String floating(double value) {
        if (!Double.isFinite(value)) {
            return Double.isNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";
        }
        String plain = BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }

    private static String hexArray(List<Long> values) {
        return values.stream().map(v -> String.format("0x%04x", v)).collect(Collectors.joining(", ", "[", "]"));
    }

    /** A TOML basic string: quotes, backslashes and control characters escaped. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
