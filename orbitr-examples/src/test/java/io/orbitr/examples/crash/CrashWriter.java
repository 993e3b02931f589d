package io.orbitr.examples.crash;

import com.sun.net.httpserver.HttpServer;
import io.orbitr.OrbitrException;
import io.orbitr.core.Orbitr;
import io.orbitr.proxy.ProxyManager;
import io.orbitr.health.CheckSpec;
import io.orbitr.health.HealthTarget;
import io.orbitr.jdclient.instance.Instance;
import io.orbitr.jdclient.instance.InstanceManager;
import io.orbitr.jdclient.update.BinaryUpdater;
import io.orbitr.jdclient.update.InstallOptions;
import io.orbitr.jdclient.update.Release;
import io.orbitr.jdclient.update.ReleaseAsset;
import io.orbitr.jdclient.update.ReleaseTarget;
import io.orbitr.jdclient.update.UpdateSettings;
import io.orbitr.proxy.Route;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * The host {@link CrashIT} kills: writes through the public API as fast as it can until it is killed, and prints each
 * write to stdout as {@code begin KIND ARG} before the call and {@code ok KIND ARG} after it returned (flushed), so
 * the test knows what was acknowledged and what was in flight. Arguments: data directory, round, Caddy's HTTP port,
 * Caddy's admin port. It prints {@code waiting} once warmed up, opens the data directory when it reads {@code go}
 * on stdin, and prints {@code ready} when the platform is open.
 *
 * <p>Each step: {@code addAll} of five health targets, a proxy route created (reloading Caddy), every 2nd step the
 * oldest route removed, every 5th the proxy settings changed, every 3rd a saved jd-client configuration and an
 * instance on it, every 6th the oldest instance deleted. A second thread installs and rolls back the jd-client binary
 * without pause, from a release server of its own on loopback.
 */
public final class CrashWriter {
    private static final int TARGETS_PER_STEP = 5;
    private static final PrintStream OUT = new PrintStream(System.out, false, StandardCharsets.UTF_8);

    private CrashWriter() {
    }

    /**
     * @param args data directory, round, Caddy's HTTP port, Caddy's admin port
     * @throws Exception when the writer cannot start; then the test fails
     */
    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        int round = Integer.parseInt(args[1]);
        int httpPort = Integer.parseInt(args[2]);
        int adminPort = Integer.parseInt(args[3]);
        Releases releases = new Releases();
        // Warm up what does not touch the data directory, then wait: the test starts the next writer while it
        // still checks the data directory the last one left.
        CrashFixtures.config().validate();
        print("waiting");
        if (!"go".equals(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine())) {
            System.exit(0); // the test ended without needing this writer
        }
        Orbitr orbitr = CrashFixtures.open(data);
        ProxyManager proxies = orbitr.proxies();
        InstanceManager jdc = orbitr.feature(InstanceManager.class);
        BinaryUpdater updater = new BinaryUpdater(data, orbitr.store(), Clock.systemUTC(), UpdateSettings.builder()
                .apiBaseUrl(releases.baseUrl()).target(ReleaseTarget.current()).build());
        Deque<String> routes = new ArrayDeque<>(proxies.list().stream().map(Route::name).toList());
        Deque<String> instances = new ArrayDeque<>(jdc.list().stream().map(Instance::name).toList());
        if (!proxies.settings().provider().equals("caddy")) {
            proxies.updateSettings(CrashFixtures.proxySettings("d0.example.com", httpPort, adminPort));
        }
        print("ready");
        // Installs and rollbacks run beside the other writes, so a kill often lands in the middle of one.
        Thread binaries = new Thread(() -> {
            for (int n = round; ; n++) {
                binaryStep(updater, releases, n);
            }
        }, "crash-writer-binaries");
        binaries.setDaemon(true);
        binaries.start();
        for (int step = 0; ; step++) {
            String tag = round + "x" + step;
            List<HealthTarget> targets = new ArrayList<>();
            for (int k = 0; k < TARGETS_PER_STEP; k++) {
                targets.add(HealthTarget.builder("t" + tag + "x" + k, CheckSpec.of("tcp", "host", "127.0.0.1", "port",
                        9)).interval(Duration.ofDays(1)).build());
            }
            String ids = String.join(",", targets.stream().map(HealthTarget::id).toList());
            write("targets", ids, () -> orbitr.health().addAll(targets));
            String route = "r" + tag;
            write("create", route, () -> proxies.create(Route.builder().name(route).host(route)
                    .target("127.0.0.1", 9).build()));
            routes.add(route);
            if (step % 2 == 1) {
                String oldest = routes.poll();
                write("remove", oldest, () -> proxies.remove(oldest));
            }
            if (step % 5 == 4) {
                String domain = "d" + tag + ".example.com";
                write("settings", domain, () -> proxies.updateSettings(proxies.settings().toBuilder()
                        .defaultDomain(domain).build()));
            }
            if (step % 3 == 0) {
                String config = "c" + tag;
                write("config", config, () -> jdc.configs().create(config, "crash test", CrashFixtures.config()));
                String instance = "i" + tag;
                write("instance", instance, () -> jdc.create(instance, config));
                instances.add(instance);
            }
            if (step % 6 == 5 && !instances.isEmpty()) {
                String oldest = instances.poll();
                write("delete", oldest, () -> jdc.delete(oldest));
            }
        }
    }

    /** Cycles through: install the first release, install the second, roll back, roll back. */
    private static void binaryStep(BinaryUpdater updater, Releases releases, int n) {
        switch (n % 4) {
            case 0, 1 -> {
                String tag = CrashFixtures.RELEASES.get(n % 4);
                print("begin install " + tag);
                try {
                    print("ok install " + updater.install(releases.release(tag), InstallOptions.defaults())
                            .toVersion());
                } catch (OrbitrException e) {
                    print("fail install " + tag + " " + e.getMessage().replace('\n', ' '));
                }
            }
            default -> {
                print("begin rollback ?");
                try {
                    print("ok rollback " + updater.rollback().toVersion());
                } catch (OrbitrException e) {
                    print("fail rollback ? " + e.getMessage().replace('\n', ' '));
                }
            }
        }
    }

    private static void write(String kind, String arg, Runnable call) {
        print("begin " + kind + " " + arg);
        call.run();
        print("ok " + kind + " " + arg);
    }

    private static void print(String line) {
        synchronized (OUT) {
            OUT.println(line);
            OUT.flush();
        }
    }

    /** The two releases as tar.gz archives, served on loopback the way GitHub serves assets. */
    private static final class Releases {
        private final HttpServer server;
        private final Map<String, byte[]> archives = new ConcurrentHashMap<>();

        Releases() throws IOException {
            for (String tag : CrashFixtures.RELEASES) {
                archives.put(tag, archive(CrashFixtures.binary(tag)));
            }
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/assets/", exchange -> {
                String tag = exchange.getRequestURI().getPath().substring("/assets/".length());
                byte[] body = archives.get(tag);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
        }

        URI baseUrl() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        Release release(String tag) {
            byte[] archive = archives.get(tag);
            return new Release(tag, tag, "", Optional.empty(), false, false, List.of(new ReleaseAsset(
                    ReleaseTarget.current().assetName(), archive.length, URI.create(baseUrl() + "/assets/" + tag),
                    Optional.of("sha256:" + sha256(archive)))));
        }

        private static byte[] archive(byte[] binary) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
                TarArchiveEntry entry = new TarArchiveEntry("jd-client/jd_client_sv2");
                entry.setSize(binary.length);
                entry.setMode(0755);
                tar.putArchiveEntry(entry);
                tar.write(binary);
                tar.closeArchiveEntry();
            }
            return bytes.toByteArray();
        }

        private static String sha256(byte[] bytes) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
