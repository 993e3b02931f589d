package io.orbitr.examples.server;

import io.orbitr.InvalidValueException;
import io.orbitr.NotFoundException;
import io.orbitr.core.Orbitr;
import io.orbitr.notify.Notification;
import io.orbitr.Page;
import io.orbitr.proxy.ProxySettings;
import io.orbitr.proxy.SubdomainScheme;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The document itself, settings, notifications, jobs, the audit log and the Prometheus figures. */
final class SystemEndpoints {
    private static final String AUTO_UPDATE = "autoUpdateExtensions";
    private static final String TELEMETRY = "telemetry";

    private final Orbitr orbitr;
    private final ApiDocument document;
    private final Jobs jobs;
    private final AuditLog audit;
    private final ServerSettings settings;
    private final PrometheusFigures figures;

    SystemEndpoints(Orbitr orbitr, ApiDocument document, Jobs jobs, AuditLog audit, PrometheusFigures figures) {
        this.orbitr = orbitr;
        this.document = document;
        this.jobs = jobs;
        this.audit = audit;
        this.settings = new ServerSettings(orbitr.store());
        this.figures = figures;
    }

    void register(Handlers handlers) {
        handlers.on("getOpenApi", call -> call.context().contentType("application/json").result(document.json()))
                .on("getMetrics", call -> call.context().contentType("text/plain; version=0.0.4; charset=utf-8")
                        .result(figures.render()))
                .on("getSettings", call -> call.ok(settings()))
                .on("updateSettings", this::updateSettings)
                .on("listNotifications", call -> {
                    Page<Notification> page = orbitr.notifications().list(call.flag("unread", false), call.limit(),
                            call.cursor());
                    call.ok(PageBody.of(page.items(), page.next()));
                })
                .on("countUnreadNotifications", call -> call.ok(Map.of("count", orbitr.notifications().unreadCount())))
                .on("markAllNotificationsRead", call -> call.ok(Map.of("count", orbitr.notifications().markAllRead())))
                .on("markNotificationRead", call -> {
                    long id;
                    try {
                        id = Long.parseLong(call.path("id"));
                    } catch (NumberFormatException e) {
                        throw new InvalidValueException("id", call.path("id"), "must be a notification's number");
                    }
                    if (!orbitr.notifications().markRead(id)) {
                        throw new NotFoundException("notification", call.path("id"));
                    }
                    call.noContent();
                })
                .on("listJobs", call -> {
                    int offset = call.offset();
                    List<Job> page = jobs.page(call.limit() + 1, offset);
                    boolean more = page.size() > call.limit();
                    call.ok(PageBody.of(more ? page.subList(0, call.limit()) : page,
                            more ? Optional.of(Integer.toString(offset + call.limit())) : Optional.empty()));
                })
                .on("getJob", call -> call.ok(jobs.get(call.path("id"))))
                .on("listAudit", call -> {
                    long before = Long.MAX_VALUE;
                    if (call.cursor().isPresent()) {
                        try {
                            before = Long.parseLong(call.cursor().get());
                        } catch (NumberFormatException e) {
                            throw new InvalidValueException("cursor", call.cursor().get(), "is not an audit cursor");
                        }
                    }
                    List<AuditEntry> page = audit.page(call.limit(), before);
                    call.ok(PageBody.of(page, page.size() == call.limit()
                            ? Optional.of(Long.toString(page.get(page.size() - 1).id())) : Optional.empty()));
                });
    }

    private Map<String, Object> settings() {
        ProxySettings proxy = orbitr.proxies().settings();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dockerHost", orbitr.engineSettings().host().toString());
        out.put("proxyProvider", proxy.provider());
        out.put("defaultDomain", proxy.defaultDomain());
        out.put("subdomainRouting", proxy.subdomainScheme().name());
        out.put(AUTO_UPDATE, settings.flag(AUTO_UPDATE, false));
        out.put(TELEMETRY, settings.flag(TELEMETRY, false));
        out.put("dataDirectory", orbitr.dataDirectory().toAbsolutePath().normalize().toString());
        out.put("version", Orbitr.version());
        out.put("build", Optional.ofNullable(Orbitr.class.getPackage().getImplementationVersion()).orElse("dev"));
        out.put("licence", "Apache-2.0");
        return out;
    }

    /** The body of {@code updateSettings}. */
    record SettingsUpdate(String proxyProvider, String defaultDomain, SubdomainScheme subdomainRouting,
            Boolean autoUpdateExtensions, Boolean telemetry) {
    }

    private void updateSettings(Call call) throws Exception {
        SettingsUpdate body = call.body(SettingsUpdate.class);
        ProxySettings.Builder proxy = orbitr.proxies().settings().toBuilder();
        if (body.proxyProvider() != null) {
            proxy.provider(body.proxyProvider());
        }
        if (body.defaultDomain() != null) {
            proxy.defaultDomain(body.defaultDomain());
        }
        if (body.subdomainRouting() != null) {
            proxy.subdomainScheme(body.subdomainRouting());
        }
        ProxySettings updated = proxy.build();
        if (!updated.equals(orbitr.proxies().settings())) {
            orbitr.proxies().updateSettings(updated);
        }
        if (body.autoUpdateExtensions() != null) {
            settings.put(AUTO_UPDATE, body.autoUpdateExtensions().toString());
        }
        if (body.telemetry() != null) {
            settings.put(TELEMETRY, body.telemetry().toString());
        }
        call.ok(settings());
    }
}
