package io.orbitr.jdclient.config;

import io.orbitr.InvalidValueException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * Reads a jd-client TOML file of the current sv2-apps schema into a {@link JdcConfig}, reporting every problem at
 * once: syntax errors with their line, missing keys (as jd-client's {@code missing field} would), wrong types, and
 * then every {@link ConfigValidator} rule. A file written for an older jd-client is recognised and the result says
 * which keys to change. Keys jd-client does not know are reported as warnings, since jd-client ignores them.
 */
public final class TomlImporter {
    private static final Set<String> TOP_KEYS = Set.of("listening_address", "max_supported_version",
            "min_supported_version", "authority_public_key", "authority_secret_key", "cert_validity_sec",
            "shares_per_minute", "share_batch_size", "jdc_signature", "coinbase_reward_script", "upstreams",
            "template_provider_type", "mode", "log_file", "supported_extensions", "required_extensions",
            "monitoring_address", "monitoring_cache_refresh_secs", "max_past_jobs",
            "reserved_downstream_rollable_extranonce_size", "miner_telemetry");
    private static final Set<String> UPSTREAM_KEYS = Set.of("authority_pubkey", "pool_address", "pool_port",
            "jds_address", "jds_port", "user_identity");
    private static final String SV2_TP = "Sv2Tp";
    private static final String IPC = "BitcoinCoreIpc";

    private final List<ConfigProblem> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    /** Paths already reported, so the validator does not report a placeholder at the same place again. */
    private final Set<String> reported = new HashSet<>();
    private final OldSchemaDetector.Findings findings;
    private boolean complete = true;

    private TomlImporter(OldSchemaDetector.Findings findings) {
        this.findings = findings;
    }

    /**
     * @param file a jd-client TOML file
     * @return what it holds and every problem
     * @throws InvalidValueException naming the file when it cannot be read
     */
    public static ImportResult read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new InvalidValueException("file", file, "does not exist");
        } catch (IOException e) {
            throw new InvalidValueException("file", file, "cannot be read: " + e.getMessage());
        }
    }

    /**
     * @param toml the text of a jd-client TOML file
     * @return what it holds and every problem
     */
    public static ImportResult parse(String toml) {
        TomlParseResult parsed = Toml.parse(toml);
        if (parsed.hasErrors()) {
            List<ConfigProblem> syntax = parsed.errors().stream().map(e -> new ConfigProblem("toml",
                    "line " + e.position().line() + ", column " + e.position().column(),
                    "is not valid TOML: " + e.getMessage())).toList();
            return new ImportResult(Optional.empty(), new ValidationResult(syntax, List.of()), Optional.empty());
        }
        TomlImporter importer = new TomlImporter(OldSchemaDetector.detect(parsed));
        JdcConfig config = importer.read(parsed);
        ValidationResult rules = ConfigValidator.validate(config);
        rules.problems().stream().filter(p -> !importer.alreadyReported(p.path())).forEach(importer.problems::add);
        importer.warnings.addAll(rules.warnings());
        return new ImportResult(importer.complete ? Optional.of(config) : Optional.empty(),
                new ValidationResult(importer.problems, importer.warnings), importer.findings.oldSchema());
    }

    /**
     * Reads a file this module wrote itself (a saved configuration), without validation or warnings.
     *
     * @param toml the stored text
     * @return the configuration, or empty when the text is not a complete configuration
     */
    static Optional<JdcConfig> readStored(String toml) {
        TomlParseResult parsed = Toml.parse(toml);
        if (parsed.hasErrors()) {
            return Optional.empty();
        }
        TomlImporter importer = new TomlImporter(OldSchemaDetector.detect(parsed));
        JdcConfig config = importer.read(parsed);
        return importer.complete ? Optional.of(config) : Optional.empty();
    }

    private JdcConfig read(TomlTable top) {
        unknownKeys(top, "", TOP_KEYS);
        JdcConfig.Builder b = JdcConfig.builder()
                .listeningAddress(requiredString(top, "", "listening_address"))
                .supportedVersions(requiredLong(top, "", "min_supported_version"),
                        requiredLong(top, "", "max_supported_version"))
                .authorityKeys(requiredString(top, "", "authority_public_key"),
                        requiredString(top, "", "authority_secret_key"))
                .certValiditySec(requiredLong(top, "", "cert_validity_sec"))
                .sharesPerMinute(requiredNumber(top, "shares_per_minute"))
                .shareBatchSize(requiredLong(top, "", "share_batch_size"))
                .jdcSignature(requiredString(top, "", "jdc_signature"))
                .coinbaseRewardScript(requiredString(top, "", "coinbase_reward_script"))
                .supportedExtensions(longs(top, "supported_extensions"))
                .requiredExtensions(longs(top, "required_extensions"))
                .templateProvider(templateProvider(top))
                .upstreams(upstreams(top))
                .minerTelemetryCidrs(cidrs(top));
        optionalString(top, "", "mode").ifPresent(text -> Mode.parse(text).ifPresentOrElse(b::mode, () ->
                wrongType("mode", text, "must be FULLTEMPLATE, COINBASEONLY or SOLOMINING (in any case)")));
        optionalString(top, "", "log_file").ifPresent(b::logFile);
        optionalString(top, "", "monitoring_address").ifPresent(b::monitoringAddress);
        optionalLong(top, "", "monitoring_cache_refresh_secs").ifPresent(b::monitoringCacheRefreshSecs);
        optionalLong(top, "", "max_past_jobs").ifPresent(b::maxPastJobs);
        optionalLong(top, "", "reserved_downstream_rollable_extranonce_size")
                .ifPresent(b::reservedDownstreamRollableExtranonceSize);
        return b.build();
    }

    private TemplateProvider templateProvider(TomlTable top) {
        String path = "template_provider_type";
        TemplateProvider placeholder = TemplateProvider.Sv2Tp.of("");
        Object value = top.get(List.of(path));
        if (value == null) {
            missing(path, "a table [template_provider_type.Sv2Tp] or [template_provider_type.BitcoinCoreIpc]");
            return placeholder;
        }
        if (!(value instanceof TomlTable table)) {
            wrongType(path, value, "must be a table [template_provider_type.Sv2Tp] or"
                    + " [template_provider_type.BitcoinCoreIpc]");
            return placeholder;
        }
        List<String> variants = new ArrayList<>();
        for (String key : table.keySet()) {
            if (key.equals(SV2_TP) || key.equals(IPC)) {
                variants.add(key);
            } else {
                wrongType(path + "." + key, "", "is not a template provider: use Sv2Tp or BitcoinCoreIpc (the"
                        + " name is case-sensitive)");
            }
        }
        if (variants.size() != 1) {
            if (variants.size() > 1 || table.keySet().isEmpty()) {
                wrongType(path, String.join(", ", variants), "must hold exactly one of Sv2Tp or BitcoinCoreIpc");
            }
            return placeholder;
        }
        String variant = variants.get(0);
        String base = path + "." + variant + ".";
        if (!(table.get(List.of(variant)) instanceof TomlTable body)) {
            wrongType(path + "." + variant, table.get(List.of(variant)), "must be a table");
            return placeholder;
        }
        if (variant.equals(SV2_TP)) {
            unknownKeys(body, base, Set.of("address", "public_key"));
            return new TemplateProvider.Sv2Tp(requiredString(body, base, "address"),
                    optionalString(body, base, "public_key"));
        }
        unknownKeys(body, base, Set.of("version", "network", "data_dir", "fee_threshold", "min_interval"));
        int version = (int) bounded(base + "version", requiredLong(body, base, "version"), Integer.MAX_VALUE);
        String networkText = requiredString(body, base, "network");
        Network network = Network.parse(networkText).orElseGet(() -> {
            if (!reported.contains(base + "network")) {
                wrongType(base + "network", networkText, "must be mainnet, testnet4, signet or regtest");
            }
            return Network.MAINNET;
        });
        return new TemplateProvider.BitcoinCoreIpc(version, network, optionalString(body, base, "data_dir"),
                optionalLong(body, base, "fee_threshold"), optionalLong(body, base, "min_interval"));
    }

    private List<Upstream> upstreams(TomlTable top) {
        Object value = top.get(List.of("upstreams"));
        if (value == null) {
            missing("upstreams", "an array of [[upstreams]] tables (may be empty only when mode is SOLOMINING)");
            return List.of();
        }
        if (!(value instanceof TomlArray array)) {
            wrongType("upstreams", value, "must be an array of [[upstreams]] tables");
            return List.of();
        }
        List<Upstream> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String base = "upstreams[" + i + "].";
            if (!(array.get(i) instanceof TomlTable u)) {
                wrongType("upstreams[" + i + "]", array.get(i), "must be a table");
                continue;
            }
            unknownKeys(u, base, UPSTREAM_KEYS);
            out.add(new Upstream(requiredString(u, base, "authority_pubkey"), requiredString(u, base, "pool_address"),
                    port(base + "pool_port", requiredLong(u, base, "pool_port")),
                    requiredString(u, base, "jds_address"),
                    port(base + "jds_port", requiredLong(u, base, "jds_port")),
                    requiredString(u, base, "user_identity")));
        }
        return out;
    }

    private List<String> cidrs(TomlTable top) {
        Object value = top.get(List.of("miner_telemetry"));
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof TomlTable table)) {
            wrongType("miner_telemetry", value, "must be a table with cidrs = [\"10.0.0.0/8\", ...]");
            return List.of();
        }
        unknownKeys(table, "miner_telemetry.", Set.of("cidrs"));
        List<String> out = new ArrayList<>();
        array(table, "miner_telemetry.", "cidrs").ifPresent(a -> {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i) instanceof String s) {
                    out.add(s);
                } else {
                    wrongType("miner_telemetry.cidrs[" + i + "]", a.get(i), "must be a string");
                }
            }
        });
        return out;
    }

    private List<Long> longs(TomlTable top, String key) {
        List<Long> out = new ArrayList<>();
        array(top, "", key).ifPresent(a -> {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i) instanceof Long n) {
                    out.add(n);
                } else {
                    wrongType(key + "[" + i + "]", a.get(i), "must be an integer such as 0x0002");
                }
            }
        });
        return out;
    }

    private Optional<TomlArray> array(TomlTable table, String base, String key) {
        Object value = table.get(List.of(key));
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof TomlArray array)) {
            wrongType(base + key, value, "must be an array");
            return Optional.empty();
        }
        return Optional.of(array);
    }

    private String requiredString(TomlTable table, String base, String key) {
        Object value = table.get(List.of(key));
        if (value == null) {
            missing(base + key, "a string");
            return "";
        }
        if (!(value instanceof String text)) {
            wrongType(base + key, value, "must be a string (in quotes)");
            return "";
        }
        return text;
    }

    private long requiredLong(TomlTable table, String base, String key) {
        Object value = table.get(List.of(key));
        if (value == null) {
            missing(base + key, "an integer");
            return 0;
        }
        if (!(value instanceof Long number)) {
            wrongType(base + key, value, "must be an integer (no quotes, no decimal point)");
            return 0;
        }
        return number;
    }

    /** jd-client's float fields accept integers too (serde converts them), so both are read. */
    private double requiredNumber(TomlTable table, String key) {
        Object value = table.get(List.of(key));
        if (value == null) {
            missing(key, "a number such as 6.0");
            return 0;
        }
        if (!(value instanceof Number number)) {
            wrongType(key, value, "must be a number such as 6.0");
            return 0;
        }
        return number.doubleValue();
    }

    private Optional<String> optionalString(TomlTable table, String base, String key) {
        Object value = table.get(List.of(key));
        if (value != null && !(value instanceof String)) {
            wrongType(base + key, value, "must be a string (in quotes)");
            return Optional.empty();
        }
        return Optional.ofNullable((String) value);
    }

    private OptionalLong optionalLong(TomlTable table, String base, String key) {
        Object value = table.get(List.of(key));
        if (value == null) {
            return OptionalLong.empty();
        }
        if (!(value instanceof Long number)) {
            wrongType(base + key, value, "must be an integer (no quotes, no decimal point)");
            return OptionalLong.empty();
        }
        return OptionalLong.of(number);
    }

    private int port(String path, long value) {
        return (int) bounded(path, value, 65535);
    }

    private long bounded(String path, long value, long max) {
        if (value < 0 || value > max) {
            wrongType(path, value, max == 65535 ? "must be a port from 1 to 65535" : "is out of range");
            return 0;
        }
        return value;
    }

    private void unknownKeys(TomlTable table, String base, Set<String> known) {
        for (String key : table.keySet()) {
            String path = base + key;
            if (!known.contains(key) && !findings.handledKeys().contains(path)) {
                warnings.add("unknown key " + path + " is ignored by jd-client (misspelt?)");
            }
        }
    }

    private void missing(String path, String what) {
        complete = false;
        reported.add(path);
        if (!findings.providedPaths().contains(path)) {
            problems.add(new ConfigProblem(path, "", "is required: " + what + " (jd-client stops with `missing"
                    + " field`)"));
        }
    }

    private void wrongType(String path, Object value, String rule) {
        complete = false;
        problem(path, value, rule);
    }

    private void problem(String path, Object value, String rule) {
        reported.add(path);
        problems.add(new ConfigProblem(path, path.endsWith("secret_key") ? "(hidden)" : String.valueOf(value), rule));
    }

    private boolean alreadyReported(String path) {
        for (String done : reported) {
            if (path.equals(done) || path.startsWith(done + ".") || path.startsWith(done + "[")) {
                return true;
            }
        }
        return findings.providedPaths().stream().anyMatch(path::startsWith);
    }
}
