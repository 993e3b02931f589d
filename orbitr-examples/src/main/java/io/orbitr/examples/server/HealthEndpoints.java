package io.orbitr.examples.server;

import io.orbitr.InvalidValueException;
import io.orbitr.NotFoundException;
import io.orbitr.core.Orbitr;
import io.orbitr.health.CheckSpec;
import io.orbitr.health.HealthResult;
import io.orbitr.health.HealthTarget;
import io.orbitr.health.HistoryEntry;
import io.orbitr.Page;
import io.orbitr.health.TargetStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Health monitoring: the platform seed's health endpoints, on the platform's {@code HealthMonitor}. */
final class HealthEndpoints {
    /** Check types that run something on the host: only an admin may configure them. */
    static final Set<String> HOST_CHECKS = Set.of("command");

    private final Orbitr orbitr;

    HealthEndpoints(Orbitr orbitr) {
        this.orbitr = orbitr;
    }

    void register(Handlers handlers) {
        handlers.on("listHealthCheckTypes", call -> call.ok(PageBody.of(orbitr.healthCheckTypes().stream()
                .map(CheckTypeView::of).toList(), call)));
        handlers.on("listHealthStatuses", call -> {
            Page<TargetStatus> page = orbitr.health().statuses(call.query("group"), call.limit(), call.cursor());
            call.ok(PageBody.of(page.items().stream().map(StatusView::of).toList(), page.next()));
        })
                .on("listHealthTargets", call -> {
                    Page<HealthTarget> page = orbitr.health().targets(call.limit(), call.cursor());
                    call.ok(PageBody.of(page.items().stream().map(TargetView::of).toList(), page.next()));
                })
                .on("createHealthTarget", call -> {
                    HealthTarget target = target(call, Optional.empty());
                    call.json(201, TargetView.of(orbitr.health().add(target)));
                })
                .on("getHealthStatus", call -> call.ok(StatusView.of(orbitr.health().status(call.path("id")))))
                .on("updateHealthTarget", call -> {
                    String id = call.path("id");
                    orbitr.health().target(id).orElseThrow(() -> new NotFoundException("health target", id));
                    call.ok(TargetView.of(orbitr.health().update(target(call, Optional.of(id)))));
                })
                .on("removeHealthTarget", call -> {
                    orbitr.health().remove(call.path("id"));
                    call.noContent();
                })
                .on("pauseHealthTarget", call -> {
                    orbitr.health().pause(call.path("id"));
                    call.noContent();
                })
                .on("resumeHealthTarget", call -> {
                    orbitr.health().resume(call.path("id"));
                    call.noContent();
                })
                .on("listHealthRecent", call -> call.ok(PageBody.of(recent(call), Optional.empty())))
                .on("getHealthHistory", call -> {
                    Instant to = call.instant("to").orElse(orbitr.clock().instant());
                    Instant from = call.instant("from").orElse(to.minus(Duration.ofDays(1)));
                    Page<HistoryEntry> page = orbitr.health().history(call.path("id"), from, to, call.limit(),
                            call.cursor());
                    call.ok(PageBody.of(page.items().stream()
                            .map(e -> Map.of("id", e.id(), "result", ResultView.of(e.result()))).toList(), page.next()));
                });
    }

    /** At most this many targets per {@code listHealthRecent} call: a page of the dashboard's table. */
    static final int MAX_RECENT_TARGETS = 100;

    /**
     * The last results of a page of targets in one call, for the dashboard's uptime, sparkline and score columns: one
     * request instead of one per row. Each target's read is a bounded, indexed one (its newest {@code count} rows);
     * unknown ids are left out, so a target removed meanwhile does not fail the page.
     */
    private List<RecentView> recent(Call call) {
        String ids = call.query("ids").orElseThrow(() -> new InvalidValueException("ids", "null",
                "is required: target ids separated by commas"));
        int count = call.integer("count", 1, 100).orElse(30);
        List<String> wanted = Arrays.stream(ids.split(",")).map(String::strip).filter(id -> !id.isEmpty())
                .distinct().toList();
        if (wanted.size() > MAX_RECENT_TARGETS) {
            throw new InvalidValueException("ids", wanted.size() + " ids", "must name at most " + MAX_RECENT_TARGETS
                    + " targets; ask page by page");
        }
        Instant to = orbitr.clock().instant().plusSeconds(1);
        Instant from = to.minus(orbitr.health().retention());
        List<RecentView> out = new ArrayList<>(wanted.size());
        for (String id : wanted) {
            if (orbitr.health().target(id).isEmpty()) {
                continue;
            }
            List<HistoryEntry> newestFirst = orbitr.health().history(id, from, to, count, Optional.empty()).items();
            List<RecentResult> results = new ArrayList<>(newestFirst.size());
            for (int i = newestFirst.size() - 1; i >= 0; i--) {
                HealthResult r = newestFirst.get(i).result();
                results.add(new RecentResult(r.status().name(), r.duration().toMillis(), r.timestamp()));
            }
            out.add(new RecentView(id, results));
        }
        return out;
    }

    /** One target's last results, oldest first. */
    record RecentView(String id, List<RecentResult> results) {
    }

    /** One result, without its message and details: what a row's summary needs. */
    record RecentResult(String status, long durationMillis, Instant timestamp) {
    }

    /** The body of {@code createHealthTarget} and {@code updateHealthTarget}. */
    record TargetCreate(String id, String name, String group, Check check, Integer intervalSeconds,
            Integer timeoutSeconds, Integer retries, Integer retryIntervalSeconds, Integer resendEvery,
            Integer startPeriodSeconds) {
    }

    /** A check's type and options. */
    record Check(String type, Map<String, Object> options) {
    }

    private static HealthTarget target(Call call, Optional<String> pathId) throws Exception {
        TargetCreate body = call.body(TargetCreate.class);
        String id = pathId.orElse(body.id());
        if (id == null) {
            throw new InvalidValueException("id", "null", "is required");
        }
        if (pathId.isPresent() && body.id() != null && !body.id().equals(pathId.get())) {
            throw new InvalidValueException("id", body.id(), "must match the path's id " + pathId.get());
        }
        call.context().attribute(ApiRouter.OBJECT, id);
        if (body.check() == null || body.check().type() == null) {
            throw new InvalidValueException("check.type", "null", "is required");
        }
        if (HOST_CHECKS.contains(body.check().type())) {
            call.requireAdmin("a '" + body.check().type() + "' check");
        }
        HealthTarget.Builder target = HealthTarget.builder(id, new CheckSpec(body.check().type(),
                body.check().options() == null ? Map.of() : body.check().options()));
        if (body.name() != null) {
            target.name(body.name());
        }
        if (body.group() != null) {
            target.group(body.group());
        }
        if (body.intervalSeconds() != null) {
            target.interval(Duration.ofSeconds(body.intervalSeconds()));
        }
        if (body.timeoutSeconds() != null) {
            target.timeout(Duration.ofSeconds(body.timeoutSeconds()));
        }
        if (body.retries() != null) {
            target.retries(body.retries());
        }
        if (body.retryIntervalSeconds() != null) {
            target.retryInterval(Duration.ofSeconds(body.retryIntervalSeconds()));
        }
        if (body.resendEvery() != null) {
            target.resendEvery(body.resendEvery());
        }
        if (body.startPeriodSeconds() != null) {
            target.startPeriod(Duration.ofSeconds(body.startPeriodSeconds()));
        }
        return target.build();
    }

    /** A target as the API shows it: durations in seconds. */
    record TargetView(String id, String name, String group, Check check, long intervalSeconds, long timeoutSeconds,
            int retries, long retryIntervalSeconds, int resendEvery, long startPeriodSeconds) {
        static TargetView of(HealthTarget t) {
            return new TargetView(t.id(), t.name(), t.group(), new Check(t.check().type(), t.check().options()),
                    t.interval().toSeconds(), t.timeout().toSeconds(), t.retries(), t.retryInterval().toSeconds(),
                    t.resendEvery(), t.startPeriod().toSeconds());
        }
    }

    /** A check type and its declared options, so that a form can be built for it. */
    record CheckTypeView(String id, boolean adminOnly, java.util.List<OptionView> options) {
        static CheckTypeView of(io.orbitr.health.CheckType type) {
            return new CheckTypeView(type.id(), HOST_CHECKS.contains(type.id()),
                    type.options().stream().map(OptionView::of).toList());
        }
    }

    /** One declared option: {@code type} is {@code text}, {@code integer}, {@code boolean}, {@code duration}... */
    record OptionView(String name, String type, boolean required, String defaultValue, String description) {
        static OptionView of(io.orbitr.health.CheckOption option) {
            return new OptionView(option.name(), option.type().name().toLowerCase(java.util.Locale.ROOT),
                    option.required(), option.defaultValue(), option.description());
        }
    }

    /** A result as the API shows it. */
    record ResultView(String status, String message, Map<String, Object> details, Instant timestamp,
            long durationMillis) {
        static ResultView of(HealthResult r) {
            return new ResultView(r.status().name(), r.message(), r.details(), r.timestamp(), r.duration().toMillis());
        }
    }

    /** A status as the API shows it. */
    record StatusView(String id, String name, String group, String status, Optional<ResultView> last,
            Optional<Instant> since, int failures) {
        static StatusView of(TargetStatus s) {
            return new StatusView(s.id(), s.name(), s.group(), s.status().name(), s.last().map(ResultView::of),
                    s.since(), s.failures());
        }
    }
}
