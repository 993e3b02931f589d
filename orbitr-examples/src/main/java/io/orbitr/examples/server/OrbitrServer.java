package io.orbitr.examples.server;

import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.orbitr.InvalidValueException;
import io.orbitr.OrbitrException;
import io.orbitr.core.Orbitr;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orbitr as an HTTP server: the REST API under {@code /api/v1} (described by {@code /api/v1/openapi.json}, browsable
 * at {@code /api/docs}), the WebSocket {@code /ws}, and {@code /metrics}. A host application runs it inside itself:
 *
 * <pre>{@code
 * try (Orbitr orbitr = Orbitr.builder().dataDirectory(Path.of("orbitr-data")).build();
 *      OrbitrServer server = OrbitrServer.builder(orbitr).bind("127.0.0.1", 8080).start()) {
 *     server.setupUrl().ifPresent(System.out::println);
 *     ...
 * }
 * }</pre>
 *
 * The server does not own the platform: closing it stops serving, closes the WebSockets and finishes its jobs; the
 * host closes the platform after. Thread-safe.
 */
public final class OrbitrServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OrbitrServer.class);
    /** The largest request body accepted. */
    public static final long DEFAULT_MAX_BODY = 1 << 20;

    private final Orbitr orbitr;
    private final Javalin javalin;
    private final Accounts accounts;
    private final SetupToken setup = new SetupToken();
    private final LogSocket socket;
    private final Jobs jobs;
    private final ApiRouter router;
    private final ScheduledExecutorService timer;
    private final boolean tls;
    private final String host;
    private volatile boolean closed;

    private OrbitrServer(Builder builder) {
        this.orbitr = builder.orbitr;
        this.tls = builder.certificate.isPresent();
        this.host = builder.host;
        ServerSchema.migrate(orbitr.store(), orbitr.clock());
        this.accounts = new Accounts(orbitr.store(), orbitr.clock());
        this.jobs = new Jobs(orbitr.store(), orbitr.clock());
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "orbitr-server-ws");
            thread.setDaemon(true);
            return thread;
        });
        Authenticator authenticator = new Authenticator(accounts);
        ApiDocument document = ApiDocument.load();
        this.socket = new LogSocket(orbitr, authenticator, jobs, builder.allowedOrigins, timer);
        accounts.onRevocation(socket::recheck);
        Handlers handlers = new Handlers();
        JdcEndpoints jdc = new JdcEndpoints(orbitr, jobs);
        new EngineEndpoints(orbitr, jobs).register(handlers);
        new HealthEndpoints(orbitr).register(handlers);
        new ProxyEndpoints(orbitr).register(handlers);
        new SystemEndpoints(orbitr, document, jobs, new AuditLog(orbitr.store(), orbitr.clock()),
                new PrometheusFigures(orbitr, socket::clients, jdc)).register(handlers);
        new AccountEndpoints(accounts, setup, new LoginLimiter(orbitr.clock()), tls).register(handlers);
        jdc.register(handlers);
        new DashboardEndpoints(orbitr).register(handlers);
        new ExtensionEndpoints(orbitr, jobs).register(handlers);
        new BackupEndpoints(orbitr, jobs).register(handlers);
        new EnginesEndpoints(orbitr).register(handlers);
        this.router = new ApiRouter(document, handlers.all(), authenticator,
                new AuditLog(orbitr.store(), orbitr.clock()), builder.maxBodyBytes);
        String docsPage = resource("swagger.html");
        String setupPage = resource("setup.html");
        this.javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = builder.maxBodyBytes;
            config.http.prefer405over404 = true;
            config.jetty.host = builder.host;
            config.jetty.port = builder.port;
            config.jetty.modifyServer(server -> server.setStopTimeout(5_000));
            config.jetty.modifyWebSocketServletFactory(factory -> {
                factory.setMaxTextMessageSize(64 * 1024);
                factory.setMaxBinaryMessageSize(64 * 1024);
                factory.setIdleTimeout(Duration.ofSeconds(90));
            });
            builder.certificate.ifPresent(pem -> config.jetty.addConnector((server, http) -> {
                HttpConfiguration secure = new HttpConfiguration(http);
                secure.addCustomizer(new SecureRequestCustomizer(false));
                SslContextFactory.Server ssl = new SslContextFactory.Server();
                ssl.setKeyStore(PemKeys.keyStore(pem, builder.key.orElseThrow()));
                ssl.setKeyStorePassword(PemKeys.PASSWORD);
                ServerConnector connector = new ServerConnector(server,
                        new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(secure));
                connector.setHost(builder.host);
                connector.setPort(builder.port);
                return connector;
            }));
            config.staticFiles.enableWebjars();
            router.install(config.routes);
            socket.install(config.routes);
            config.routes.get("/api/docs", ctx -> ctx.contentType("text/html; charset=utf-8").result(docsPage));
            config.routes.get("/setup", ctx -> ctx.contentType("text/html; charset=utf-8").result(setupPage));
            Dashboard.install(config, () -> accounts.count() == 0);
            config.routes.exception(HttpResponseException.class, (e, ctx) ->
                    ApiRouter.writeProblem(ctx, Problem.of(e, ctx.path())));
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.warn("{} {} failed", ctx.method(), ctx.path(), e);
                ApiRouter.writeProblem(ctx, Problem.of(e, ctx.path()));
            });
            config.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    ApiRouter.writeProblem(ctx, Problem.make(404, "no such endpoint: " + ctx.method() + " "
                            + ctx.path(), ctx.path(), Optional.empty(), Optional.empty()));
                }
            });
            config.routes.error(405, ctx -> ApiRouter.writeProblem(ctx, Problem.make(405, ctx.method()
                    + " is not allowed on " + ctx.path(), ctx.path(), Optional.empty(), Optional.empty())));
        });
    }

    /**
     * @param orbitr the platform to serve; the server does not close it
     * @return a builder with the defaults: 127.0.0.1:8080, no TLS, 1 MiB bodies
     */
    public static Builder builder(Orbitr orbitr) {
        return new Builder(orbitr);
    }

    private OrbitrServer startServing() {
        if (accounts.count() == 0) {
            if (!isLoopback(host)) {
                throw new OrbitrException("refusing to serve on " + host + " without any account: anyone who"
                        + " reaches it could create the first admin. Create one first with"
                        + " 'orbitr user add NAME --role admin', or bind to 127.0.0.1");
            }
            setup.issue();
        }
        try {
            javalin.start();
        } catch (RuntimeException e) {
            close();
            throw new OrbitrException("could not listen on " + host + ": " + rootMessage(e), e);
        }
        log.info("Orbitr serving at {}", uri());
        return this;
    }

    /** @return the port the server listens on (the bound one when 0 was asked for) */
    public int port() {
        return javalin.port();
    }

    /** @return the server's base URI, for example {@code http://127.0.0.1:8080/} */
    public URI uri() {
        String shown = host.contains(":") ? "[" + host + "]" : host;
        if (host.equals("0.0.0.0")) {
            shown = "127.0.0.1";
        }
        return URI.create((tls ? "https" : "http") + "://" + shown + ":" + port() + "/");
    }

    /**
     * @return the one-time URL that creates the first admin, while no account exists; empty once one does
     */
    public Optional<URI> setupUrl() {
        if (accounts.count() > 0) {
            return Optional.empty();
        }
        return setup.current().map(token -> uri().resolve("setup#token=" + token));
    }

    /** @return the accounts and tokens, for hosts that manage them in code */
    public Accounts accounts() {
        return accounts;
    }

    /** @return the operations served, as the API document lists them */
    public java.util.List<ApiOperation> operations() {
        return router.operations();
    }

    /** @return every HTTP route the server answers, as {@code METHOD /path}, the API's and the pages' */
    public java.util.List<String> httpRoutes() {
        return javalin.unsafe.internalRouter.allHttpHandlers().stream()
                .map(parsed -> parsed.endpoint.method.name() + " " + parsed.endpoint.path)
                .toList();
    }

    /** @return how many WebSocket clients are connected */
    public int webSocketClients() {
        return socket.clients();
    }

    /**
     * Stops accepting, closes the WebSockets with a reason, stops Jetty, finishes the jobs. Idempotent. The
     * platform stays open: its owner closes it.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        socket.closeAll("the server is shutting down");
        try {
            javalin.stop();
        } catch (RuntimeException e) {
            log.warn("stopping the HTTP server failed: {}", e.toString());
        }
        jobs.close();
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String resource(String name) {
        try (InputStream in = OrbitrServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new OrbitrException(name + " is missing from the class path; rebuild orbitr-examples");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    /** Configures an {@link OrbitrServer}. Not thread-safe. */
    public static final class Builder {
        private final Orbitr orbitr;
        private String host = "127.0.0.1";
        private int port = 8080;
        private Optional<Path> certificate = Optional.empty();
        private Optional<Path> key = Optional.empty();
        private long maxBodyBytes = DEFAULT_MAX_BODY;
        private final Set<String> allowedOrigins = new LinkedHashSet<>();

        private Builder(Orbitr orbitr) {
            this.orbitr = Objects.requireNonNull(orbitr, "orbitr");
        }

        /**
         * @param host the address to listen on (default 127.0.0.1; a non-loopback address needs an account)
         * @param port the port, 0 for any free one (default 8080)
         * @return this builder
         */
        public Builder bind(String host, int port) {
            if (host == null || host.isBlank()) {
                throw new InvalidValueException("bind host", host, "must be an address such as 127.0.0.1");
            }
            if (port < 0 || port > 65535) {
                throw new InvalidValueException("bind port", port, "must be between 0 and 65535");
            }
            this.host = host;
            this.port = port;
            return this;
        }

        /**
         * @param text {@code HOST:PORT}, for example {@code 127.0.0.1:8080} or {@code [::1]:8080}
         * @return this builder
         */
        public Builder bind(String text) {
            int colon = text == null ? -1 : text.lastIndexOf(':');
            if (colon <= 0) {
                throw new InvalidValueException("bind", text, "must be HOST:PORT, for example 127.0.0.1:8080");
            }
            String address = text.substring(0, colon);
            if (address.startsWith("[") && address.endsWith("]")) {
                address = address.substring(1, address.length() - 1);
            }
            try {
                return bind(address, Integer.parseInt(text.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new InvalidValueException("bind", text, "must end in a port number");
            }
        }

        /**
         * Serves HTTPS only.
         *
         * @param certificatePem the certificate chain, PEM
         * @param privateKeyPem  its private key, PEM (PKCS#8, {@code BEGIN PRIVATE KEY})
         * @return this builder
         */
        public Builder tls(Path certificatePem, Path privateKeyPem) {
            this.certificate = Optional.of(certificatePem);
            this.key = Optional.of(privateKeyPem);
            return this;
        }

        /**
         * @param bytes the largest request body accepted (larger ones are answered 413)
         * @return this builder
         */
        public Builder maxBodyBytes(long bytes) {
            if (bytes < 1024) {
                throw new InvalidValueException("maxBodyBytes", bytes, "must be at least 1024");
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * @param origin a browser origin besides the server's own that may open the WebSocket, for example
         *               {@code https://dashboard.example.org}
         * @return this builder
         */
        public Builder allowOrigin(String origin) {
            allowedOrigins.add(Objects.requireNonNull(origin, "origin"));
            return this;
        }

        /**
         * Creates the server's tables if needed and starts serving.
         *
         * @return the running server
         * @throws OrbitrException when the port cannot be bound, the TLS files cannot be read, or the bind is not
         *     loopback and no account exists
         */
        public OrbitrServer start() {
            if (certificate.isPresent()) {
                PemKeys.keyStore(certificate.get(), key.orElseThrow());
            }
            return new OrbitrServer(this).startServing();
        }
    }
}
