package io.orbitr.jdclient.config;

import io.orbitr.InvalidValueException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A jd-client configuration in the current sv2-apps schema, one field per TOML key. Built with {@link #builder()},
 * rendered with {@link TomlRenderer}, read with {@link TomlImporter}.
 *
 * <p>The record only refuses nulls: whether values are acceptable to jd-client is decided by {@link #validate()},
 * which reports every problem at once instead of stopping at the first.
 *
 * @param listeningAddress              {@code listening_address}: "IP:port" where miners connect
 * @param maxSupportedVersion           {@code max_supported_version}: 2
 * @param minSupportedVersion           {@code min_supported_version}: 2
 * @param authorityPublicKey            {@code authority_public_key}: this instance's public key
 * @param authoritySecretKey            {@code authority_secret_key}: this instance's secret key
 * @param certValiditySec               {@code cert_validity_sec}
 * @param sharesPerMinute               {@code shares_per_minute} (a float in the file)
 * @param shareBatchSize                {@code share_batch_size}
 * @param jdcSignature                  {@code jdc_signature}: the tag in the coinbase scriptSig
 * @param coinbaseRewardScript          {@code coinbase_reward_script}: an output descriptor
 * @param mode                          {@code mode}
 * @param upstreams                     {@code [[upstreams]]}, in fallback order
 * @param templateProvider              {@code [template_provider_type]}
 * @param logFile                       {@code log_file}
 * @param supportedExtensions           {@code supported_extensions}
 * @param requiredExtensions            {@code required_extensions}
 * @param monitoringAddress             {@code monitoring_address}: "IP:port" of the monitoring API, empty for none
 * @param monitoringCacheRefreshSecs    {@code monitoring_cache_refresh_secs}
 * @param maxPastJobs                   {@code max_past_jobs}
 * @param reservedDownstreamRollableExtranonceSize {@code reserved_downstream_rollable_extranonce_size}
 * @param minerTelemetryCidrs           {@code [miner_telemetry] cidrs}; empty for no table
 */
public record JdcConfig(String listeningAddress, long maxSupportedVersion, long minSupportedVersion,
        String authorityPublicKey, String authoritySecretKey, long certValiditySec, double sharesPerMinute,
        long shareBatchSize, String jdcSignature, String coinbaseRewardScript, Mode mode, List<Upstream> upstreams,
        TemplateProvider templateProvider, Optional<String> logFile, List<Long> supportedExtensions,
        List<Long> requiredExtensions, Optional<String> monitoringAddress, OptionalLong monitoringCacheRefreshSecs,
        OptionalLong maxPastJobs, OptionalLong reservedDownstreamRollableExtranonceSize,
        List<String> minerTelemetryCidrs) {

    /** Refuses nulls and freezes the lists. */
    public JdcConfig {
        Objects.requireNonNull(listeningAddress, "listeningAddress");
        Objects.requireNonNull(authorityPublicKey, "authorityPublicKey");
        Objects.requireNonNull(authoritySecretKey, "authoritySecretKey");
        Objects.requireNonNull(jdcSignature, "jdcSignature");
        Objects.requireNonNull(coinbaseRewardScript, "coinbaseRewardScript");
        Objects.requireNonNull(mode, "mode");
        upstreams = List.copyOf(upstreams);
        Objects.requireNonNull(templateProvider, "templateProvider");
        Objects.requireNonNull(logFile, "logFile");
        supportedExtensions = List.copyOf(supportedExtensions);
        requiredExtensions = List.copyOf(requiredExtensions);
        Objects.requireNonNull(monitoringAddress, "monitoringAddress");
        Objects.requireNonNull(monitoringCacheRefreshSecs, "monitoringCacheRefreshSecs");
        Objects.requireNonNull(maxPastJobs, "maxPastJobs");
        Objects.requireNonNull(reservedDownstreamRollableExtranonceSize, "reservedDownstreamRollableExtranonceSize");
        minerTelemetryCidrs = List.copyOf(minerTelemetryCidrs);
    }

    /**
     * @return a builder with jd-client's usual values (protocol version 2, certificates valid 3600 s, 6.0 shares per
     *     minute, batches of 10, FULLTEMPLATE); addresses, keys, signature, reward script and template provider have
     *     no default and must be set
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this configuration's values */
    public Builder toBuilder() {
        Builder b = new Builder().listeningAddress(listeningAddress).supportedVersions(minSupportedVersion,
                        maxSupportedVersion).authorityKeys(authorityPublicKey, authoritySecretKey)
                .certValiditySec(certValiditySec).sharesPerMinute(sharesPerMinute).shareBatchSize(shareBatchSize)
                .jdcSignature(jdcSignature).coinbaseRewardScript(coinbaseRewardScript).mode(mode)
                .upstreams(upstreams).templateProvider(templateProvider).supportedExtensions(supportedExtensions)
                .requiredExtensions(requiredExtensions).minerTelemetryCidrs(minerTelemetryCidrs);
        logFile.ifPresent(b::logFile);
        monitoringAddress.ifPresent(b::monitoringAddress);
        monitoringCacheRefreshSecs.ifPresent(b::monitoringCacheRefreshSecs);
        maxPastJobs.ifPresent(b::maxPastJobs);
        reservedDownstreamRollableExtranonceSize.ifPresent(b::reservedDownstreamRollableExtranonceSize);
        return b;
    }

    /** @return every problem jd-client would have with this configuration, and warnings such as test keys */
    public ValidationResult validate() {
        return ConfigValidator.validate(this);
    }

    /**
     * Hides the secret key, so a configuration can be logged; also where it was pasted into the public key's field.
     */
    @Override
    public String toString() {
        String secret = authoritySecretKey.strip();
        String shownPublicKey = !secret.isEmpty() && authorityPublicKey.contains(secret) ? "(hidden)"
                : authorityPublicKey;
        return "JdcConfig[listeningAddress=" + listeningAddress + ", mode=" + mode + ", authorityPublicKey="
                + shownPublicKey + ", authoritySecretKey=(hidden), upstreams=" + upstreams.size()
                + ", templateProvider=" + templateProvider.variant() + ", monitoringAddress="
                + monitoringAddress.orElse("(none)") + "]";
    }

    /** Builds a {@link JdcConfig}. Not thread-safe. */
    public static final class Builder {
        private String listeningAddress;
        private long maxSupportedVersion = 2;
        private long minSupportedVersion = 2;
        private String authorityPublicKey;
        private String authoritySecretKey;
        private long certValiditySec = 3600;
        private double sharesPerMinute = 6.0;
        private long shareBatchSize = 10;
        private String jdcSignature;
        private String coinbaseRewardScript;
        private Mode mode = Mode.FULLTEMPLATE;
        private final List<Upstream> upstreams = new ArrayList<>();
        private TemplateProvider templateProvider;
        private String logFile;
        private final List<Long> supportedExtensions = new ArrayList<>();
        private final List<Long> requiredExtensions = new ArrayList<>();
        private String monitoringAddress;
        private Long monitoringCacheRefreshSecs;
        private Long maxPastJobs;
        private Long reservedDownstreamRollableExtranonceSize;
        private final List<String> minerTelemetryCidrs = new ArrayList<>();

        private Builder() {
        }

        /** @param address "IP:port" where miners connect @return this builder */
        public Builder listeningAddress(String address) {
            this.listeningAddress = address;
            return this;
        }

        /** @param min the lowest protocol version @param max the highest @return this builder */
        public Builder supportedVersions(long min, long max) {
            this.minSupportedVersion = min;
            this.maxSupportedVersion = max;
            return this;
        }

        /** @param publicKey this instance's public key @param secretKey its secret key @return this builder */
        public Builder authorityKeys(String publicKey, String secretKey) {
            this.authorityPublicKey = publicKey;
            this.authoritySecretKey = secretKey;
            return this;
        }

        /** @param seconds how long the instance's certificates are valid @return this builder */
        public Builder certValiditySec(long seconds) {
            this.certValiditySec = seconds;
            return this;
        }

        /** @param rate the share rate asked of miners @return this builder */
        public Builder sharesPerMinute(double rate) {
            this.sharesPerMinute = rate;
            return this;
        }

        /** @param size shares per batch @return this builder */
        public Builder shareBatchSize(long size) {
            this.shareBatchSize = size;
            return this;
        }

        /** @param signature the coinbase tag @return this builder */
        public Builder jdcSignature(String signature) {
            this.jdcSignature = signature;
            return this;
        }

        /** @param descriptor the reward output descriptor @return this builder */
        public Builder coinbaseRewardScript(String descriptor) {
            this.coinbaseRewardScript = descriptor;
            return this;
        }

        /** @param mode the mode @return this builder */
        public Builder mode(Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** @param upstream an upstream, appended (the order is the fallback priority) @return this builder */
        public Builder upstream(Upstream upstream) {
            upstreams.add(Objects.requireNonNull(upstream, "upstream"));
            return this;
        }

        /** @param values upstreams that replace the current ones @return this builder */
        public Builder upstreams(List<Upstream> values) {
            upstreams.clear();
            values.forEach(this::upstream);
            return this;
        }

        /** @param provider the template provider @return this builder */
        public Builder templateProvider(TemplateProvider provider) {
            this.templateProvider = provider;
            return this;
        }

        /** @param path where jd-client also writes its log @return this builder */
        public Builder logFile(String path) {
            this.logFile = path;
            return this;
        }

        /** @param extensions protocol extensions offered, replacing the current ones @return this builder */
        public Builder supportedExtensions(List<Long> extensions) {
            supportedExtensions.clear();
            supportedExtensions.addAll(extensions);
            return this;
        }

        /** @param extensions protocol extensions required, replacing the current ones @return this builder */
        public Builder requiredExtensions(List<Long> extensions) {
            requiredExtensions.clear();
            requiredExtensions.addAll(extensions);
            return this;
        }

        /** @param address "IP:port" of the monitoring API @return this builder */
        public Builder monitoringAddress(String address) {
            this.monitoringAddress = address;
            return this;
        }

        /** @param seconds how often the monitoring cache refreshes @return this builder */
        public Builder monitoringCacheRefreshSecs(long seconds) {
            this.monitoringCacheRefreshSecs = seconds;
            return this;
        }

        /** @param jobs how many past jobs to keep @return this builder */
        public Builder maxPastJobs(long jobs) {
            this.maxPastJobs = jobs;
            return this;
        }

        /** @param bytes extranonce bytes reserved for downstreams @return this builder */
        public Builder reservedDownstreamRollableExtranonceSize(long bytes) {
            this.reservedDownstreamRollableExtranonceSize = bytes;
            return this;
        }

        /** @param cidrs networks whose miners report telemetry, replacing the current ones @return this builder */
        public Builder minerTelemetryCidrs(List<String> cidrs) {
            minerTelemetryCidrs.clear();
            minerTelemetryCidrs.addAll(cidrs);
            return this;
        }

        /**
         * @return the configuration; check it with {@link JdcConfig#validate()}
         * @throws InvalidValueException when a field without a default was not set, naming every such field
         */
        public JdcConfig build() {
            Map<String, Object> required = new LinkedHashMap<>();
            required.put("listening_address", listeningAddress);
            required.put("authority_public_key", authorityPublicKey);
            required.put("authority_secret_key", authoritySecretKey);
            required.put("jdc_signature", jdcSignature);
            required.put("coinbase_reward_script", coinbaseRewardScript);
            required.put("template_provider_type", templateProvider);
            List<String> missing = required.entrySet().stream().filter(e -> e.getValue() == null)
                    .map(Map.Entry::getKey).toList();
            if (!missing.isEmpty()) {
                throw new InvalidValueException(missing.get(0), "", "is required; not set: " + String.join(", ",
                        missing));
            }
            return new JdcConfig(listeningAddress, maxSupportedVersion, minSupportedVersion, authorityPublicKey,
                    authoritySecretKey, certValiditySec, sharesPerMinute, shareBatchSize, jdcSignature,
                    coinbaseRewardScript, mode, upstreams, templateProvider, Optional.ofNullable(logFile),
                    supportedExtensions, requiredExtensions, Optional.ofNullable(monitoringAddress),
                    optional(monitoringCacheRefreshSecs), optional(maxPastJobs),
                    optional(reservedDownstreamRollableExtranonceSize), minerTelemetryCidrs);
        }

        private static OptionalLong optional(Long value) {
            return value == null ? OptionalLong.empty() : OptionalLong.of(value);
        }
    }
}
