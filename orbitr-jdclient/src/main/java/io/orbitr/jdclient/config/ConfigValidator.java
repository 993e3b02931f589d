package io.orbitr.jdclient.config;

import io.orbitr.DataPaths;
import io.orbitr.InvalidValueException;
import io.orbitr.jdclient.keys.AuthorityPublicKey;
import io.orbitr.jdclient.keys.AuthoritySecretKey;
import io.orbitr.jdclient.keys.PublishedTestKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Checks every field of a {@link JdcConfig} against what jd-client accepts and collects every problem, named by
 * its TOML key, instead of stopping at the first. Warns (in the result) about what jd-client accepts but nobody
 * should run, such as the project's published test keys; whoever saves or starts the configuration logs the
 * warnings ({@link SavedConfigs}, the instance manager), so a command-line check is not doubled by log lines.
 */
public final class ConfigValidator {
    /** Stratum V2's only protocol version. */
    private static final long PROTOCOL_VERSION = 2;
    /**
     * The coinbase scriptSig holds at most 100 bytes, shared with the block height and the extranonce; a signature
     * longer than this leaves no room for them.
     */
    static final int MAX_SIGNATURE_BYTES = 64;
    /** Stratum V2 sends user_identity as STR0_255. */
    private static final int MAX_USER_IDENTITY_BYTES = 255;
    /** Stratum V2 extranonces are at most 32 bytes. */
    private static final long MAX_EXTRANONCE_BYTES = 32;
    private static final Set<Integer> IPC_VERSIONS = Set.of(30, 31, 32);
    private static final String HIDDEN = "(hidden)";

    /** Shorter texts are not redacted where they appear: they would hide ordinary values and protect nothing. */
    private static final int MIN_REDACTED_LENGTH = 8;

    private final List<ConfigProblem> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    /** The configuration's secret key, never to be echoed, whichever field it was pasted into. */
    private String secret = "";

    private ConfigValidator() {
    }

    /**
     * @param config a configuration
     * @return every problem and warning
     */
    public static ValidationResult validate(JdcConfig config) {
        ConfigValidator validator = new ConfigValidator();
        validator.check(config);
        return new ValidationResult(validator.problems, validator.warnings);
    }

    private void check(JdcConfig c) {
        secret = c.authoritySecretKey().strip();
        Addresses.socketAddressProblem(c.listeningAddress()).ifPresent(r -> problem("listening_address",
                c.listeningAddress(), r));
        version("max_supported_version", c.maxSupportedVersion());
        version("min_supported_version", c.minSupportedVersion());
        keys(c);
        if (c.certValiditySec() < 1) {
            problem("cert_validity_sec", c.certValiditySec(), "must be a positive number of seconds, e.g. 3600");
        }
        if (!Double.isFinite(c.sharesPerMinute()) || c.sharesPerMinute() <= 0) {
            problem("shares_per_minute", c.sharesPerMinute(), "must be a positive number, e.g. 6.0");
        }
        if (c.shareBatchSize() < 1) {
            problem("share_batch_size", c.shareBatchSize(), "must be 1 or more, e.g. 10");
        }
        text("jdc_signature", c.jdcSignature(), MAX_SIGNATURE_BYTES);
        DescriptorShape.problems(c.coinbaseRewardScript()).forEach(r -> problem("coinbase_reward_script",
                c.coinbaseRewardScript(), r));
        c.logFile().ifPresent(this::logFile);
        extensions("supported_extensions", c.supportedExtensions());
        extensions("required_extensions", c.requiredExtensions());
        c.requiredExtensions().stream().filter(e -> e >= 0 && e <= 0xffff && !c.supportedExtensions().contains(e))
                .forEach(e -> warnings.add(
                "required_extensions lists " + hex(e) + " but supported_extensions does not"));
        monitoring(c);
        c.maxPastJobs().ifPresent(n -> {
            if (n < 0) {
                problem("max_past_jobs", n, "must be 0 or more (0 means jd-client's default, 16)");
            }
        });
        c.reservedDownstreamRollableExtranonceSize().ifPresent(n -> {
            if (n < 0 || n > MAX_EXTRANONCE_BYTES) {
                problem("reserved_downstream_rollable_extranonce_size", n, "must be from 0 to "
                        + MAX_EXTRANONCE_BYTES + " bytes (default 8)");
            }
        });
        for (int i = 0; i < c.minerTelemetryCidrs().size(); i++) {
            String cidr = c.minerTelemetryCidrs().get(i);
            String path = "miner_telemetry.cidrs[" + i + "]";
            Addresses.cidrProblem(cidr).ifPresent(r -> problem(path, cidr, r));
        }
        templateProvider(c.templateProvider());
        upstreams(c);
    }

    /**
     * jd-client runs in its instance directory under the data directory, so a relative log file stays there; like
     * every path a user sets (see {@link DataPaths}), it may not climb out with {@code ..}.
     */
    private void logFile(String file) {
        if (file.isBlank()) {
            problem("log_file", file, "must be a path when set");
            return;
        }
        attempt(() -> DataPaths.check("log_file", file));
    }

    private void version(String path, long value) {
        if (value != PROTOCOL_VERSION) {
            problem(path, value, "must be 2 (the Stratum V2 protocol version jd-client speaks)");
        }
    }

    private void keys(JdcConfig c) {
        Optional<AuthorityPublicKey> publicKey = publicKey("authority_public_key", c.authorityPublicKey());
        Optional<AuthoritySecretKey> secret = attempt(() -> AuthoritySecretKey.parse("authority_secret_key",
                c.authoritySecretKey()));
        if (publicKey.isPresent() && secret.isPresent() && !secret.get().publicKey().equals(publicKey.get())) {
            problem("authority_secret_key", HIDDEN, "does not belong to authority_public_key "
                    + c.authorityPublicKey() + "; give this instance's own matching pair (orbitr jdc keygen)");
        }
        if (PublishedTestKeys.isPublished(c.authoritySecretKey())) {
            warnings.add("authority_secret_key is the project's published test key: anyone can impersonate this"
                    + " instance. Generate this instance's own pair with `orbitr jdc keygen`.");
        }
    }

    private Optional<AuthorityPublicKey> publicKey(String path, String value) {
        Optional<AuthorityPublicKey> key = attempt(() -> AuthorityPublicKey.parse(path, value));
        if (PublishedTestKeys.isPublished(value)) {
            warnings.add(path + " is the project's published test key " + value + "; its secret is public.");
        }
        return key;
    }

    private void text(String path, String value, int maxBytes) {
        if (value.chars().anyMatch(Character::isISOControl)) {
            problem(path, value, "must not contain control characters");
        }
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            problem(path, value, "must be at most " + maxBytes + " bytes (UTF-8), found " + bytes);
        }
    }

    private void extensions(String path, List<Long> values) {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            long value = values.get(i);
            if (value < 0 || value > 0xffff) {
                problem(path + "[" + i + "]", value, "must be an extension type from 0x0000 to 0xffff");
            } else if (!seen.add(value)) {
                problem(path + "[" + i + "]", hex(value), "is listed twice");
            }
        }
    }

    private void monitoring(JdcConfig c) {
        c.monitoringAddress().ifPresent(address -> {
            Optional<String> bad = Addresses.socketAddressProblem(address);
            bad.ifPresent(r -> problem("monitoring_address", address, r));
            if (bad.isEmpty() && Addresses.socketAddressProblem(c.listeningAddress()).isEmpty()
                    && clash(address, c.listeningAddress())) {
                problem("monitoring_address", address, "must not use the same port as listening_address "
                        + c.listeningAddress());
            }
        });
        c.monitoringCacheRefreshSecs().ifPresent(n -> {
            if (n < 1) {
                problem("monitoring_cache_refresh_secs", n, "must be 1 or more seconds (default 15)");
            }
        });
    }

    private void templateProvider(TemplateProvider provider) {
        String base = "template_provider_type." + provider.variant();
        if (provider instanceof TemplateProvider.Sv2Tp tp) {
            Addresses.hostPortProblem(tp.address()).ifPresent(r -> problem(base + ".address", tp.address(), r));
            tp.publicKey().ifPresent(k -> publicKey(base + ".public_key", k));
        } else if (provider instanceof TemplateProvider.BitcoinCoreIpc ipc) {
            if (!IPC_VERSIONS.contains(ipc.version())) {
                problem(base + ".version", ipc.version(), "must be 30, 31 or 32 (the Bitcoin Core major version)");
            }
            ipc.dataDir().filter(String::isBlank).ifPresent(d -> problem(base + ".data_dir", d,
                    "must be a directory when set"));
            ipc.feeThreshold().ifPresent(n -> {
                if (n < 0) {
                    problem(base + ".fee_threshold", n, "must be 0 or more sats");
                }
            });
            ipc.minInterval().ifPresent(n -> {
                if (n < 0) {
                    problem(base + ".min_interval", n, "must be 0 or more seconds");
                }
            });
        }
    }

    private void upstreams(JdcConfig c) {
        if (c.upstreams().isEmpty() && c.mode() != Mode.SOLOMINING) {
            problem("upstreams", "[]", "must list at least one pool unless mode is SOLOMINING (mode is "
                    + c.mode() + ")");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < c.upstreams().size(); i++) {
            Upstream u = c.upstreams().get(i);
            String base = "upstreams[" + i + "].";
            publicKey(base + "authority_pubkey", u.authorityPubkey());
            if (u.authorityPubkey().equals(c.authorityPublicKey())) {
                warnings.add(base + "authority_pubkey is this instance's own key; it must be the POOL's key");
            }
            host(base + "pool_address", u.poolAddress());
            port(base + "pool_port", u.poolPort());
            host(base + "jds_address", u.jdsAddress());
            port(base + "jds_port", u.jdsPort());
            text(base + "user_identity", u.userIdentity(), MAX_USER_IDENTITY_BYTES);
            if (!seen.add(u.poolAddress() + ":" + u.poolPort())) {
                warnings.add(base + "pool " + u.poolAddress() + ":" + u.poolPort() + " is listed twice");
            }
        }
    }

    private void host(String path, String value) {
        if (!Addresses.isHost(value)) {
            problem(path, value, "must be an IP address or a host name, without a port");
        }
    }

    private void port(String path, long value) {
        if (!Addresses.isPort(value)) {
            problem(path, value, "must be a port from 1 to 65535");
        }
    }

    /** Two socket addresses clash when their ports match and their IPs match or one is a wildcard. */
    private static boolean clash(String a, String b) {
        String portA = a.substring(a.lastIndexOf(':') + 1);
        String portB = b.substring(b.lastIndexOf(':') + 1);
        String ipA = a.substring(0, a.lastIndexOf(':'));
        String ipB = b.substring(0, b.lastIndexOf(':'));
        return portA.equals(portB) && (ipA.equals(ipB) || wildcard(ipA) || wildcard(ipB));
    }

    private static boolean wildcard(String ip) {
        return ip.equals("0.0.0.0") || ip.equals("[::]");
    }

    private <T> Optional<T> attempt(Supplier<T> decode) {
        try {
            return Optional.of(decode.get());
        } catch (InvalidValueException e) {
            problem(e.field(), e.value(), e.rule());
            return Optional.empty();
        }
    }

    private void problem(String path, Object value, String rule) {
        problems.add(new ConfigProblem(path, redacted(String.valueOf(value)), redacted(rule)));
    }

    /** No message repeats the secret key, even when it was pasted into another field (a public key, a signature). */
    private String redacted(String text) {
        if (secret.length() < MIN_REDACTED_LENGTH || !text.contains(secret)) {
            return text;
        }
        return text.equals(secret) ? HIDDEN : text.replace(secret, HIDDEN);
    }

    private static String hex(long value) {
        return String.format("0x%04x", value);
    }
}
