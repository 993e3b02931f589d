package io.orbitr.examples.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.orbitr.core.Orbitr;
import io.orbitr.health.HealthMonitor;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.ContainerSpec;
import io.orbitr.examples.server.OrbitrServer;
import io.orbitr.health.CheckSpec;
import io.orbitr.health.HealthTarget;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code orbitr bench ui}: the dashboard in headless Chromium against a real server with many health targets (TCP
 * checks against a local listener) and many containers. Prints the time from navigation start until the health
 * page and the containers page show their first rows, the health checks' on-time share while those pages load, and,
 * while the log viewer follows a container writing about 5,000 lines/s, the longest main-thread task, the page's
 * heap at the end and the lines lost or dropped.
 */
@Command(name = "ui", mixinStandardHelpOptions = true,
        description = "The dashboard in headless Chromium: first rows, the log viewer under load, checks on time.")
public final class UiBenchmark implements Callable<Integer> {

    @Option(names = "--targets", description = "Health targets (default: ${DEFAULT-VALUE}).")
    int targets = 10_000;

    @Option(names = "--interval-s", description = "Each target's interval (default: ${DEFAULT-VALUE}).")
    int intervalSeconds = 20;

    @Option(names = "--containers", description = "Containers (default: ${DEFAULT-VALUE}).")
    int containers = 50;

    @Option(names = "--log-seconds", description = "How long the log viewer follows (default: ${DEFAULT-VALUE}).")
    int logSeconds = 30;

    @Option(names = "--loads", description = "Loads of each page; the median is printed (default: ${DEFAULT-VALUE}).")
    int loads = 3;

    @Option(names = "--breakdown", description = "Also print, to standard error, each load's requests with their"
            + " start and end (ms since navigation start), to see where a page's time goes.")
    boolean breakdown;

    /** The first of the last page's loads, in ms. */
    private double firstLoadMs;

    private static final String PASSWORD = "bench password 1";
    /** Each request of the page so far: name, start and end in ms since navigation start. */
    private static final String REQUESTS = "[...performance.getEntriesByType('navigation'),"
            + " ...performance.getEntriesByType('resource')].map(e => Math.round(e.startTime) + '-'"
            + " + Math.round(e.responseEnd) + ' ' + e.name.replace(location.origin, '')).join('\\n')";
    /** Polls every frame until the selector matches; answers the time since navigation start. */
    private static final String FIRST_ROWS = "new Promise((done, fail) => { const t0 = Date.now();"
            + " (function poll() { if (document.querySelector(%s)) done(performance.now());"
            + " else if (Date.now() - t0 > 60000) fail(new Error('no rows in 60 s'));"
            + " else requestAnimationFrame(poll); })(); })";

    @Override
    public Integer call() throws Exception {
        String run = "orbitr-bench-ui-" + UUID.randomUUID().toString().substring(0, 6);
        Path data = Files.createTempDirectory("orbitr-bench-ui");
        List<String> created = new ArrayList<>();
        Figures figures = new Figures(System.out);
        try (ServerSocket listener = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress());
             Orbitr orbitr = Orbitr.builder().dataDirectory(data).build();
             OrbitrServer server = OrbitrServer.builder(orbitr).bind("127.0.0.1", 0).start()) {
            Thread acceptor = new Thread(() -> accept(listener), "bench-ui-listener");
            acceptor.setDaemon(true);
            acceptor.start();
            server.accounts().create("bench", io.orbitr.examples.server.Role.ADMIN, PASSWORD);
            ContainerEngine engine = orbitr.engine();
            BenchImage.ensureBusybox(engine, orbitr.engineSettings(), System.err);
            HealthMonitor health = orbitr.health();
            List<HealthTarget> list = new ArrayList<>(targets);
            for (int i = 0; i < targets; i++) {
                list.add(HealthTarget.builder("t" + i, CheckSpec.of("tcp", "host", "127.0.0.1", "port",
                        listener.getLocalPort())).group("g" + (i % 20)).interval(Duration.ofSeconds(intervalSeconds))
                        .build());
            }
            health.addAll(list);
            for (int i = 0; i < containers; i++) {
                String id = engine.containers().create(ContainerSpec.builder(BenchImage.BUSYBOX)
                        .name(run + "-" + i).command("sleep", "3600").label("io.orbitr.bench", run).build());
                created.add(id);
                engine.containers().start(id);
            }
            System.err.printf("orbitr bench ui: %d targets, %d containers; waiting one interval (%d s)%n", targets,
                    containers, intervalSeconds);
            Thread.sleep(intervalSeconds * 1000L);
            String base = server.uri().toString();
            try (CdpBrowser browser = new CdpBrowser()) {
                browser.navigate(base);
                browser.evaluate("new Promise(r => setTimeout(r, 500)).then(() => fetch('/api/v1/login', {method:"
                        + " 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({name: 'bench',"
                        + " password: '" + PASSWORD + "'})})).then(r => r.status)", Duration.ofSeconds(30));
                health.resetMetrics();
                double healthMs = firstRows(browser, base + "#/health", "'tr[data-target]'");
                // The browser is fresh but for the login page, so the first of those loads fetched the health page's own
                // files: what a first visit after logging in costs (the median is of loads with the files cached).
                double healthFirstVisitMs = firstLoadMs;
                double containersMs = firstRows(browser, base + "#/containers", "'table.list tbody tr td a'");
                figures.figure("ui health page first rows ms", healthMs);
                figures.figure("ui health page first rows ms on a first visit", healthFirstVisitMs);
                figures.figure("ui containers page first rows ms", containersMs);
                figures.figure("on-time share during ui", health.metrics().onTimeShare());
                followLogs(browser, base, engine, run, created, figures);
            }
        } finally {
            for (String id : created) {
                try {
                    // Only what this run created, by id.
                    new ProcessBuilder("docker", "rm", "-f", id).redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
                } catch (IOException e) {
                    System.err.println("orbitr bench ui: could not remove container " + id + ": " + e.getMessage());
                }
            }
            deleteTree(data);
        }
        return 0;
    }

    private double firstRows(CdpBrowser browser, String url, String selector) throws Exception {
        double[] times = new double[Math.max(1, loads)];
        for (int i = 0; i < times.length; i++) {
            browser.navigate("about:blank");
            browser.navigate(url);
            times[i] = browser.evaluate(String.format(FIRST_ROWS, selector), Duration.ofSeconds(70)).asDouble();
            if (breakdown) {
                System.err.printf("orbitr bench ui: %s load %d: first rows at %.0f ms%n%s%n", url, i + 1, times[i],
                        browser.evaluate(REQUESTS, Duration.ofSeconds(10)).asText());
            }
        }
        firstLoadMs = times[0];
        Arrays.sort(times);
        return times[times.length / 2];
    }

    private void followLogs(CdpBrowser browser, String base, ContainerEngine engine, String run, List<String> created,
            Figures figures) throws Exception {
        int batches = logSeconds * 10;
        String script = "i=0; while [ $i -lt " + batches + " ]; do seq $((i*500+1)) $((i*500+500)); usleep 100000;"
                + " i=$((i+1)); done; sleep 3600";
        String name = run + "-writer";
        String id = engine.containers().create(ContainerSpec.builder(BenchImage.BUSYBOX).name(name)
                .command("sh", "-c", script).label("io.orbitr.bench", run).build());
        created.add(id);
        browser.navigate("about:blank");
        browser.navigate(base + "#/container/" + name);
        browser.evaluate("new Promise((done, fail) => { const t0 = Date.now(); (function poll() {"
                + " const s = document.getElementById('log-state'); if (s && s.dataset.state === 'live') done(true);"
                + " else if (Date.now() - t0 > 30000) fail(new Error('not live')); else setTimeout(poll, 50); })(); })",
                Duration.ofSeconds(40));
        browser.evaluate("window.benchLongest = 0; new PerformanceObserver(list => list.getEntries().forEach(e =>"
                + " { window.benchLongest = Math.max(window.benchLongest, e.duration); })).observe({type: 'longtask'});"
                + " true", Duration.ofSeconds(5));
        if (breakdown) {
            // Each long task's start and length, and the viewer's own slowest message and drawing, to tell them apart.
            browser.evaluate("window.benchTasks = []; new PerformanceObserver(list => list.getEntries().forEach(e =>"
                    + " window.benchTasks.push(Math.round(e.startTime) + '+' + Math.round(e.duration))))"
                    + ".observe({type: 'longtask'}); const v = document.getElementById('log-viewport').logViewer;"
                    + " window.benchSlowest = {}; for (const name of ['onMessage', 'render']) { const f = v[name];"
                    + " v[name] = function (...a) { const t = performance.now(); const r = f.apply(this, a);"
                    + " const d = performance.now() - t; if (d > (window.benchSlowest[name] || 0))"
                    + " window.benchSlowest[name] = d; return r; }; }"
                    // Long animation frames say what a slow frame spent its time on: scripts (by source and
                    // caller), and style, layout and paint after them.
                    + " window.benchFrames = []; new PerformanceObserver(list => list.getEntries().forEach(e =>"
                    + " window.benchFrames.push({at: Math.round(e.startTime), ms: Math.round(e.duration),"
                    + " render: e.renderStart ? Math.round(e.startTime + e.duration - e.renderStart) : 0,"
                    + " layout: e.styleAndLayoutStart ? Math.round(e.startTime + e.duration - e.styleAndLayoutStart)"
                    + " : 0,"
                    + " scripts: e.scripts.map(x => (x.invoker || x.sourceURL) + ' ' + Math.round(x.duration)).join('; ')"
                    + " }))).observe({type: 'long-animation-frame'}); true", Duration.ofSeconds(5));
        }
        long started = System.nanoTime();
        engine.containers().start(id);
        long written = (long) batches * 500;
        JsonNode state = null;
        long deadline = started + Duration.ofSeconds(logSeconds + 60).toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(1000);
            state = browser.evaluate("(() => { const v = document.getElementById('log-viewport').logViewer;"
                    + " return {received: v.received, lastId: v.lastId, lines: v.lines.length, dropped: v.dropped,"
                    + " lost: v.lost, longest: window.benchLongest, heap: performance.memory.usedJSHeapSize,"
                    + " last: v.lines.length ? v.lines[v.lines.length - 1].text : '', first: v.firstText}; })()",
                    Duration.ofSeconds(10));
            if (state.path("last").asText().equals(Long.toString(written))) {
                break;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (breakdown) {
            System.err.printf("orbitr bench ui: log viewer: long tasks (start+ms) %s; slowest %s%n",
                    browser.evaluate("window.benchTasks.join(' ')", Duration.ofSeconds(5)).asText(),
                    browser.evaluate("JSON.stringify(window.benchSlowest)", Duration.ofSeconds(5)).asText());
            System.err.printf("orbitr bench ui: log viewer: the slowest animation frames: %s%n",
                    browser.evaluate("JSON.stringify(window.benchFrames.sort((a, b) => b.ms - a.ms).slice(0, 5))",
                            Duration.ofSeconds(5)).asText());
        }
        long received = state == null ? 0 : state.path("received").asLong();
        figures.figure("ui log lines written", written);
        figures.figure("ui log lines per second", written / seconds);
        figures.figure("ui log lines received", received);
        figures.figure("ui log lines lost", state == null ? 0 : state.path("lost").asLong());
        // The viewer subscribes before the container starts; lines written before the engine's stream attached
        // are outside the viewer's tail, so what counts is every line after the first one shown.
        long first = state == null ? 1 : state.path("first").asLong(1);
        figures.figure("ui log first line shown", first);
        figures.figure("ui log lines missing after the first shown", Math.max(0, written - first + 1 - received));
        figures.figure("ui log lines dropped from the page window", state == null ? 0 : state.path("dropped").asLong());
        figures.figure("ui log lines kept in the page", state == null ? 0 : state.path("lines").asLong());
        figures.figure("ui longest main-thread task ms", state == null ? 0 : state.path("longest").asDouble());
        figures.figure("ui page heap mb", state == null ? 0 : state.path("heap").asDouble() / 1048576.0);
    }

    private static void accept(ServerSocket listener) {
        while (!listener.isClosed()) {
            try (Socket socket = listener.accept()) {
                // a TCP check only needs the connection
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void deleteTree(Path root) {
        try (var files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("orbitr bench ui: could not delete " + root + ": " + e.getMessage());
        }
    }
}
