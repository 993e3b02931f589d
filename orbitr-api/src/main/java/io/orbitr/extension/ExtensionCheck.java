package io.orbitr.extension;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A health check in Orbitr's own terms, registered with the health monitor at install as target
 * {@code ext.<id>.<name>}. Option values may use {@code ${MAIN_HOST}} (the main container's address) and the other
 * built-ins.
 *
 * @param name     unique within the extension (letters, digits, '-')
 * @param type     a check type ({@code http}, {@code tcp}, {@code docker}...)
 * @param options  the check's options
 * @param interval time between checks
 * @param retries  failures before DOWN
 */
public record ExtensionCheck(String name, String type, Map<String, Object> options, Duration interval, int retries) {
    /** The interval when the manifest gives none. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

    /** Checks for nulls and freezes the options. */
    public ExtensionCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        options = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(options, "options")));
        Objects.requireNonNull(interval, "interval");
    }
}
