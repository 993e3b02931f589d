package io.orbitr.examples.server;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import io.orbitr.OrbitrException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * The web dashboard: static files (plain JavaScript modules, no build step) served from the class path under
 * {@code /ui/VERSION/}, its page at {@code /}, and uPlot from its webjar. It speaks only the public API and
 * {@code /ws}, so it has exactly the caller's rights: the server enforces every role whatever the page shows.
 *
 * <p>VERSION is a hash of the files themselves, so a browser may keep them for good (immutable): a page load then
 * asks the server only for the page and the API, and a new build changes the path instead of going stale.
 */
final class Dashboard {
    /** Where the files live on the class path. */
    static final String DIRECTORY = "/io/orbitr/examples/server/dashboard";

    private Dashboard() {
    }

    /**
     * @param config       the server's configuration
     * @param needsSetup   whether no account exists yet (then {@code /} leads to the first-admin page)
     */
    static void install(JavalinConfig config, BooleanSupplier needsSetup) {
        String version = DashboardVersion.of(DIRECTORY);
        String page = read(DIRECTORY + "/index.html").replace("/ui/", "/ui/" + version + "/");
        config.staticFiles.add(files -> {
            files.hostedPath = "/ui/" + version;
            files.directory = DIRECTORY;
            files.location = Location.CLASSPATH;
            files.headers = java.util.Map.of("Cache-Control", "public, max-age=31536000, immutable",
                    "X-Content-Type-Options", "nosniff");
        });
        config.routes.get("/", ctx -> {
            if (needsSetup.getAsBoolean()) {
                ctx.redirect("/setup");
                return;
            }
            ctx.header("Cache-Control", "no-cache")
                    .header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:;"
                            + " style-src 'self' 'unsafe-inline'; connect-src 'self' ws: wss:; frame-ancestors 'none'")
                    .contentType("text/html; charset=utf-8").result(page);
        });
    }

    private static String read(String name) {
        try (InputStream in = Dashboard.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new OrbitrException(name + " is missing from the class path; rebuild orbitr-examples");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
