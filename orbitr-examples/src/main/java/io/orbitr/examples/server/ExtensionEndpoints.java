package io.orbitr.examples.server;

import io.orbitr.InvalidValueException;
import io.orbitr.NotFoundException;
import io.orbitr.core.Orbitr;
import io.orbitr.engine.EngineSettings;
import io.orbitr.extension.CatalogEntry;
import io.orbitr.extension.ExtensionManager;
import io.orbitr.extension.ExtensionManifest;
import io.orbitr.extension.ExtensionStatus;
import io.orbitr.extension.InputField;
import io.orbitr.extension.InstallOptions;
import io.orbitr.extension.InstalledExtension;
import io.orbitr.extension.ServiceStatus;
import io.orbitr.Page;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Extensions: the catalog, installed extensions and their status, install and upgrade (jobs), uninstall, start, stop
 * and restart, on {@code orbitr.extensions()}. Installing runs containers on an engine (the request's {@code engine}
 * endpoint, {@code local} by default), so it is admin-only.
 */
final class ExtensionEndpoints {
    private final Orbitr orbitr;
    private final Jobs jobs;

    ExtensionEndpoints(Orbitr orbitr, Jobs jobs) {
        this.orbitr = orbitr;
        this.jobs = jobs;
    }

    private ExtensionManager extensions() {
        return orbitr.extensions();
    }

    void register(Handlers handlers) {
        handlers.on("listExtensionCatalog", this::catalog)
                .on("getCatalogEntry", call -> call.ok(CatalogView.of(entry(call.path("id")),
                        extensions().find(call.path("id")).isPresent())))
                .on("listExtensions", call -> {
                    Page<InstalledExtension> page = extensions().list(call.limit(), call.cursor());
                    call.ok(PageBody.of(page.items().stream().map(InstalledView::of).toList(), page.next()));
                })
                .on("installExtension", this::install)
                .on("getExtension", call -> call.ok(StatusView.of(extensions().status(call.path("id")))))
                .on("upgradeExtension", this::upgrade)
                .on("uninstallExtension", call -> {
                    extensions().uninstall(call.path("id"), call.flag("purge", false));
                    call.noContent();
                })
                .on("startExtension", call -> {
                    extensions().start(call.path("id"));
                    call.noContent();
                })
                .on("stopExtension", call -> {
                    extensions().stop(call.path("id"));
                    call.noContent();
                })
                .on("restartExtension", call -> {
                    extensions().restart(call.path("id"));
                    call.noContent();
                });
    }

    private void catalog(Call call) {
        String text = call.query("q").orElse("");
        Optional<String> category = call.query("category");
        List<CatalogEntry> found = extensions().search(text, category);
        List<CatalogView> views = found.stream()
                .map(entry -> CatalogView.of(entry, extensions().find(entry.id()).isPresent())).toList();
        call.ok(PageBody.of(views, call));
    }

    private CatalogEntry entry(String id) {
        return extensions().show(id).orElseThrow(() -> new NotFoundException("catalog entry", id));
    }

    /** The body of {@code installExtension}. */
    record InstallRequest(String id, Map<String, String> inputs, String manifest, String engine) {
    }

    private void install(Call call) throws Exception {
        InstallRequest body = call.body(InstallRequest.class);
        String engine = configuredEngine(body.engine());
        ExtensionManifest manifest;
        if (body.manifest() != null) {
            manifest = extensions().parse(body.manifest(), "the request's manifest");
            if (body.id() != null && !body.id().equals(manifest.id())) {
                throw new InvalidValueException("id", body.id(), "must match the manifest's id " + manifest.id());
            }
        } else {
            if (body.id() == null || body.id().isBlank()) {
                throw new InvalidValueException("id", String.valueOf(body.id()),
                        "is required: a catalog entry's id (or send a manifest)");
            }
            manifest = entry(body.id()).manifest();
        }
        Map<String, String> inputs = body.inputs() == null ? Map.of() : Map.copyOf(body.inputs());
        for (String name : inputs.keySet()) {
            if (manifest.inputs().stream().noneMatch(input -> input.name().equals(name))) {
                throw new InvalidValueException("inputs." + name, name, "is not an input of " + manifest.id()
                        + "; its inputs are " + manifest.inputs().stream().map(InputField::name).toList());
            }
        }
        ExtensionManifest chosen = manifest;
        call.context().attribute(ApiRouter.OBJECT, chosen.id());
        Job job = jobs.start("extension-install", chosen.id(), call.actor(), progress -> {
            extensions().install(chosen, inputs, InstallOptions.onEngine(engine)
                    .withProgress((id, step) -> progress.report(step)));
            return "installed " + chosen.id() + " " + chosen.version()
                    + (engine.equals(EngineSettings.LOCAL) ? "" : " on engine " + engine);
        });
        call.json(202, job);
    }

    /** The body of {@code upgradeExtension}. */
    record UpgradeRequest(String manifest) {
    }

    private void upgrade(Call call) throws Exception {
        String id = call.path("id");
        UpgradeRequest body = call.context().bodyAsBytes().length == 0 ? new UpgradeRequest(null)
                : call.body(UpgradeRequest.class);
        extensions().find(id).orElseThrow(() -> new NotFoundException("installed extension", id));
        ExtensionManifest manifest = body.manifest() != null
                ? extensions().parse(body.manifest(), "the request's manifest") : entry(id).manifest();
        if (!manifest.id().equals(id)) {
            throw new InvalidValueException("manifest", manifest.id(), "must be a manifest of " + id);
        }
        Job job = jobs.start("extension-upgrade", id, call.actor(), progress -> {
            progress.report("upgrading " + id + " to " + manifest.version());
            InstalledExtension done = extensions().upgrade(id, manifest);
            return "upgraded " + id + " to " + done.manifest().version();
        });
        call.json(202, job);
    }

    /** Checked before the job starts, so that an unknown endpoint is a 400 naming the field, not a failed job. */
    private String configuredEngine(String engine) {
        return engine == null ? EngineSettings.LOCAL : orbitr.engines().requireConfigured("engine", engine);
    }

    /** An install-form field as the API shows it. */
    record InputView(String name, String type, String label, String description, boolean required, boolean secret,
            Optional<String> defaultValue, Optional<Double> min, Optional<Double> max, Optional<String> pattern,
            List<String> options) {
        static InputView of(InputField f) {
            return new InputView(f.name(), f.type().id(), f.label(), f.description(), f.required(), f.secret(),
                    f.secret() ? Optional.empty() : f.defaultValue(),
                    f.min().isPresent() ? Optional.of(f.min().getAsDouble()) : Optional.empty(),
                    f.max().isPresent() ? Optional.of(f.max().getAsDouble()) : Optional.empty(), f.pattern(),
                    f.options());
        }
    }

    /** A manifest's facts a catalog or a form needs. */
    record ManifestView(String id, String name, String version, int revision, String description, String category,
            String icon, String website, List<InputView> inputs, List<String> services, String main,
            Optional<String> subdomain, List<String> dependsOn) {
        static ManifestView of(ExtensionManifest m) {
            return new ManifestView(m.id(), m.name(), m.version(), m.revision(), m.description(), m.category(),
                    m.icon(), m.website(), m.inputs().stream().map(InputView::of).toList(),
                    List.copyOf(m.services().keySet()), m.main(), m.route().map(r -> r.subdomain()), m.dependsOn());
        }
    }

    /** A catalog entry. */
    record CatalogView(String id, String source, boolean installed, ManifestView manifest) {
        static CatalogView of(CatalogEntry entry, boolean installed) {
            return new CatalogView(entry.id(), entry.source(), installed, ManifestView.of(entry.manifest()));
        }
    }

    /** An installed extension. */
    record InstalledView(String id, String name, String version, int revision, String state,
            Map<String, String> inputs, Instant installedAt, Instant updatedAt, String engine) {
        static InstalledView of(InstalledExtension e) {
            return new InstalledView(e.id(), e.manifest().name(), e.manifest().version(), e.manifest().revision(),
                    e.state().name(), e.inputs(), e.installedAt(), e.updatedAt(), e.engine());
        }
    }

    /** One service's container. */
    record ServiceView(String service, String container, Optional<String> status, Optional<String> address) {
        static ServiceView of(ServiceStatus s) {
            return new ServiceView(s.service(), s.container(), s.status().map(Enum::name), s.address());
        }
    }

    /** An installed extension's status. */
    record StatusView(InstalledView extension, String health, Optional<String> url, List<ServiceView> services,
            List<HealthEndpoints.StatusView> checks, List<String> differences) {
        static StatusView of(ExtensionStatus s) {
            return new StatusView(InstalledView.of(s.extension()), s.health().name(), s.url(),
                    s.services().stream().map(ServiceView::of).toList(),
                    s.checks().stream().map(HealthEndpoints.StatusView::of).toList(), s.differences());
        }
    }
}
