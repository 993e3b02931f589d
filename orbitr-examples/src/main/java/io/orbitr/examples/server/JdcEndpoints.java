package io.orbitr.examples.server;

import io.orbitr.InvalidValueException;
import io.orbitr.core.Orbitr;
import io.orbitr.jdclient.config.JdcConfig;
import io.orbitr.jdclient.config.SavedConfig;
import io.orbitr.jdclient.config.TomlImporter;
import io.orbitr.jdclient.config.TomlRenderer;
import io.orbitr.jdclient.health.HealthReport;
import io.orbitr.jdclient.instance.InstanceManager;
import io.orbitr.jdclient.instance.InstanceStatus;
import io.orbitr.jdclient.keys.AuthorityKeyPair;
import io.orbitr.jdclient.keys.AuthoritySecretKey;
import io.orbitr.jdclient.metrics.MetricStore;
import io.orbitr.metrics.Point;
import io.orbitr.metrics.Resolution;
import io.orbitr.jdclient.update.InstallOptions;
import io.orbitr.jdclient.update.InstalledBinary;
import io.orbitr.jdclient.update.UpdateCheck;
import io.orbitr.jdclient.update.UpdateResult;
import io.orbitr.process.ProcessStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** The jd-client seed's endpoints under {@code /api/v1/jdc}, on the jd-client module's {@link InstanceManager}. */
final class JdcEndpoints {
    private final Orbitr orbitr;
    private final Jobs jobs;

    JdcEndpoints(Orbitr orbitr, Jobs jobs) {
        this.orbitr = orbitr;
        this.jobs = jobs;
    }

    private InstanceManager jdc() {
        return orbitr.feature(InstanceManager.class);
    }

    /** The body of {@code createJdcConfig} and {@code updateJdcConfig}. */
    record ConfigWrite(String name, String description, String toml) {
    }

    /** The body of {@code setActiveJdcConfig}. */
    record ActiveRequest(String name) {
    }

    /** The body of {@code createJdcInstance}. */
    record InstanceCreate(String name, String config, String binaryVersion) {
    }

    /** The body of {@code installJdcUpdate}. */
    record UpdateRequest(String version, Boolean allowUnverified) {
    }

    /** The body of {@code deriveJdcPublicKey}. */
    record DeriveRequest(String secretKey) {
    }

    void register(Handlers handlers) {
        handlers.on("listJdcConfigs", call -> call.ok(PageBody.of(jdc().configs().list().stream()
                        .map(c -> configView(c, call)).toList(), call)))
                .on("createJdcConfig", call -> {
                    ConfigWrite body = call.body(ConfigWrite.class);
                    call.context().attribute(ApiRouter.OBJECT, String.valueOf(body.name()));
                    SavedConfig saved = jdc().configs().create(required("name", body.name()),
                            Optional.ofNullable(body.description()).orElse(""), parse(body.toml()));
                    call.json(201, configView(saved, call));
                })
                .on("importJdcConfig", call -> {
                    String name = call.query("name").orElseThrow(() ->
                            new InvalidValueException("name", "", "is required"));
                    call.context().attribute(ApiRouter.OBJECT, name);
                    String toml = new String(call.context().bodyAsBytes(), StandardCharsets.UTF_8);
                    SavedConfig saved = jdc().configs().create(name, call.query("description").orElse(""),
                            parse(toml));
                    call.json(201, configView(saved, call));
                })
                .on("getJdcConfig", call -> call.ok(configView(jdc().configs().get(call.path("name")), call)))
                .on("updateJdcConfig", call -> {
                    ConfigWrite body = call.body(ConfigWrite.class);
                    String name = call.path("name");
                    if (body.name() != null && !body.name().equals(name)) {
                        throw new InvalidValueException("name", body.name(), "must match the path's name " + name);
                    }
                    SavedConfig saved = jdc().configs().update(name, Optional.ofNullable(body.description())
                            .orElse(jdc().configs().get(name).description()), parse(body.toml()));
                    call.ok(configView(saved, call));
                })
                .on("removeJdcConfig", call -> {
                    jdc().configs().delete(call.path("name"));
                    call.noContent();
                })
                .on("previewJdcConfigToml", call -> call.context().contentType("application/toml; charset=utf-8")
                        .result(TomlRenderer.render(jdc().configs().get(call.path("name")).config())))
                .on("getActiveJdcConfig", call -> call.ok(configView(jdc().configs().active().orElseThrow(() ->
                        new io.orbitr.NotFoundException("active jd-client configuration", "(none set)")), call)))
                .on("setActiveJdcConfig", call -> {
                    ActiveRequest body = call.body(ActiveRequest.class);
                    call.context().attribute(ApiRouter.OBJECT, String.valueOf(body.name()));
                    call.ok(configView(jdc().configs().setActive(required("name", body.name())), call));
                })
                .on("listJdcInstances", call -> call.ok(PageBody.of(jdc().list().stream()
                        .map(i -> instanceView(jdc().status(i.id()))).toList(), call)))
                .on("createJdcInstance", call -> {
                    InstanceCreate body = call.body(InstanceCreate.class);
                    call.context().attribute(ApiRouter.OBJECT, String.valueOf(body.name()));
                    var instance = jdc().create(required("name", body.name()), required("config", body.config()),
                            Optional.ofNullable(body.binaryVersion()));
                    call.json(201, instanceView(jdc().status(instance.id())));
                })
                .on("getJdcInstance", call -> call.ok(instanceView(jdc().status(call.path("id")))))
                .on("removeJdcInstance", call -> {
                    jdc().delete(call.path("id"));
                    call.noContent();
                })
                .on("startJdcInstance", call -> {
                    jdc().start(call.path("id"));
                    call.ok(instanceView(jdc().status(call.path("id"))));
                })
                .on("stopJdcInstance", call -> {
                    jdc().stop(call.path("id"));
                    call.ok(instanceView(jdc().status(call.path("id"))));
                })
                .on("restartJdcInstance", call -> {
                    jdc().restart(call.path("id"));
                    call.ok(instanceView(jdc().status(call.path("id"))));
                })
                .on("getJdcInstanceLogs", call -> {
                    String id = call.path("id");
                    Optional<Instant> since = call.instant("since");
                    var lines = since.isPresent() ? jdc().logsSince(id, since.get())
                            : jdc().logs(id, call.integer("lines", 1, 10_000).orElse(100));
                    call.ok(Map.of("lines", lines.stream().map(LogSocket::line).toList()));
                })
                .on("getJdcMetricsRaw", call -> {
                    String id = instanceId(call);
                    String metric = metric(call);
                    Instant[] range = range(call);
                    call.ok(Map.of("items", metrics().raw(id, metric, range[0], range[1],
                                    call.integer("limit", 1, 10_000).orElse(1000)).stream()
                            .map(s -> Map.of("metric", s.metric(), "timestamp", s.timestamp(), "value", s.value()))
                            .toList()));
                })
                .on("getJdcMetricsLatest", call -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    metrics().latest(instanceId(call)).forEach((metric, s) ->
                            out.put(metric, Map.of("timestamp", s.timestamp(), "value", s.value())));
                    call.ok(out);
                })
                .on("getJdcMetricTypes", call -> call.ok(Map.of("items", metrics().metricNames(instanceId(call)))))
                .on("getJdcUptime", call -> {
                    Instant[] range = range(call);
                    OptionalDouble percent = metrics().uptimePercent(instanceId(call), range[0], range[1]);
                    Map<String, Object> out = new LinkedHashMap<>();
                    percent.ifPresent(p -> out.put("percent", p));
                    call.ok(out);
                })
                .on("getJdcMetricSummary", call -> {
                    Instant[] range = range(call);
                    Optional<Point> summary = metrics().summary(instanceId(call), metric(call), range[0], range[1]);
                    call.ok(summary.map(JdcEndpoints::summary).orElse(Map.of("count", 0, "sum", 0)));
                })
                .on("getJdcMetricSeries", call -> {
                    Instant[] range = range(call);
                    Resolution granularity = granularity(call.query("granularity").orElse(""));
                    call.ok(Map.of("items", metrics().series(instanceId(call), metric(call), range[0], range[1],
                            granularity).stream().map(p -> {
                                Map<String, Object> point = new LinkedHashMap<>(summary(p));
                                point.put("bucketStart", p.time());
                                return point;
                            }).toList()));
                })
                .on("getJdcHealth", call -> call.ok(healthView(jdc().health(call.path("id")).orElseThrow(() ->
                        new io.orbitr.NotFoundException("health report of jd-client instance", call.path("id"))))))
                .on("checkJdcHealth", call -> call.ok(healthView(jdc().checkHealth(call.path("id")))))
                .on("getJdcHealthHistory", call -> {
                    Instant[] range = range(call);
                    call.ok(Map.of("items", jdc().healthHistory().history(instanceId(call), range[0], range[1],
                                    call.integer("limit", 1, 10_000).orElse(1000)).stream()
                            .map(r -> Map.of("check", r.check(), "result", HealthEndpoints.ResultView.of(r.result())))
                            .toList()));
                })
                .on("checkJdcUpdate", call -> {
                    UpdateCheck check = jdc().updater().check(call.flag("prereleases", false));
                    Map<String, Object> out = new LinkedHashMap<>();
                    check.installedVersion().ifPresent(v -> out.put("installedVersion", v));
                    out.put("latest", check.latest().tag());
                    out.put("updateAvailable", check.updateAvailable());
                    call.ok(out);
                })
                .on("installJdcUpdate", this::install)
                .on("rollbackJdcUpdate", call -> {
                    UpdateResult result = jdc().updater().rollback();
                    call.context().attribute(ApiRouter.OBJECT, result.toVersion());
                    call.ok(current(jdc().updater().current()));
                })
                .on("getJdcUpdateHistory", call -> call.ok(Map.of("items",
                        jdc().updater().history(call.integer("limit", 1, 1000).orElse(100)))))
                .on("getJdcCurrentVersion", call -> call.ok(current(jdc().updater().current())))
                .on("generateJdcKeys", call -> {
                    AuthorityKeyPair pair = AuthorityKeyPair.generate();
                    call.ok(Map.of("publicKey", pair.publicKey().encoded(), "secretKey",
                            pair.secretKey().encoded()));
                })
                .on("deriveJdcPublicKey", call -> {
                    DeriveRequest body = call.body(DeriveRequest.class);
                    AuthoritySecretKey secret = AuthoritySecretKey.parse("secretKey",
                            required("secretKey", body.secretKey()));
                    call.ok(Map.of("publicKey", secret.publicKey().encoded()));
                });
    }

    /** Appends the instances' figures to the Prometheus text; nothing when the jd-client module is absent. */
    void figures(StringBuilder out) {
        Optional<InstanceManager> manager = orbitr.lookup(InstanceManager.class);
        if (manager.isEmpty()) {
            return;
        }
        out.append("# HELP orbitr_jdc_instance_up Whether a jd-client instance's process is alive.\n"
                + "# TYPE orbitr_jdc_instance_up gauge\n");
        StringBuilder restarts = new StringBuilder("# HELP orbitr_jdc_instance_restarts Restarts of a jd-client"
                + " instance's process.\n# TYPE orbitr_jdc_instance_restarts counter\n");
        for (var instance : manager.get().list()) {
            ProcessStatus process = manager.get().status(instance.id()).process();
            String labels = "{id=\"" + PrometheusFigures.escape(instance.id()) + "\",name=\""
                    + PrometheusFigures.escape(instance.name()) + "\"}";
            out.append("orbitr_jdc_instance_up").append(labels).append(' ').append(process.alive() ? 1 : 0)
                    .append('\n');
            restarts.append("orbitr_jdc_instance_restarts").append(labels).append(' ').append(process.restarts())
                    .append('\n');
        }
        out.append(restarts);
    }

    private void install(Call call) throws Exception {
        UpdateRequest body = call.context().bodyAsBytes().length == 0 ? new UpdateRequest(null, null)
                : call.body(UpdateRequest.class);
        String target = body.version() == null ? "latest" : body.version();
        call.context().attribute(ApiRouter.OBJECT, target);
        InstallOptions options = Boolean.TRUE.equals(body.allowUnverified())
                ? InstallOptions.defaults().allowingUnverified() : InstallOptions.defaults();
        InstanceManager manager = jdc();
        Job job = jobs.start("jdc-install", "jd-client " + target, call.actor(), progress -> {
            InstallOptions withProgress = options.withListener(p -> progress.report(String.valueOf(p)));
            UpdateResult result = body.version() == null ? manager.updater().installLatest(withProgress)
                    : manager.updater().install(body.version(), withProgress);
            return result.action() + " " + result.fromVersion() + " -> " + result.toVersion();
        });
        call.json(202, job);
    }

    private MetricStore metrics() {
        return jdc().metrics();
    }

    private String instanceId(Call call) {
        return jdc().get(call.path("id")).id();
    }

    private static String metric(Call call) {
        return call.query("metric").orElseThrow(() -> new InvalidValueException("metric", "", "is required"));
    }

    private Instant[] range(Call call) {
        Instant to = call.instant("to").orElse(orbitr.clock().instant());
        Instant from = call.instant("from").orElse(to.minus(Duration.ofDays(1)));
        if (!from.isBefore(to)) {
            throw new InvalidValueException("from", from, "must be before to (" + to + ")");
        }
        return new Instant[] {from, to};
    }

    private static Resolution granularity(String text) {
        try {
            Resolution r = Resolution.valueOf(text.toUpperCase(Locale.ROOT));
            if (r != Resolution.RAW) {
                return r;
            }
        } catch (IllegalArgumentException e) {
            // the message below names the accepted values
        }
        throw new InvalidValueException("granularity", text, "must be minute, hour or day");
    }

    private static Map<String, Object> summary(Point s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", s.count());
        out.put("sum", s.sum());
        if (s.count() > 0) {
            out.put("min", s.min());
            out.put("max", s.max());
            out.put("avg", s.avg());
        }
        return out;
    }

    private static Map<String, Object> current(Optional<InstalledBinary> binary) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("installed", binary.isPresent());
        binary.ifPresent(b -> {
            out.put("version", b.version());
            out.put("path", b.path().toString());
        });
        return out;
    }

    private static JdcConfig parse(String toml) {
        if (toml == null || toml.isBlank()) {
            throw new InvalidValueException("toml", "", "is required: the configuration as jd-client reads it");
        }
        return TomlImporter.parse(toml).orThrow();
    }

    private static Map<String, Object> configView(SavedConfig config, Call call) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", config.id());
        out.put("name", config.name());
        out.put("description", config.description());
        out.put("active", config.active());
        out.put("createdAt", config.createdAt());
        out.put("updatedAt", config.updatedAt());
        String toml = TomlRenderer.render(config.config());
        boolean admin = call.principal().map(p -> p.role().allows(Role.ADMIN)).orElse(false);
        out.put("toml", admin ? toml : toml.replaceAll("(?m)^(\\s*authority_secret_key\\s*=\\s*).*$",
                "$1\"(redacted)\""));
        return out;
    }

    private static Map<String, Object> instanceView(InstanceStatus status) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", status.instance().id());
        out.put("name", status.instance().name());
        out.put("configId", status.instance().configId());
        status.instance().binaryVersion().ifPresent(v -> out.put("binaryVersion", v));
        out.put("desiredState", status.instance().desiredState().name());
        ProcessStatus process = status.process();
        out.put("state", process.state().name());
        process.pid().ifPresent(pid -> out.put("pid", pid));
        out.put("restarts", process.restarts());
        out.put("message", process.message());
        process.startedAt().ifPresent(at -> out.put("startedAt", at));
        return out;
    }

    private static Map<String, Object> healthView(HealthReport report) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("instanceId", report.instanceId());
        out.put("checkedAt", report.checkedAt());
        out.put("status", report.status().name());
        out.put("score", report.score());
        Map<String, Object> checks = new LinkedHashMap<>();
        report.checks().forEach((name, result) -> checks.put(name, HealthEndpoints.ResultView.of(result)));
        out.put("checks", checks);
        return out;
    }

    private static String required(String field, String value) {
        if (value == null) {
            throw new InvalidValueException(field, "null", "is required");
        }
        return value;
    }

}
