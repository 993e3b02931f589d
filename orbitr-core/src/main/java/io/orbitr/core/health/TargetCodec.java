package io.orbitr.core.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orbitr.OrbitrException;
import io.orbitr.health.CheckSpec;
import io.orbitr.health.HealthTarget;
import io.orbitr.health.Remediation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A target's definition as the JSON kept in {@code health_targets.definition}: the check and every setting except
 * the id, name and group, which have columns of their own. Durations are milliseconds. Thread-safe.
 */
final class TargetCodec {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private TargetCodec() {
    }

    static String encode(HealthTarget target) {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("type", target.check().type());
        check.put("options", jsonSafe(target.check().options()));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("check", check);
        json.put("intervalMs", target.interval().toMillis());
        json.put("timeoutMs", target.timeout().toMillis());
        json.put("retries", target.retries());
        json.put("retryIntervalMs", target.retryInterval().toMillis());
        json.put("resendEvery", target.resendEvery());
        json.put("startPeriodMs", target.startPeriod().toMillis());
        target.remediation().ifPresent(r -> {
            Map<String, Object> remediation = new LinkedHashMap<>();
            remediation.put("action", r.action().name());
            remediation.put("subject", r.subject());
            remediation.put("afterDownChecks", r.afterDownChecks());
            remediation.put("maxRestarts", r.maxRestarts());
            remediation.put("windowMs", r.window().toMillis());
            remediation.put("initialDelayMs", r.initialDelay().toMillis());
            remediation.put("maxDelayMs", r.maxDelay().toMillis());
            json.put("remediation", remediation);
        });
        json.put("sinks", target.sinks());
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new OrbitrException("cannot encode target '" + target.id() + "': " + e.getOriginalMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    static HealthTarget decode(String id, String name, String group, String definition) {
        Map<String, Object> json;
        try {
            json = JSON.readValue(definition, MAP);
        } catch (JsonProcessingException e) {
            throw new OrbitrException("the stored definition of target '" + id + "' is not JSON: "
                    + e.getOriginalMessage(), e);
        }
        Map<String, Object> check = (Map<String, Object>) json.get("check");
        HealthTarget.Builder builder = HealthTarget.builder(id, new CheckSpec((String) check.get("type"),
                        (Map<String, Object>) check.getOrDefault("options", Map.of())))
                .name(name).group(group)
                .interval(millis(json, "intervalMs"))
                .timeout(millis(json, "timeoutMs"))
                .retries(((Number) json.getOrDefault("retries", 0)).intValue())
                .retryInterval(millis(json, "retryIntervalMs"))
                .resendEvery(((Number) json.getOrDefault("resendEvery", 0)).intValue())
                .startPeriod(Duration.ofMillis(((Number) json.getOrDefault("startPeriodMs", 0)).longValue()))
                .sinks((List<String>) json.getOrDefault("sinks", List.of()));
        Object remediation = json.get("remediation");
        if (remediation instanceof Map<?, ?> r) {
            Map<String, Object> m = (Map<String, Object>) r;
            builder.remediation(new Remediation(Remediation.Action.valueOf((String) m.get("action")),
                    (String) m.get("subject"), ((Number) m.get("afterDownChecks")).intValue(),
                    ((Number) m.get("maxRestarts")).intValue(), millis(m, "windowMs"), millis(m, "initialDelayMs"),
                    millis(m, "maxDelayMs")));
        }
        return builder.build();
    }

    private static Duration millis(Map<String, Object> json, String key) {
        Object value = json.get(key);
        if (!(value instanceof Number number)) {
            throw new OrbitrException("a stored target definition lacks '" + key + "'");
        }
        return Duration.ofMillis(number.longValue());
    }

    /** Options are JSON values; a host may have passed a Duration or a Path, kept as millis or text. */
    private static Object jsonSafe(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Duration duration) {
            return duration.toMillis();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), jsonSafe(v)));
            return out;
        }
        if (value instanceof Iterable<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(jsonSafe(v)));
            return out;
        }
        return value.toString();
    }
}
