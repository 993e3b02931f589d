package io.orbitr.core.extension;

import io.orbitr.core.Orbitr;
import io.orbitr.extension.ExtensionCheck;
import io.orbitr.extension.ExtensionManifest;
import io.orbitr.extension.ExtensionRoute;
import io.orbitr.extension.GeneratedSecret;
import io.orbitr.extension.InputField;
import io.orbitr.extension.InputType;
import io.orbitr.extension.ManifestProblem;
import io.orbitr.extension.ServiceHealthcheck;
import io.orbitr.extension.ServicePort;
import io.orbitr.extension.ServiceSpec;
import io.orbitr.extension.ServiceVolume;
import io.orbitr.health.HealthTarget;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Checks what a manifest's values mean, reporting every problem with its path. Thread-safe. */
public final class ManifestValidator {
    /** A DNS label short enough that every name derived from it fits the engine's and the monitor's limits. */
    static final Pattern ID = Pattern.compile("[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?");
    private static final Pattern SERVICE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,99}");
    private static final Pattern CHECK_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Pattern CHECK_TYPE = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern CAPABILITY = Pattern.compile("(CAP_)?[A-Z_]{2,40}|ALL");
    private static final Pattern WHOLE_REFERENCE = Pattern.compile("\\$\\{inputs\\.([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Set<String> ARCHITECTURES = Set.of("amd64", "arm64", "arm", "386", "ppc64le", "s390x",
            "riscv64");

    private ManifestValidator() {
    }

    /**
     * @param manifest a manifest
     * @return every problem, empty when it is valid
     */
    public static List<ManifestProblem> validate(ExtensionManifest manifest) {
        Problems p = new Problems();
        if (manifest.manifestVersion() != ExtensionManifest.CURRENT_VERSION) {
            p.add("manifestVersion", "must be 1, not " + manifest.manifestVersion());
        }
        if (!ID.matcher(manifest.id()).matches()) {
            p.add("id", "'" + manifest.id() + "' must be a DNS label of 1-40 lowercase letters, digits and '-',"
                    + " starting and ending with a letter or digit");
        }
        requireText(p, "name", manifest.name());
        requireText(p, "version", manifest.version());
        if (manifest.revision() < 1) {
            p.add("revision", "must be 1 or more, raised on every change");
        }
        for (int i = 0; i < manifest.architectures().size(); i++) {
            if (!ARCHITECTURES.contains(manifest.architectures().get(i))) {
                p.add(Problems.index("architectures", i), "'" + manifest.architectures().get(i) + "' must be one of "
                        + ARCHITECTURES.stream().sorted().toList());
            }
        }
        if (!manifest.minOrbitrVersion().isEmpty()) {
            if (!manifest.minOrbitrVersion().matches("\\d+(\\.\\d+){0,2}")) {
                p.add("minOrbitrVersion", "'" + manifest.minOrbitrVersion() + "' must be a version such as 0.1.0");
            } else if (VersionOrder.compare(Orbitr.version(), manifest.minOrbitrVersion()) < 0) {
                p.add("minOrbitrVersion", "needs Orbitr " + manifest.minOrbitrVersion() + " or later; this is "
                        + Orbitr.version());
            }
        }
        Map<String, InputField> inputs = inputs(p, manifest);
        Set<String> names = new HashSet<>(inputs.keySet());
        for (int i = 0; i < manifest.generated().size(); i++) {
            GeneratedSecret secret = manifest.generated().get(i);
            String at = Problems.index("generated", i);
            if (!VARIABLE.matcher(secret.name()).matches()) {
                p.add(Problems.child(at, "name"), "'" + secret.name() + "' must be letters, digits and '_'");
            } else if (!names.add(secret.name())) {
                p.add(Problems.child(at, "name"), "'" + secret.name() + "' is already an input or generated secret");
            }
        }
        References references = new References(manifest, inputs, names);
        services(p, manifest, references);
        if (!manifest.services().containsKey(manifest.main())) {
            p.add("main", "'" + manifest.main() + "' names no service; the services are "
                    + manifest.services().keySet());
        }
        manifest.route().ifPresent(route -> route(p, route));
        health(p, manifest, references);
        for (int i = 0; i < manifest.dependsOn().size(); i++) {
            String dependency = manifest.dependsOn().get(i);
            if (!ID.matcher(dependency).matches()) {
                p.add(Problems.index("dependsOn", i), "'" + dependency + "' is not an extension id");
            } else if (dependency.equals(manifest.id())) {
                p.add(Problems.index("dependsOn", i), "an extension cannot depend on itself");
            }
        }
        manifest.exports().forEach((name, value) -> {
            String at = Problems.child("exports", name);
            if (!VARIABLE.matcher(name).matches()) {
                p.add(at, "the name must be letters, digits and '_'");
            }
            references.check(p, at, value, true);
        });
        manifest.volumes().keySet().forEach(name -> {
            if (!SERVICE.matcher(name).matches()) {
                p.add(Problems.child("volumes", name), "a volume name must be lowercase letters, digits, '_' and '-'");
            }
        });
        return p.list();
    }

    private static Map<String, InputField> inputs(Problems p, ExtensionManifest manifest) {
        Map<String, InputField> inputs = new HashMap<>();
        for (int i = 0; i < manifest.inputs().size(); i++) {
            InputField input = manifest.inputs().get(i);
            String at = Problems.index("inputs", i);
            if (!VARIABLE.matcher(input.name()).matches()) {
                p.add(Problems.child(at, "name"), "'" + input.name() + "' must be letters, digits and '_'");
                continue;
            }
            if (inputs.put(input.name(), input) != null) {
                p.add(Problems.child(at, "name"), "'" + input.name() + "' is declared twice");
            }
            if (input.type() == InputType.SELECT && input.options().isEmpty()) {
                p.add(Problems.child(at, "options"), "a select needs at least one option");
            }
            if (input.type() != InputType.SELECT && !input.options().isEmpty()) {
                p.add(Problems.child(at, "options"), "only a select has options");
            }
            if (input.min().isPresent() && input.max().isPresent()
                    && input.min().getAsDouble() > input.max().getAsDouble()) {
                p.add(Problems.child(at, "min"), "is above max");
            }
            input.pattern().ifPresent(pattern -> {
                try {
                    Pattern.compile(pattern);
                } catch (PatternSyntaxException e) {
                    p.add(Problems.child(at, "pattern"), "is not a regular expression: " + e.getDescription());
                }
            });
            input.defaultValue().ifPresent(value -> InputValues.check(input, value)
                    .ifPresent(message -> p.add(Problems.child(at, "default"), message)));
        }
        return inputs;
    }

    private static void services(Problems p, ExtensionManifest manifest, References references) {
        Map<String, String> publishedPorts = new HashMap<>();
        manifest.services().forEach((name, service) -> {
            String at = Problems.child("services", name);
            if (!SERVICE.matcher(name).matches()) {
                p.add(at, "a service name must be lowercase letters, digits, '_' and '-'");
            }
            if (service.image().isBlank() || service.image().chars().anyMatch(Character::isWhitespace)) {
                p.add(Problems.child(at, "image"), "must be an image reference without spaces");
            }
            references.check(p, Problems.child(at, "image"), service.image(), false);
            listReferences(p, references, Problems.child(at, "command"), service.command());
            listReferences(p, references, Problems.child(at, "entrypoint"), service.entrypoint());
            service.environment().forEach((key, value) -> {
                String env = Problems.child(Problems.child(at, "environment"), key);
                if (key.isEmpty() || key.contains("=") || key.chars().anyMatch(Character::isISOControl)) {
                    p.add(env, "a variable name must not be empty or contain '='");
                }
                references.check(p, env, value, false);
            });
            service.labels().forEach((key, value) -> {
                String label = Problems.child(Problems.child(at, "labels"), key);
                if (key.startsWith("io.orbitr.")) {
                    p.add(label, "labels under io.orbitr. are Orbitr's own");
                }
                references.check(p, label, value, false);
            });
            for (int i = 0; i < service.ports().size(); i++) {
                port(p, manifest, references, Problems.index(Problems.child(at, "ports"), i), service.ports().get(i),
                        publishedPorts);
            }
            for (int i = 0; i < service.volumes().size(); i++) {
                volume(p, manifest, references, Problems.index(Problems.child(at, "volumes"), i),
                        service.volumes().get(i));
            }
            service.healthcheck().ifPresent(check -> healthcheck(p, Problems.child(at, "healthcheck"), check));
            for (int i = 0; i < service.dependsOn().size(); i++) {
                String dependency = service.dependsOn().get(i);
                String dep = Problems.index(Problems.child(at, "depends_on"), i);
                if (!manifest.services().containsKey(dependency)) {
                    p.add(dep, "'" + dependency + "' is not a service of this extension");
                } else if (dependency.equals(name)) {
                    p.add(dep, "a service cannot depend on itself");
                }
            }
            service.user().ifPresent(user -> references.check(p, Problems.child(at, "user"), user, false));
            service.workingDir().ifPresent(dir -> {
                if (!dir.startsWith("/")) {
                    p.add(Problems.child(at, "working_dir"), "'" + dir + "' must be an absolute path");
                }
            });
            capabilities(p, Problems.child(at, "cap_add"), service.capAdd());
            capabilities(p, Problems.child(at, "cap_drop"), service.capDrop());
            service.memLimit().ifPresent(limit -> {
                try {
                    if (ComposeValues.bytes(limit) < 6L << 20) {
                        p.add(Problems.child(at, "mem_limit"), "'" + limit + "' is below the engine's minimum, 6m");
                    }
                } catch (IllegalArgumentException e) {
                    p.add(Problems.child(at, "mem_limit"), "'" + limit + "' must be a size such as 512m or 1g");
                }
            });
            if (service.cpus().isPresent() && !(service.cpus().getAsDouble() >= 0.01
                    && service.cpus().getAsDouble() <= 1024)) {
                p.add(Problems.child(at, "cpus"), "must be between 0.01 and 1024");
            }
        });
        try {
            StartOrder.of(manifest.services());
        } catch (io.orbitr.InvalidValueException e) {
            p.add("services", e.rule());
        }
    }

    private static void listReferences(Problems p, References references, String at, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            references.check(p, Problems.index(at, i), values.get(i), false);
        }
    }

    private static void port(Problems p, ExtensionManifest manifest, References references, String at,
            ServicePort port, Map<String, String> published) {
        if (port.target() < 1 || port.target() > 65535) {
            p.add(Problems.child(at, "target"), "the container port " + port.target() + " must be 1-65535");
        }
        if (port.published().isEmpty()) {
            return;
        }
        var whole = WHOLE_REFERENCE.matcher(port.published());
        if (whole.matches()) {
            InputField input = references.inputs.get(whole.group(1));
            if (input == null) {
                p.add(Problems.child(at, "published"), "'" + port.published() + "' names no input");
            } else if (input.type() != InputType.PORT && input.type() != InputType.NUMBER) {
                p.add(Problems.child(at, "published"), "input '" + input.name() + "' must be of type port");
            }
        } else if (!port.published().matches("\\d{1,5}") || Integer.parseInt(port.published()) < 1
                || Integer.parseInt(port.published()) > 65535) {
            p.add(Problems.child(at, "published"), "'" + port.published() + "' must be a port 1-65535 or"
                    + " ${inputs.NAME} of a port input");
        }
        String key = port.hostIp() + ":" + port.published() + "/" + port.protocol();
        String before = published.put(key, at);
        if (before != null) {
            p.add(at, "host port " + port.published() + " is already published by " + before);
        }
    }

    private static void volume(Problems p, ExtensionManifest manifest, References references, String at,
            ServiceVolume volume) {
        if (!volume.target().startsWith("/")) {
            p.add(at, "the target '" + volume.target() + "' must be an absolute path in the container");
        }
        if (volume.bind()) {
            if (!volume.source().startsWith("/") && !volume.source().startsWith("${EXTENSION_DATA}")) {
                p.add(at, "the host path '" + volume.source() + "' must be absolute or start with ${EXTENSION_DATA}");
            }
            if (volume.source().contains("..")) {
                p.add(at, "the host path '" + volume.source() + "' must not contain '..'");
            }
            references.check(p, at, volume.source(), false);
        } else if (!manifest.volumes().containsKey(volume.source())) {
            p.add(at, "'" + volume.source() + "' is not declared under the top-level volumes (declare it with"
                    + " kind data or cache)");
        }
    }

    private static void healthcheck(Problems p, String at, ServiceHealthcheck check) {
        List<String> test = check.test();
        if (test.isEmpty() || !List.of("CMD", "CMD-SHELL", "NONE").contains(test.get(0))) {
            p.add(Problems.child(at, "test"), "must start with CMD, CMD-SHELL or NONE");
        } else if (!test.get(0).equals("NONE") && test.size() < 2) {
            p.add(Problems.child(at, "test"), "must name a command");
        }
        if (check.interval().toMillis() < 1) {
            p.add(Problems.child(at, "interval"), "must be at least 1ms");
        }
        if (check.timeout().toMillis() < 1) {
            p.add(Problems.child(at, "timeout"), "must be at least 1ms");
        }
        if (check.retries() < 1) {
            p.add(Problems.child(at, "retries"), "must be at least 1");
        }
    }

    private static void capabilities(Problems p, String at, List<String> capabilities) {
        for (int i = 0; i < capabilities.size(); i++) {
            if (!CAPABILITY.matcher(capabilities.get(i)).matches()) {
                p.add(Problems.index(at, i), "'" + capabilities.get(i) + "' is not a Linux capability name such as"
                        + " NET_ADMIN");
            }
        }
    }

    private static void route(Problems p, ExtensionRoute route) {
        if (!route.subdomain().isEmpty() && !ID.matcher(route.subdomain()).matches()) {
            p.add("route.subdomain", "'" + route.subdomain() + "' must be a DNS label");
        }
        if (route.port() < 1 || route.port() > 65535) {
            p.add("route.port", "the main service's internal port " + route.port() + " must be 1-65535");
        }
        if (!route.pathPrefix().isEmpty()) {
            if (!route.protocol().routedByHost()) {
                p.add("route.pathPrefix", "a " + route.protocol() + " route cannot have a path prefix");
            } else if (!route.pathPrefix().matches("/[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*")) {
                p.add("route.pathPrefix", "'" + route.pathPrefix() + "' must start with '/' and not end with one");
            }
        }
        if (!route.basicAuth().isEmpty() && !route.protocol().routedByHost()) {
            p.add("route.basicAuth", "only an HTTP route can ask for basic auth");
        }
    }

    private static void health(Problems p, ExtensionManifest manifest, References references) {
        Duration start = manifest.health().startPeriod();
        if (start.isNegative() || start.compareTo(Duration.ofHours(1)) > 0) {
            p.add("health.startPeriod", "must be between 0s and 1h");
        }
        requireInterval(p, "health.interval", manifest.health().interval());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < manifest.health().checks().size(); i++) {
            ExtensionCheck check = manifest.health().checks().get(i);
            String at = Problems.index("health.checks", i);
            if (!CHECK_NAME.matcher(check.name()).matches()) {
                p.add(Problems.child(at, "name"), "'" + check.name() + "' must be lowercase letters, digits and '-'");
            } else if (!names.add(check.name())) {
                p.add(Problems.child(at, "name"), "'" + check.name() + "' is used twice");
            }
            if (!CHECK_TYPE.matcher(check.type()).matches()) {
                p.add(Problems.child(at, "type"), "'" + check.type() + "' is not a check type such as http or tcp");
            }
            requireInterval(p, Problems.child(at, "interval"), check.interval());
            if (check.retries() < 0 || check.retries() > 1000) {
                p.add(Problems.child(at, "retries"), "must be between 0 and 1000");
            }
            check.options().forEach((key, value) -> {
                if (value instanceof String text) {
                    references.check(p, Problems.child(Problems.child(at, "options"), key), text, true);
                }
            });
        }
    }

    private static void requireInterval(Problems p, String at, Duration interval) {
        if (interval.compareTo(HealthTarget.MIN_INTERVAL) < 0 || interval.compareTo(HealthTarget.MAX_INTERVAL) > 0) {
            p.add(at, "must be between 1s and 24h");
        }
    }

    private static void requireText(Problems p, String path, String value) {
        if (value.isBlank()) {
            p.add(path, "is required");
        }
    }

    /** Which references a manifest's values may make. */
    private static final class References {
        private final ExtensionManifest manifest;
        private final Map<String, InputField> inputs;
        private final Set<String> names;

        References(ExtensionManifest manifest, Map<String, InputField> inputs, Set<String> names) {
            this.manifest = manifest;
            this.inputs = inputs;
            this.names = names;
        }

        void check(Problems p, String at, String value, boolean mainHostAllowed) {
            List<String> refs;
            try {
                refs = Interpolation.references(value);
            } catch (IllegalArgumentException e) {
                p.add(at, e.getMessage());
                return;
            }
            for (String ref : refs) {
                if (Interpolation.BUILT_INS.contains(ref)) {
                    continue;
                }
                if (ref.equals(Interpolation.MAIN_HOST)) {
                    if (!mainHostAllowed) {
                        p.add(at, "${MAIN_HOST} is only known in health check options and exports");
                    }
                    continue;
                }
                if (ref.startsWith("inputs.")) {
                    String name = ref.substring("inputs.".length());
                    if (!names.contains(name)) {
                        p.add(at, "${" + ref + "} names no input or generated secret; declare '" + name
                                + "' under inputs or generated");
                    }
                    continue;
                }
                if (ref.startsWith("exports.")) {
                    String[] parts = ref.split("\\.", -1);
                    if (parts.length != 3 || !manifest.dependsOn().contains(parts[1])) {
                        p.add(at, "${" + ref + "} must be ${exports.ID.NAME} with ID listed in dependsOn");
                    }
                    continue;
                }
                p.add(at, "${" + ref + "} is not substituted: only ${inputs.NAME}, ${exports.ID.NAME},"
                        + " ${ORBITR_DOMAIN}, ${EXTENSION_ID} and ${EXTENSION_DATA} are (write $$ for a literal $)");
            }
        }
    }
}
