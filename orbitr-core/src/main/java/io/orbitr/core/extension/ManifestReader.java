package io.orbitr.core.extension;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.orbitr.engine.PortBinding;
import io.orbitr.extension.ExtensionCheck;
import io.orbitr.extension.ExtensionHealth;
import io.orbitr.extension.ExtensionManifest;
import io.orbitr.extension.ExtensionRoute;
import io.orbitr.extension.ExtensionVolume;
import io.orbitr.extension.GeneratedSecret;
import io.orbitr.extension.InputField;
import io.orbitr.extension.InputType;
import io.orbitr.extension.InvalidManifestException;
import io.orbitr.extension.ManifestProblem;
import io.orbitr.extension.SecretEncoding;
import io.orbitr.extension.ServiceHealthcheck;
import io.orbitr.extension.ServicePort;
import io.orbitr.extension.ServiceSpec;
import io.orbitr.extension.ServiceVolume;
import io.orbitr.extension.VolumeKind;
import io.orbitr.proxy.BasicAuthUser;
import io.orbitr.proxy.Protocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Reads a manifest's YAML (or JSON) into the typed model, reporting every structural problem with its path: a key
 * outside the supported set (a Compose key by name), a value of the wrong type or syntax. What the values mean is
 * checked afterwards by {@link ManifestValidator}. Thread-safe.
 */
public final class ManifestReader {
    /** The top-level keys. */
    static final Set<String> TOP_KEYS = Set.of("manifestVersion", "id", "name", "version", "revision",
            "description", "category", "icon", "website", "architectures", "minOrbitrVersion", "inputs", "generated",
            "services", "main", "route", "health", "dependsOn", "exports", "volumes");
    /** The Compose service keys Orbitr supports, with Compose's meaning. */
    public static final Set<String> SERVICE_KEYS = Set.of("image", "command", "entrypoint", "environment", "ports",
            "volumes", "labels", "restart", "healthcheck", "depends_on", "user", "working_dir", "cap_add", "cap_drop",
            "mem_limit", "cpus");
    private static final Set<String> INPUT_KEYS = Set.of("name", "type", "label", "description", "required",
            "default", "min", "max", "pattern", "options");
    private static final Set<String> GENERATED_KEYS = Set.of("name", "length", "encoding");
    private static final Set<String> ROUTE_KEYS = Set.of("subdomain", "port", "protocol", "tls", "pathPrefix",
            "basicAuth");
    private static final Set<String> HEALTH_KEYS = Set.of("startPeriod", "interval", "checks");
    private static final Set<String> CHECK_KEYS = Set.of("name", "type", "options", "interval", "retries");
    private static final Set<String> HEALTHCHECK_KEYS = Set.of("test", "interval", "timeout", "start_period",
            "retries", "disable");
    private static final Set<String> PORT_KEYS = Set.of("target", "published", "host_ip", "protocol");
    private static final Set<String> MOUNT_KEYS = Set.of("type", "source", "target", "read_only");
    private static final Set<String> VOLUME_KEYS = Set.of("kind");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ManifestReader() {
    }

    /**
     * Reads and validates a manifest.
     *
     * @param text   the YAML or JSON text
     * @param source how the exception names the text
     * @return the manifest, valid
     * @throws InvalidManifestException with every problem
     */
    public static ExtensionManifest read(String text, String source) {
        Problems problems = new Problems();
        ExtensionManifest manifest = read(text, problems);
        if (problems.isEmpty()) {
            ManifestValidator.validate(manifest).forEach(p -> problems.add(p.path(), p.message()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidManifestException(source, problems.list());
        }
        return manifest;
    }

    /**
     * @param text the YAML or JSON text
     * @return every problem, structural and of meaning
     */
    public static List<ManifestProblem> problems(String text) {
        Problems problems = new Problems();
        ExtensionManifest manifest = read(text, problems);
        if (problems.isEmpty()) {
            return ManifestValidator.validate(manifest);
        }
        return problems.list();
    }

    /**
     * @param text YAML or JSON
     * @return the tree
     * @throws InvalidManifestException when the text is not YAML
     */
    static JsonNode tree(String text) {
        try {
            JsonNode root = YAML.readTree(text);
            return root == null ? YAML.missingNode() : root;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            throw new InvalidManifestException("text", List.of(new ManifestProblem("",
                    "not YAML" + where + ": " + e.getOriginalMessage())));
        }
    }

    private static ExtensionManifest read(String text, Problems problems) {
        JsonNode root;
        try {
            root = tree(text);
        } catch (InvalidManifestException e) {
            e.problems().forEach(p -> problems.add(p.path(), p.message()));
            return null;
        }
        if (!root.isObject()) {
            problems.add("", "a manifest is a map of keys (manifestVersion, id, name, version, services...)");
            return null;
        }
        return new Walker(problems).manifest(root);
    }

    /** One pass over one tree. */
    private static final class Walker {
        private final Problems problems;

        Walker(Problems problems) {
            this.problems = problems;
        }

        ExtensionManifest manifest(JsonNode root) {
            keys(root, "", TOP_KEYS, "manifest");
            ExtensionManifest.Builder builder = ExtensionManifest.builder(
                    requiredText(root, "", "id"), requiredText(root, "", "name"), requiredText(root, "", "version"));
            int manifestVersion = integer(root.get("manifestVersion"), "manifestVersion", -1);
            if (!root.has("manifestVersion")) {
                problems.add("manifestVersion", "is required: write manifestVersion: 1");
            }
            builder.revision(integer(root.get("revision"), "revision", 1));
            builder.description(text(root.get("description"), "description", ""));
            builder.category(text(root.get("category"), "category", ""));
            builder.icon(text(root.get("icon"), "icon", ""));
            builder.website(text(root.get("website"), "website", ""));
            builder.architectures(textList(root.get("architectures"), "architectures", false));
            builder.minOrbitrVersion(text(root.get("minOrbitrVersion"), "minOrbitrVersion", ""));
            list(root.get("inputs"), "inputs", (node, path) -> input(node, path).ifPresent(builder::input));
            list(root.get("generated"), "generated", (node, path) -> generated(node, path).ifPresent(builder::generated));
            JsonNode services = root.get("services");
            if (services == null || !services.isObject() || services.isEmpty()) {
                problems.add("services", "is required: a map of at least one service, as in a Compose file");
            } else {
                services.fields().forEachRemaining(e -> builder.service(e.getKey(),
                        service(e.getValue(), "services." + e.getKey())));
            }
            if (root.hasNonNull("main")) {
                builder.main(text(root.get("main"), "main", ""));
            }
            route(root.get("route"), "route").ifPresent(builder::route);
            builder.health(health(root.get("health"), "health"));
            builder.dependsOn(textList(root.get("dependsOn"), "dependsOn", false));
            map(root.get("exports"), "exports", (value, path) -> text(value, path, ""))
                    .forEach(builder::export);
            volumes(root.get("volumes"), "volumes").forEach(builder::volume);
            ExtensionManifest manifest = builder.build();
            return new ExtensionManifest(manifestVersion, manifest.id(), manifest.name(), manifest.version(),
                    manifest.revision(), manifest.description(), manifest.category(), manifest.icon(),
                    manifest.website(), manifest.architectures(), manifest.minOrbitrVersion(), manifest.inputs(),
                    manifest.generated(), manifest.services(), manifest.main(), manifest.route(), manifest.health(),
                    manifest.dependsOn(), manifest.exports(), manifest.volumes());
        }

        private Optional<InputField> input(JsonNode node, String path) {
            if (!object(node, path)) {
                return Optional.empty();
            }
            keys(node, path, INPUT_KEYS, "input");
            String name = requiredText(node, path, "name");
            InputType type = InputType.TEXT;
            if (node.hasNonNull("type")) {
                try {
                    type = InputType.of(text(node.get("type"), Problems.child(path, "type"), "text"));
                } catch (io.orbitr.InvalidValueException e) {
                    problems.add(Problems.child(path, "type"), e.rule());
                }
            }
            InputField.Builder builder = InputField.builder(name, type)
                    .label(text(node.get("label"), Problems.child(path, "label"), name))
                    .description(text(node.get("description"), Problems.child(path, "description"), ""))
                    .required(bool(node.get("required"), Problems.child(path, "required"), false))
                    .options(textList(node.get("options"), Problems.child(path, "options"), false));
            if (node.hasNonNull("default")) {
                builder.defaultValue(scalar(node.get("default"), Problems.child(path, "default")));
            }
            number(node.get("min"), Problems.child(path, "min")).ifPresent(builder::min);
            number(node.get("max"), Problems.child(path, "max")).ifPresent(builder::max);
            if (node.hasNonNull("pattern")) {
                builder.pattern(text(node.get("pattern"), Problems.child(path, "pattern"), ""));
            }
            return Optional.of(builder.build());
        }

        private Optional<GeneratedSecret> generated(JsonNode node, String path) {
            if (!object(node, path)) {
                return Optional.empty();
            }
            keys(node, path, GENERATED_KEYS, "generated secret");
            String name = requiredText(node, path, "name");
            int length = integer(node.get("length"), Problems.child(path, "length"), GeneratedSecret.DEFAULT_LENGTH);
            SecretEncoding encoding = SecretEncoding.ALPHANUMERIC;
            if (node.hasNonNull("encoding")) {
                try {
                    encoding = SecretEncoding.of(text(node.get("encoding"), Problems.child(path, "encoding"), ""));
                } catch (io.orbitr.InvalidValueException e) {
                    problems.add(Problems.child(path, "encoding"), e.rule());
                }
            }
            if (length < 8 || length > 512) {
                problems.add(Problems.child(path, "length"), "must be between 8 and 512, not " + length);
                return Optional.empty();
            }
            return Optional.of(new GeneratedSecret(name, length, encoding));
        }

        private ServiceSpec service(JsonNode node, String path) {
            ServiceSpec.Builder builder = ServiceSpec.builder("");
            if (!object(node, path)) {
                return builder.build();
            }
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String key = names.next();
                if (!SERVICE_KEYS.contains(key) && !key.startsWith("x-")) {
                    problems.add(Problems.child(path, key), "the Compose key '" + key + "' is not supported by"
                            + " Orbitr extensions; remove it (supported: " + String.join(", ",
                            SERVICE_KEYS.stream().sorted().toList()) + ")");
                }
            }
            builder.image(requiredText(node, path, "image"));
            builder.command(command(node.get("command"), Problems.child(path, "command")));
            builder.entrypoint(command(node.get("entrypoint"), Problems.child(path, "entrypoint")));
            builder.environment(keyValues(node.get("environment"), Problems.child(path, "environment")));
            list(node.get("ports"), Problems.child(path, "ports"), (p, at) -> port(p, at).ifPresent(builder::port));
            list(node.get("volumes"), Problems.child(path, "volumes"),
                    (v, at) -> mount(v, at).ifPresent(builder::volume));
            keyValues(node.get("labels"), Problems.child(path, "labels")).forEach(builder::label);
            if (node.hasNonNull("restart")) {
                String at = Problems.child(path, "restart");
                try {
                    builder.restart(ComposeValues.restart(text(node.get("restart"), at, "no")));
                } catch (io.orbitr.InvalidValueException e) {
                    problems.add(at, e.rule());
                }
            }
            healthcheck(node.get("healthcheck"), Problems.child(path, "healthcheck")).ifPresent(builder::healthcheck);
            builder.dependsOn(dependsOn(node.get("depends_on"), Problems.child(path, "depends_on")));
            if (node.hasNonNull("user")) {
                builder.user(scalar(node.get("user"), Problems.child(path, "user")));
            }
            if (node.hasNonNull("working_dir")) {
                builder.workingDir(text(node.get("working_dir"), Problems.child(path, "working_dir"), ""));
            }
            builder.capAdd(textList(node.get("cap_add"), Problems.child(path, "cap_add"), false));
            builder.capDrop(textList(node.get("cap_drop"), Problems.child(path, "cap_drop"), false));
            if (node.hasNonNull("mem_limit")) {
                builder.memLimit(scalar(node.get("mem_limit"), Problems.child(path, "mem_limit")));
            }
            number(node.get("cpus"), Problems.child(path, "cpus")).ifPresent(builder::cpus);
            return builder.build();
        }

        private List<String> command(JsonNode node, String path) {
            if (node == null || node.isNull()) {
                return List.of();
            }
            if (node.isTextual()) {
                try {
                    return ComposeValues.words(node.asText());
                } catch (IllegalArgumentException e) {
                    problems.add(path, e.getMessage());
                    return List.of();
                }
            }
            return textList(node, path, true);
        }

        private Map<String, String> keyValues(JsonNode node, String path) {
            Map<String, String> out = new LinkedHashMap<>();
            if (node == null || node.isNull()) {
                return out;
            }
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    String entry = scalar(node.get(i), Problems.index(path, i));
                    int eq = entry.indexOf('=');
                    if (eq <= 0) {
                        problems.add(Problems.index(path, i), "must be NAME=VALUE (a variable without a value"
                                + " would be taken from Orbitr's own environment, which extensions cannot do)");
                    } else {
                        out.put(entry.substring(0, eq), entry.substring(eq + 1));
                    }
                }
                return out;
            }
            if (!node.isObject()) {
                problems.add(path, "must be a map of names to values, or a list of NAME=VALUE");
                return out;
            }
            node.fields().forEachRemaining(e -> {
                String at = Problems.child(path, e.getKey());
                if (e.getValue().isNull()) {
                    problems.add(at, "needs a value (a variable without a value would be taken from Orbitr's own"
                            + " environment, which extensions cannot do)");
                } else {
                    out.put(e.getKey(), scalar(e.getValue(), at));
                }
            });
            return out;
        }

        private Optional<ServicePort> port(JsonNode node, String path) {
            if (node.isObject()) {
                keys(node, path, PORT_KEYS, "port");
                int target = integer(node.get("target"), Problems.child(path, "target"), 0);
                if (!node.has("target")) {
                    problems.add(Problems.child(path, "target"), "is required");
                }
                String published = node.hasNonNull("published")
                        ? scalar(node.get("published"), Problems.child(path, "published")) : "";
                String ip = text(node.get("host_ip"), Problems.child(path, "host_ip"), "");
                PortBinding.Protocol protocol = PortBinding.Protocol.TCP;
                if (node.hasNonNull("protocol")) {
                    try {
                        protocol = PortBinding.Protocol.fromEngineName(node.get("protocol").asText());
                    } catch (io.orbitr.InvalidValueException e) {
                        problems.add(Problems.child(path, "protocol"), "must be tcp or udp");
                    }
                }
                return Optional.of(new ServicePort(ip, published, target, protocol));
            }
            String text = scalar(node, path);
            try {
                return Optional.of(ComposeValues.port(text));
            } catch (IllegalArgumentException e) {
                problems.add(path, "'" + text + "' " + e.getMessage());
                return Optional.empty();
            }
        }

        private Optional<ServiceVolume> mount(JsonNode node, String path) {
            if (node.isObject()) {
                keys(node, path, MOUNT_KEYS, "volume");
                String type = text(node.get("type"), Problems.child(path, "type"), "volume");
                if (!type.equals("volume") && !type.equals("bind")) {
                    problems.add(Problems.child(path, "type"), "must be volume or bind, not '" + type + "'");
                }
                return Optional.of(new ServiceVolume(requiredText(node, path, "source"),
                        requiredText(node, path, "target"),
                        bool(node.get("read_only"), Problems.child(path, "read_only"), false)));
            }
            String text = scalar(node, path);
            try {
                return Optional.of(ComposeValues.volume(text));
            } catch (IllegalArgumentException e) {
                problems.add(path, "'" + text + "' " + e.getMessage());
                return Optional.empty();
            }
        }

        private Optional<ServiceHealthcheck> healthcheck(JsonNode node, String path) {
            if (node == null || node.isNull() || !object(node, path)) {
                return Optional.empty();
            }
            keys(node, path, HEALTHCHECK_KEYS, "healthcheck");
            Duration interval = duration(node.get("interval"), Problems.child(path, "interval"), Duration.ofSeconds(30));
            Duration timeout = duration(node.get("timeout"), Problems.child(path, "timeout"), Duration.ofSeconds(30));
            Duration start = duration(node.get("start_period"), Problems.child(path, "start_period"), Duration.ZERO);
            int retries = integer(node.get("retries"), Problems.child(path, "retries"), 3);
            if (bool(node.get("disable"), Problems.child(path, "disable"), false)) {
                return Optional.of(new ServiceHealthcheck(List.of("NONE"), interval, timeout, start, retries));
            }
            JsonNode test = node.get("test");
            List<String> words;
            if (test == null || test.isNull()) {
                problems.add(Problems.child(path, "test"), "is required unless disable: true");
                words = List.of("NONE");
            } else if (test.isTextual()) {
                words = List.of("CMD-SHELL", test.asText());
            } else {
                words = textList(test, Problems.child(path, "test"), true);
            }
            return Optional.of(new ServiceHealthcheck(words, interval, timeout, start, retries));
        }

        private List<String> dependsOn(JsonNode node, String path) {
            if (node == null || node.isNull()) {
                return List.of();
            }
            if (node.isArray()) {
                return textList(node, path, false);
            }
            if (!node.isObject()) {
                problems.add(path, "must be a list of services or a map of services to conditions");
                return List.of();
            }
            List<String> names = new ArrayList<>();
            node.fields().forEachRemaining(e -> {
                names.add(e.getKey());
                String at = Problems.child(path, e.getKey());
                if (e.getValue().isObject()) {
                    keys(e.getValue(), at, Set.of("condition"), "dependency");
                    String condition = text(e.getValue().get("condition"), Problems.child(at, "condition"),
                            "service_started");
                    if (!condition.equals("service_started") && !condition.equals("service_healthy")) {
                        problems.add(Problems.child(at, "condition"), "must be service_started or service_healthy"
                                + " (Orbitr waits for a dependency's health check whenever it has one)");
                    }
                } else if (!e.getValue().isNull()) {
                    problems.add(at, "must be a map with a condition");
                }
            });
            return names;
        }

        private Optional<ExtensionRoute> route(JsonNode node, String path) {
            if (node == null || node.isNull() || !object(node, path)) {
                return Optional.empty();
            }
            keys(node, path, ROUTE_KEYS, "route");
            String subdomain = text(node.get("subdomain"), Problems.child(path, "subdomain"), "");
            int port = integer(node.get("port"), Problems.child(path, "port"), 0);
            if (!node.has("port")) {
                problems.add(Problems.child(path, "port"), "is required: the main service's port inside its"
                        + " container");
            }
            Protocol protocol = Protocol.HTTP;
            if (node.hasNonNull("protocol")) {
                try {
                    protocol = Protocol.of(text(node.get("protocol"), Problems.child(path, "protocol"), "http"));
                } catch (io.orbitr.InvalidValueException e) {
                    problems.add(Problems.child(path, "protocol"), e.rule());
                }
            }
            boolean tls = bool(node.get("tls"), Problems.child(path, "tls"), false);
            String prefix = text(node.get("pathPrefix"), Problems.child(path, "pathPrefix"), "");
            List<BasicAuthUser> users = new ArrayList<>();
            list(node.get("basicAuth"), Problems.child(path, "basicAuth"), (user, at) -> {
                if (object(user, at)) {
                    keys(user, at, Set.of("username", "passwordHash"), "basic auth user");
                    try {
                        users.add(new BasicAuthUser(requiredText(user, at, "username"),
                                requiredText(user, at, "passwordHash")));
                    } catch (io.orbitr.InvalidValueException e) {
                        problems.add(at, e.getMessage());
                    }
                }
            });
            return Optional.of(new ExtensionRoute(subdomain, port, protocol, tls, prefix, users));
        }

        private ExtensionHealth health(JsonNode node, String path) {
            if (node == null || node.isNull() || !object(node, path)) {
                return ExtensionHealth.DEFAULT;
            }
            keys(node, path, HEALTH_KEYS, "health");
            Duration start = duration(node.get("startPeriod"), Problems.child(path, "startPeriod"),
                    ExtensionHealth.DEFAULT.startPeriod());
            Duration interval = duration(node.get("interval"), Problems.child(path, "interval"),
                    ExtensionHealth.DEFAULT.interval());
            List<ExtensionCheck> checks = new ArrayList<>();
            list(node.get("checks"), Problems.child(path, "checks"), (check, at) -> {
                if (object(check, at)) {
                    keys(check, at, CHECK_KEYS, "check");
                    Map<String, Object> options = new LinkedHashMap<>();
                    JsonNode given = check.get("options");
                    if (given != null && !given.isNull()) {
                        if (given.isObject()) {
                            options.putAll(YAML.convertValue(given, Map.class));
                        } else {
                            problems.add(Problems.child(at, "options"), "must be a map of option names to values");
                        }
                    }
                    checks.add(new ExtensionCheck(requiredText(check, at, "name"), requiredText(check, at, "type"),
                            options, duration(check.get("interval"), Problems.child(at, "interval"), interval),
                            integer(check.get("retries"), Problems.child(at, "retries"), 0)));
                }
            });
            return new ExtensionHealth(start, interval, checks);
        }

        private List<ExtensionVolume> volumes(JsonNode node, String path) {
            List<ExtensionVolume> out = new ArrayList<>();
            if (node == null || node.isNull()) {
                return out;
            }
            if (!node.isObject()) {
                problems.add(path, "must be a map of volume names to {kind: data|cache}");
                return out;
            }
            node.fields().forEachRemaining(e -> {
                String at = Problems.child(path, e.getKey());
                VolumeKind kind = VolumeKind.DATA;
                if (e.getValue().isObject()) {
                    keys(e.getValue(), at, VOLUME_KEYS, "volume");
                    String text = text(e.getValue().get("kind"), Problems.child(at, "kind"), "data");
                    switch (text) {
                        case "data" -> kind = VolumeKind.DATA;
                        case "cache" -> kind = VolumeKind.CACHE;
                        default -> problems.add(Problems.child(at, "kind"), "must be data or cache, not '" + text
                                + "'");
                    }
                } else if (!e.getValue().isNull()) {
                    problems.add(at, "must be empty or {kind: data|cache}");
                }
                out.add(new ExtensionVolume(e.getKey(), kind));
            });
            return out;
        }

        // --- scalars, with problems instead of exceptions ---

        private void keys(JsonNode node, String path, Set<String> allowed, String what) {
            node.fieldNames().forEachRemaining(key -> {
                if (!allowed.contains(key) && !key.startsWith("x-")) {
                    problems.add(Problems.child(path, key), "unknown key for a " + what + "; the keys are "
                            + String.join(", ", allowed.stream().sorted().toList()));
                }
            });
        }

        private boolean object(JsonNode node, String path) {
            if (node == null || !node.isObject()) {
                problems.add(path, "must be a map");
                return false;
            }
            return true;
        }

        private String requiredText(JsonNode node, String path, String key) {
            String at = Problems.child(path, key);
            if (node == null || !node.hasNonNull(key)) {
                problems.add(at, "is required");
                return "";
            }
            return text(node.get(key), at, "");
        }

        private String text(JsonNode node, String path, String fallback) {
            if (node == null || node.isNull()) {
                return fallback;
            }
            if (!node.isValueNode()) {
                problems.add(path, "must be text");
                return fallback;
            }
            return node.asText();
        }

        /** A text, number or boolean, as text: Compose lets environment values and users be numbers. */
        private String scalar(JsonNode node, String path) {
            if (node == null || node.isNull()) {
                return "";
            }
            if (!node.isValueNode()) {
                problems.add(path, "must be a single value, not a list or map");
                return "";
            }
            return node.asText();
        }

        private int integer(JsonNode node, String path, int fallback) {
            if (node == null || node.isNull()) {
                return fallback;
            }
            if (node.isIntegralNumber() && node.canConvertToInt()) {
                return node.intValue();
            }
            if (node.isTextual()) {
                try {
                    return Integer.parseInt(node.asText().trim());
                } catch (NumberFormatException e) {
                    // reported below
                }
            }
            problems.add(path, "must be a whole number, not '" + node.asText() + "'");
            return fallback;
        }

        private Optional<Double> number(JsonNode node, String path) {
            if (node == null || node.isNull()) {
                return Optional.empty();
            }
            if (node.isNumber()) {
                return Optional.of(node.doubleValue());
            }
            try {
                return Optional.of(Double.parseDouble(node.asText().trim()));
            } catch (NumberFormatException e) {
                problems.add(path, "must be a number, not '" + node.asText() + "'");
                return Optional.empty();
            }
        }

        private boolean bool(JsonNode node, String path, boolean fallback) {
            if (node == null || node.isNull()) {
                return fallback;
            }
            if (node.isBoolean()) {
                return node.booleanValue();
            }
            problems.add(path, "must be true or false, not '" + node.asText() + "'");
            return fallback;
        }

        private Duration duration(JsonNode node, String path, Duration fallback) {
            if (node == null || node.isNull()) {
                return fallback;
            }
            try {
                return ComposeValues.duration(node.asText());
            } catch (IllegalArgumentException e) {
                problems.add(path, "must be a duration such as 30s, 1m30s or 500ms, not '" + node.asText() + "'");
                return fallback;
            }
        }

        private List<String> textList(JsonNode node, String path, boolean allowEmptyStrings) {
            if (node == null || node.isNull()) {
                return List.of();
            }
            if (!node.isArray()) {
                problems.add(path, "must be a list");
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                String value = scalar(node.get(i), Problems.index(path, i));
                if (value.isEmpty() && !allowEmptyStrings) {
                    problems.add(Problems.index(path, i), "must not be empty");
                }
                out.add(value);
            }
            return out;
        }

        private void list(JsonNode node, String path, BiConsumer<JsonNode, String> each) {
            if (node == null || node.isNull()) {
                return;
            }
            if (!node.isArray()) {
                problems.add(path, "must be a list");
                return;
            }
            for (int i = 0; i < node.size(); i++) {
                each.accept(node.get(i), Problems.index(path, i));
            }
        }

        private <T> Map<String, T> map(JsonNode node, String path, java.util.function.BiFunction<JsonNode, String, T> each) {
            Map<String, T> out = new LinkedHashMap<>();
            if (node == null || node.isNull()) {
                return out;
            }
            if (!node.isObject()) {
                problems.add(path, "must be a map");
                return out;
            }
            node.fields().forEachRemaining(e -> out.put(e.getKey(), each.apply(e.getValue(),
                    Problems.child(path, e.getKey()))));
            return out;
        }
    }
}
