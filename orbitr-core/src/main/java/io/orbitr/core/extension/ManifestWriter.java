package io.orbitr.core.extension;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.orbitr.OrbitrException;

import io.orbitr.extension.ExtensionCheck;
import io.orbitr.extension.ExtensionManifest;
import io.orbitr.extension.GeneratedSecret;
import io.orbitr.extension.InputField;
import io.orbitr.extension.ServicePort;
import io.orbitr.extension.ServiceSpec;
import io.orbitr.extension.ServiceVolume;
import io.orbitr.extension.VolumeKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a manifest back as the YAML (or JSON) {@link ManifestReader} reads: what the store keeps, what import writes. */
public final class ManifestWriter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));

    private ManifestWriter() {
    }

    /**
     * @param manifest a manifest
     * @return it as YAML
     */
    public static String yaml(ExtensionManifest manifest) {
        return write(YAML, tree(manifest));
    }

    /**
     * @param manifest a manifest
     * @return it as JSON on one line
     */
    public static String json(ExtensionManifest manifest) {
        return write(JSON, tree(manifest));
    }

    static String write(ObjectMapper mapper, Object tree) {
        try {
            return mapper.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new OrbitrException("cannot write a manifest: " + e.getOriginalMessage(), e);
        }
    }

    static String yamlOf(Object tree) {
        return write(YAML, tree);
    }

    /**
     * @param manifest a manifest
     * @return it as maps and lists, in the manifest's key order, defaults left out
     */
    static Map<String, Object> tree(ExtensionManifest manifest) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("manifestVersion", manifest.manifestVersion());
        out.put("id", manifest.id());
        out.put("name", manifest.name());
        out.put("version", manifest.version());
        out.put("revision", manifest.revision());
        putText(out, "description", manifest.description());
        putText(out, "category", manifest.category());
        putText(out, "icon", manifest.icon());
        putText(out, "website", manifest.website());
        putList(out, "architectures", manifest.architectures());
        putText(out, "minOrbitrVersion", manifest.minOrbitrVersion());
        if (!manifest.inputs().isEmpty()) {
            List<Object> inputs = new ArrayList<>();
            for (InputField input : manifest.inputs()) {
                Map<String, Object> field = new LinkedHashMap<>();
                field.put("name", input.name());
                field.put("type", input.type().id());
                if (!input.label().equals(input.name())) {
                    field.put("label", input.label());
                }
                putText(field, "description", input.description());
                if (input.required()) {
                    field.put("required", true);
                }
                input.defaultValue().ifPresent(v -> field.put("default", v));
                input.min().ifPresent(v -> field.put("min", number(v)));
                input.max().ifPresent(v -> field.put("max", number(v)));
                input.pattern().ifPresent(v -> field.put("pattern", v));
                putList(field, "options", input.options());
                inputs.add(field);
            }
            out.put("inputs", inputs);
        }
        if (!manifest.generated().isEmpty()) {
            List<Object> generated = new ArrayList<>();
            for (GeneratedSecret secret : manifest.generated()) {
                Map<String, Object> field = new LinkedHashMap<>();
                field.put("name", secret.name());
                field.put("length", secret.length());
                field.put("encoding", secret.encoding().id());
                generated.add(field);
            }
            out.put("generated", generated);
        }
        Map<String, Object> services = new LinkedHashMap<>();
        manifest.services().forEach((name, service) -> services.put(name, service(service)));
        out.put("services", services);
        out.put("main", manifest.main());
        manifest.route().ifPresent(route -> {
            Map<String, Object> r = new LinkedHashMap<>();
            putText(r, "subdomain", route.subdomain());
            r.put("port", route.port());
            r.put("protocol", route.protocol().id());
            if (route.tls()) {
                r.put("tls", true);
            }
            putText(r, "pathPrefix", route.pathPrefix());
            if (!route.basicAuth().isEmpty()) {
                List<Object> users = new ArrayList<>();
                route.basicAuth().forEach(u -> users.add(Map.of("username", u.username(),
                        "passwordHash", u.passwordHash())));
                r.put("basicAuth", users);
            }
            out.put("route", r);
        });
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("startPeriod", ComposeValues.durationText(manifest.health().startPeriod()));
        health.put("interval", ComposeValues.durationText(manifest.health().interval()));
        if (!manifest.health().checks().isEmpty()) {
            List<Object> checks = new ArrayList<>();
            for (ExtensionCheck check : manifest.health().checks()) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("name", check.name());
                c.put("type", check.type());
                if (!check.options().isEmpty()) {
                    c.put("options", check.options());
                }
                c.put("interval", ComposeValues.durationText(check.interval()));
                c.put("retries", check.retries());
                checks.add(c);
            }
            health.put("checks", checks);
        }
        out.put("health", health);
        putList(out, "dependsOn", manifest.dependsOn());
        if (!manifest.exports().isEmpty()) {
            out.put("exports", new LinkedHashMap<>(manifest.exports()));
        }
        if (!manifest.volumes().isEmpty()) {
            Map<String, Object> volumes = new LinkedHashMap<>();
            manifest.volumes().forEach((name, volume) -> volumes.put(name,
                    Map.of("kind", volume.kind() == VolumeKind.DATA ? "data" : "cache")));
            out.put("volumes", volumes);
        }
        return out;
    }

    static Map<String, Object> service(ServiceSpec service) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("image", service.image());
        putList(s, "command", service.command());
        putList(s, "entrypoint", service.entrypoint());
        if (!service.environment().isEmpty()) {
            s.put("environment", new LinkedHashMap<>(service.environment()));
        }
        if (!service.ports().isEmpty()) {
            s.put("ports", service.ports().stream().map(ServicePort::toString).toList());
        }
        if (!service.volumes().isEmpty()) {
            s.put("volumes", service.volumes().stream().map(ServiceVolume::toString).toList());
        }
        if (!service.labels().isEmpty()) {
            s.put("labels", new LinkedHashMap<>(service.labels()));
        }
        String restart = ComposeValues.restartText(service.restart());
        if (!restart.equals("no")) {
            s.put("restart", restart);
        }
        service.healthcheck().ifPresent(check -> {
            Map<String, Object> h = new LinkedHashMap<>();
            if (check.test().equals(List.of("NONE"))) {
                h.put("disable", true);
            } else {
                h.put("test", check.test());
            }
            h.put("interval", ComposeValues.durationText(check.interval()));
            h.put("timeout", ComposeValues.durationText(check.timeout()));
            h.put("start_period", ComposeValues.durationText(check.startPeriod()));
            h.put("retries", check.retries());
            s.put("healthcheck", h);
        });
        putList(s, "depends_on", service.dependsOn());
        service.user().ifPresent(v -> s.put("user", v));
        service.workingDir().ifPresent(v -> s.put("working_dir", v));
        putList(s, "cap_add", service.capAdd());
        putList(s, "cap_drop", service.capDrop());
        service.memLimit().ifPresent(v -> s.put("mem_limit", v));
        service.cpus().ifPresent(v -> s.put("cpus", v));
        return s;
    }

    private static Object number(double value) {
        return value == Math.rint(value) ? (Object) (long) value : (Object) value;
    }

    private static void putText(Map<String, Object> out, String key, String value) {
        if (!value.isEmpty()) {
            out.put(key, value);
        }
    }

    private static void putList(Map<String, Object> out, String key, List<String> value) {
        if (!value.isEmpty()) {
            out.put(key, value);
        }
    }

}
