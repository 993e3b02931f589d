package io.orbitr.examples.server;

import io.orbitr.core.Orbitr;
import io.orbitr.examples.launcher.PlatformOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code orbitr serve}: assembles every module on the class path (which restores the health monitoring and the
 * jd-client instances that were running), serves the API until SIGTERM or Ctrl-C, then shuts down in order (stop
 * accepting, close the WebSockets with a reason, close the platform: monitor, instances, store) within 30 s.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the REST API, the WebSocket and the API docs until stopped (Ctrl-C or SIGTERM).")
public final class ServeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);
    /** The bound on an orderly shutdown. */
    static final long SHUTDOWN_LIMIT_SECONDS = 30;

    @Mixin
    private PlatformOptions options;

    @Option(names = "--bind", paramLabel = "HOST:PORT", description = "Where to listen (default: ${DEFAULT-VALUE}).")
    private String bind = "127.0.0.1:8080";

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Serve HTTPS with this certificate chain.")
    private Path tlsCertificate;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "The certificate's private key (PKCS#8 PEM).")
    private Path tlsKey;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if ((tlsCertificate == null) != (tlsKey == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--tls-cert and --tls-key go together");
        }
        PrintWriter out = spec.commandLine().getOut();
        Orbitr orbitr = options.builder().build();
        OrbitrServer server;
        try {
            OrbitrServer.Builder builder = OrbitrServer.builder(orbitr).bind(bind);
            if (tlsCertificate != null) {
                builder.tls(tlsCertificate, tlsKey);
            }
            server = builder.start();
        } catch (RuntimeException e) {
            orbitr.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> shutdown(server, orbitr, stopped), "orbitr-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("Orbitr " + Orbitr.version() + " serving at " + server.uri());
        out.println("  API docs:  " + server.uri().resolve("api/docs"));
        out.println("  OpenAPI:   " + server.uri().resolve("api/v1/openapi.json"));
        out.println("  WebSocket: " + server.uri().resolve("ws").toString().replaceFirst("^http", "ws"));
        server.setupUrl().ifPresent(url -> {
            out.println();
            out.println("No account exists yet. Open this one-time URL to create the first admin:");
            out.println("  " + url);
        });
        out.println("Stop with Ctrl-C.");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static void shutdown(OrbitrServer server, Orbitr orbitr, CountDownLatch stopped) {
        Thread closer = new Thread(() -> {
            log.info("shutting down: closing the server, then the platform");
            server.close();
            orbitr.close();
        }, "orbitr-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(TimeUnit.SECONDS.toMillis(SHUTDOWN_LIMIT_SECONDS));
            if (closer.isAlive()) {
                log.error("the shutdown did not finish within {} s; exiting anyway", SHUTDOWN_LIMIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopped.countDown();
    }
}
