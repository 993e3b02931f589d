package io.orbitr.jdclient.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/**
 * Recognises files written for older jd-client releases by the keys they use, and says what to write instead.
 * The history it knows (see the jd-client reference): up to v1.2 {@code downstream_address} + {@code
 * downstream_port}, {@code tp_address}, {@code withhold}, {@code retry}, {@code [timeout]}, {@code coinbase_outputs},
 * upstream {@code pool_address}/{@code jd_address} as "ip:port" and {@code pool_signature}; v1.3 brought
 * {@code listening_address} and {@code jdc_signature}; v1.4 {@code coinbase_output} as a descriptor; v1.5
 * {@code coinbase_reward_script}, a top-level {@code user_identity}, {@code mode} and split host/port fields; late
 * 2025 {@code template_provider_type}; mid 2026 {@code user_identity} per upstream and a required IPC
 * {@code version}.
 */
final class OldSchemaDetector {
    private static final List<String> ERAS = List.of("jd-client v1.2 or earlier", "jd-client v1.3",
            "jd-client v1.4", "jd-client v1.5, before late 2025", "sv2-apps jd-client of late 2025, before mid 2026");
    private static final Pattern HOST_PORT = Pattern.compile("(.+):([0-9]{1,5})");
    private static final Map<String, String> OUTPUT_TYPES = Map.of("P2PK", "pk", "P2PKH", "pkh", "P2WPKH", "wpkh",
            "P2TR", "tr");

    private final TomlTable file;
    private final List<SchemaChange> changes = new ArrayList<>();
    private final Set<String> handledKeys = new HashSet<>();
    private final Set<String> providedPaths = new HashSet<>();
    private int era = Integer.MAX_VALUE;

    private OldSchemaDetector(TomlTable file) {
        this.file = file;
    }

    /**
     * What the detector found.
     *
     * @param oldSchema     the old schema, when one was recognised
     * @param handledKeys   the old keys that the changes cover (not to be reported as unknown)
     * @param providedPaths the current keys the changes produce (their absence is not reported again)
     */
    record Findings(Optional<OldSchema> oldSchema, Set<String> handledKeys, Set<String> providedPaths) {
    }

    static Findings detect(TomlTable file) {
        OldSchemaDetector detector = new OldSchemaDetector(file);
        detector.topLevel();
        detector.upstreams();
        detector.ipcVersion();
        Optional<OldSchema> old = detector.changes.isEmpty() ? Optional.empty()
                : Optional.of(new OldSchema(ERAS.get(detector.era), detector.changes));
        return new Findings(old, Set.copyOf(detector.handledKeys), Set.copyOf(detector.providedPaths));
    }

    private void topLevel() {
        if (file.contains(List.of("downstream_address")) || file.contains(List.of("downstream_port"))) {
            String address = text("downstream_address").orElse("0.0.0.0");
            String port = Optional.ofNullable(file.get(List.of("downstream_port"))).map(String::valueOf)
                    .orElse("34265");
            change(0, "downstream_address, downstream_port", "replace both with listening_address = \"" + address
                    + ":" + port + "\"", "listening_address");
            handledKeys.add("downstream_address");
            handledKeys.add("downstream_port");
        }
        text("tp_address").ifPresent(address -> change(3, "tp_address", "replace with a table"
                + " [template_provider_type.Sv2Tp] holding address = \"" + address + "\"", "template_provider_type"));
        text("tp_authority_public_key").ifPresent(key -> change(3, "tp_authority_public_key",
                "move into [template_provider_type.Sv2Tp] as public_key = \"" + key + "\""));
        if (file.contains(List.of("withhold"))) {
            change(0, "withhold", "remove it: jd-client no longer reads it");
        }
        if (file.contains(List.of("retry"))) {
            change(0, "retry", "remove it: jd-client now tries each upstream 3 times before the next");
        }
        if (file.contains(List.of("timeout"))) {
            change(0, "timeout", "remove the [timeout] table: jd-client no longer reads it");
        }
        if (file.contains(List.of("coinbase_outputs"))) {
            int when = file.contains(List.of("listening_address")) || file.contains(List.of("jdc_signature")) ? 1 : 0;
            change(when, "coinbase_outputs", "replace with coinbase_reward_script = " + descriptorFromOutputs()
                    + " (an output descriptor)", "coinbase_reward_script");
        }
        text("coinbase_output").ifPresent(descriptor -> change(2, "coinbase_output",
                "rename to coinbase_reward_script (the descriptor stays \"" + descriptor + "\")",
                "coinbase_reward_script"));
        text("user_identity").ifPresent(identity -> change(file.contains(List.of("template_provider_type")) ? 4 : 3,
                "user_identity", "move into each [[upstreams]] table as user_identity = \"" + identity + "\"",
                upstreamPaths("user_identity")));
    }

    private void upstreams() {
        TomlArray upstreams = file.isArray(List.of("upstreams")) ? file.getArray(List.of("upstreams")) : null;
        if (upstreams == null) {
            return;
        }
        for (int i = 0; i < upstreams.size(); i++) {
            if (!(upstreams.get(i) instanceof TomlTable upstream)) {
                continue;
            }
            String base = "upstreams[" + i + "].";
            Object jd = upstream.get(List.of("jd_address"));
            if (jd != null) {
                Matcher m = HOST_PORT.matcher(String.valueOf(jd));
                String split = m.matches() ? "jds_address = \"" + m.group(1) + "\" and jds_port = " + m.group(2)
                        : "jds_address (host) and jds_port (number)";
                change(0, base + "jd_address", "replace with " + split, base + "jds_address", base + "jds_port");
            }
            Object pool = upstream.get(List.of("pool_address"));
            if (pool instanceof String address && !upstream.contains(List.of("pool_port"))) {
                Matcher m = HOST_PORT.matcher(address);
                if (m.matches() && !Addresses.isIpv6(address)) {
                    change(0, base + "pool_address", "split into pool_address = \"" + m.group(1)
                            + "\" and pool_port = " + m.group(2), base + "pool_address", base + "pool_port");
                }
            }
            if (upstream.contains(List.of("pool_signature"))) {
                change(0, base + "pool_signature", "remove it and set the top-level jdc_signature instead",
                        "jdc_signature");
            }
        }
    }

    private void ipcVersion() {
        List<String> ipc = List.of("template_provider_type", "BitcoinCoreIpc");
        if (file.isTable(ipc) && !file.getTable(ipc).contains(List.of("version"))) {
            change(4, "template_provider_type.BitcoinCoreIpc", "add version = 30, 31 or 32 (your Bitcoin Core's"
                    + " major version): it is required since mid 2026", "template_provider_type.BitcoinCoreIpc.version");
        }
    }

    private String descriptorFromOutputs() {
        TomlArray outputs = file.isArray(List.of("coinbase_outputs")) ? file.getArray(List.of("coinbase_outputs"))
                : null;
        if (outputs != null && outputs.size() > 0 && outputs.get(0) instanceof TomlTable first) {
            Object type = first.get(List.of("output_script_type"));
            Object value = first.get(List.of("output_script_value"));
            String function = type == null ? null : OUTPUT_TYPES.get(String.valueOf(type).toUpperCase(Locale.ROOT));
            if (function != null && value != null) {
                return "\"" + function + "(" + value + ")\"";
            }
        }
        return "\"addr(YOUR_ADDRESS)\"";
    }

    private Optional<String> text(String key) {
        Object value = file.get(List.of(key));
        return value instanceof String s ? Optional.of(s) : Optional.empty();
    }

    private String[] upstreamPaths(String field) {
        int count = file.isArray(List.of("upstreams")) ? file.getArray(List.of("upstreams")).size() : 0;
        String[] paths = new String[count];
        for (int i = 0; i < count; i++) {
            paths[i] = "upstreams[" + i + "]." + field;
        }
        return paths;
    }

    private void change(int when, String key, String instruction, String... provides) {
        changes.add(new SchemaChange(key, instruction));
        handledKeys.add(key);
        providedPaths.addAll(List.of(provides));
        era = Math.min(era, when);
    }
}
