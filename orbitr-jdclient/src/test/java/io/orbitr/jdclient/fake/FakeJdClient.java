package io.orbitr.jdclient.fake;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * A program that behaves like jd-client for supervision tests (jd-client itself cannot be built here): reads
 * {@code -c PATH}, refuses a configuration with a missing required key the way jd-client does (stderr
 * {@code Job Declarator Client config error: ...}, exit 1), prints jd-client's real log lines in its real format to
 * stdout, serves the monitoring API when {@code monitoring_address} is set, and on SIGINT prints
 * {@code JD Client shutdown complete.} and exits 0 (SIGTERM keeps the JVM's default: exit 143, like old builds).
 *
 * <p>The environment variable {@code FAKE_JDC_SCENARIO} picks a behaviour: {@code ok} (default),
 * {@code upstream-fail} (every upstream fails, then solo fallback), {@code tp-unreachable} (shuts down),
 * {@code crash} (panics, exit 101).
 */
public final class FakeJdClient {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final List<String> REQUIRED = List.of("listening_address", "max_supported_version",
            "min_supported_version", "authority_public_key", "authority_secret_key", "cert_validity_sec",
            "shares_per_minute", "share_batch_size", "jdc_signature", "coinbase_reward_script", "upstreams",
            "template_provider_type");
    private static final PrintStream OUT = System.out;

    private FakeJdClient() {
    }

    /**
     * @param args {@code -c PATH}, optionally {@code -f PATH}; {@code -V} prints the version
     * @throws Exception on an unexpected failure
     */
    public static void main(String[] args) throws Exception {
        Path config = Path.of("jdc-config.toml");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-c", "--config" -> config = Path.of(args[++i]);
                case "-f", "--log-file" -> i++;
                case "-V", "--version" -> {
                    OUT.println("jd_client_sv2 0.6.0");
                    return;
                }
                default -> {
                    System.err.println("error: unexpected argument '" + args[i] + "' found");
                    System.exit(2);
                }
            }
        }
        TomlParseResult toml = read(config);
        CountDownLatch interrupted = new CountDownLatch(1);
        onSigint(interrupted::countDown);
        String scenario = System.getenv().getOrDefault("FAKE_JDC_SCENARIO", "ok");
        FakeMonitoringApi api = monitoring(toml);
        String listening = toml.getString("listening_address");
        log("INFO", "jd_client_sv2", "Job declarator client starting... setting up subsystems");
        if (scenario.equals("crash")) {
            System.err.println("thread 'main' panicked at roles/jd-client/src/lib.rs:42:9:");
            System.err.println("called `Option::unwrap()` on a `None` value");
            System.exit(101);
        }
        log("WARN", "jd_client_sv2::template_receiver", "Waiting for initial template and prevhash from Template"
                + " Provider...");
        if (scenario.equals("tp-unreachable")) {
            log("ERROR", "jd_client_sv2::template_receiver", "Failed to create BitcoinCoreToSv2: Connection refused"
                    + " (os error 111)");
            shutdown(api, 0);
        }
        log("INFO", "jd_client_sv2::channel_manager", "Required template data received, ready to accept connections");
        log("INFO", "jd_client_sv2::downstream", "Starting downstream server at " + listening);
        upstreams(toml, scenario);
        // Bounded: a fake left behind by a failed test ends by itself.
        interrupted.await(10, TimeUnit.MINUTES);
        shutdown(api, 0);
    }

    private static void upstreams(TomlParseResult toml, String scenario) {
        TomlArray upstreams = toml.getArray("upstreams");
        for (int i = 0; i < upstreams.size(); i++) {
            TomlTable u = upstreams.getTable(i);
            String pool = u.getString("pool_address") + ":" + u.getLong("pool_port");
            String jds = u.getString("jds_address") + ":" + u.getLong("jds_port");
            log("INFO", "jd_client_sv2::upstream", "Trying upstream " + (i + 1) + " of " + upstreams.size()
                    + ": pool=" + pool + ", jds=" + jds);
            if (scenario.equals("upstream-fail")) {
                for (int attempt = 1; attempt <= 3; attempt++) {
                    log("WARN", "jd_client_sv2::upstream", "Attempt " + attempt + "/3 failed for pool=" + pool
                            + ", jds=" + jds + ": Connection refused (os error 111)");
                }
                log("WARN", "jd_client_sv2::upstream", "Max retries reached for pool=" + pool + ", jds=" + jds
                        + ", moving to next upstream");
                continue;
            }
            log("INFO", "jd_client_sv2::upstream", "Connected to upstream at " + pool);
            log("INFO", "jd_client_sv2::upstream", "Received: SetupConnectionSuccess(used_version: 2, flags:"
                    + " 0x00000000)");
            log("INFO", "jd_client_sv2::job_declarator", "Job declarator: SV2 handshake completed successfully.");
            return;
        }
        if (upstreams.size() > 0) {
            log("ERROR", "jd_client_sv2::upstream", "All upstreams failed after 3 retries each");
            log("WARN", "jd_client_sv2", "Upstream initialization failed; falling back to solo mining mode");
        }
    }

    /**
     * Handles SIGINT alone, as jd-client does, through the JDK's {@code sun.misc.Signal} (module jdk.unsupported),
     * reached reflectively so the build has no warning about internal API; SIGTERM keeps the JVM's default.
     */
    private static void onSigint(Runnable action) throws ReflectiveOperationException {
        Class<?> signal = Class.forName("sun.misc.Signal");
        Class<?> handler = Class.forName("sun.misc.SignalHandler");
        Object proxy = Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler}, (p, method, args) -> {
            if (method.getName().equals("handle")) {
                action.run();
            }
            return null;
        });
        signal.getMethod("handle", signal, handler).invoke(null, signal.getConstructor(String.class).newInstance("INT"),
                proxy);
    }

    private static TomlParseResult read(Path config) throws IOException {
        if (!Files.exists(config)) {
            configError("No such file or directory (os error 2)");
        }
        TomlParseResult toml = Toml.parse(Files.readString(config));
        if (toml.hasErrors()) {
            configError("TOML parse error at line " + toml.errors().get(0).position().line() + ": "
                    + toml.errors().get(0).getMessage());
        }
        for (String key : REQUIRED) {
            if (!toml.contains(List.of(key))) {
                configError("missing field `" + key + "`");
            }
        }
        return toml;
    }

    private static FakeMonitoringApi monitoring(TomlParseResult toml) throws IOException {
        String address = toml.getString("monitoring_address");
        if (address == null) {
            return null;
        }
        int colon = address.lastIndexOf(':');
        return FakeMonitoringApi.start(new InetSocketAddress(address.substring(0, colon),
                Integer.parseInt(address.substring(colon + 1))));
    }

    private static void configError(String message) {
        System.err.println("Job Declarator Client config error: " + message);
        System.exit(1);
    }

    private static void shutdown(FakeMonitoringApi api, int code) {
        if (api != null) {
            api.close();
        }
        log("INFO", "jd_client_sv2", "JD Client shutdown complete.");
        System.exit(code);
    }

    private static synchronized void log(String level, String target, String message) {
        OUT.println(TIME.format(Instant.now()) + " " + String.format(Locale.ROOT, "%5s", level) + " " + target + ": "
                + message);
        OUT.flush();
    }
}
