package io.orbitr.examples.plugin;

import io.orbitr.InvalidValueException;
import io.orbitr.health.CheckOption;
import io.orbitr.health.CheckSpec;
import io.orbitr.health.HealthCheck;
import io.orbitr.health.HealthCheckProvider;
import io.orbitr.health.HealthResult;
import io.orbitr.health.OptionType;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * An example of a custom health check, written against orbitr-api only and found by ServiceLoader through this
 * module's {@code META-INF/services/io.orbitr.health.HealthCheckProvider}: nothing in Orbitr changes to run it.
 *
 * <p>The {@code disk-free} check is DOWN when the file system holding {@code path} (default {@code /}) has less
 * usable space than {@code min-free} (a size such as {@code 2g}) or {@code min-free-percent} (0-100) - give one or
 * both. The details carry {@code freeBytes}, {@code totalBytes} and {@code freePercent}.
 */
public final class DiskFreeCheckProvider implements HealthCheckProvider {
    private static final List<CheckOption> OPTIONS = List.of(
            CheckOption.optional("path", OptionType.TEXT, "/", "a path on the file system to watch"),
            CheckOption.optional("min-free", OptionType.SIZE, "", "DOWN below this much usable space, such as 2g"),
            CheckOption.optional("min-free-percent", OptionType.INTEGER, "", "DOWN below this share free, 0-100"));

    @Override
    public String id() {
        return "disk-free";
    }

    /** Declared so that the platform refuses a misspelt option and a dashboard can build a form. */
    @Override
    public List<CheckOption> options() {
        return OPTIONS;
    }

    @Override
    public HealthCheck create(CheckSpec spec) {
        Path path = Path.of(spec.string("path").orElse("/"));
        if (!Files.exists(path)) {
            throw new InvalidValueException("disk-free.path", path, "does not exist");
        }
        long minFree = spec.bytes("min-free", 0);
        int minPercent = spec.integer("min-free-percent", 0, 0, 100);
        if (minFree == 0 && minPercent == 0) {
            throw new InvalidValueException("disk-free.min-free", "", "give min-free, min-free-percent or both");
        }
        // The check itself: small, immutable, and it only says what it saw; the monitor handles timing.
        return () -> check(path, minFree, minPercent);
    }

    private static HealthResult check(Path path, long minFree, int minPercent) throws IOException {
        FileStore store = Files.getFileStore(path);
        long free = store.getUsableSpace();
        long total = store.getTotalSpace();
        double percent = total == 0 ? 0 : 100.0 * free / total;
        String figures = String.format(Locale.ROOT, "%.1f GiB (%.1f%%) free on %s", free / 1073741824.0, percent,
                path);
        boolean enough = free >= minFree && percent >= minPercent;
        HealthResult result = enough ? HealthResult.up(figures) : HealthResult.down(figures + ", below the minimum");
        return result.withDetail("freeBytes", free).withDetail("totalBytes", total)
                .withDetail("freePercent", Math.round(percent * 10) / 10.0);
    }
}
