package io.orbitr.examples.server;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.websocket.WsContext;
import io.orbitr.OrbitrException;
import io.orbitr.core.Orbitr;
import io.orbitr.stream.LogLine;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket {@code /ws}: the platform seed's protocol for live logs and stats, plus job progress. The handshake
 * checks the Origin (same origin, or one allowed explicitly; clients that send none, such as scripts, are let through
 * on their credentials) and the session or token. Every connection is a {@link SocketClient}.
 */
final class LogSocket {
    private static final Logger log = LoggerFactory.getLogger(LogSocket.class);
    static final String PRINCIPAL = "orbitr.principal";
    static final String CREDENTIALS = "orbitr.credentials";
    /** How often open connections' credentials are checked again (an expired token ends its connections). */
    static final long RECHECK_SECONDS = 30;

    private final Orbitr orbitr;
    private final Authenticator authenticator;
    private final Jobs jobs;
    private final Set<String> allowedOrigins;
    private final ScheduledExecutorService timer;
    private final Map<String, SocketClient> clients = new ConcurrentHashMap<>();
    private final Map<String, Credentials> credentials = new ConcurrentHashMap<>();
    private final LineEncoder encoder = new LineEncoder();
    private final LogGroups groups;

    LogSocket(Orbitr orbitr, Authenticator authenticator, Jobs jobs, Set<String> allowedOrigins,
            ScheduledExecutorService timer) {
        this.orbitr = orbitr;
        this.authenticator = authenticator;
        this.jobs = jobs;
        this.allowedOrigins = Set.copyOf(allowedOrigins);
        this.timer = timer;
        this.groups = new LogGroups(orbitr, timer, encoder);
    }

    /** The credentials a connection was opened with, kept to check them again. */
    private record Credentials(Optional<String> authorization, Optional<String> session) {
    }

    void install(RoutesConfig routes) {
        timer.scheduleWithFixedDelay(this::recheck, RECHECK_SECONDS, RECHECK_SECONDS, TimeUnit.SECONDS);
        routes.wsBeforeUpgrade("/ws", this::handshake);
        routes.ws("/ws", ws -> {
            ws.onConnect(ctx -> {
                Principal principal = ctx.attribute(PRINCIPAL);
                ctx.session.setIdleTimeout(java.time.Duration.ofSeconds(90));
                ctx.enableAutomaticPings(30, TimeUnit.SECONDS);
                SocketClient client = new SocketClient(ctx, principal, orbitr, jobs, timer, encoder, groups);
                Credentials opened = ctx.attribute(CREDENTIALS);
                if (opened != null) {
                    credentials.put(ctx.sessionId(), opened);
                }
                clients.put(ctx.sessionId(), client);
            });
            ws.onMessage(ctx -> {
                SocketClient client = clients.get(ctx.sessionId());
                if (client != null) {
                    client.receive(ctx.message());
                }
            });
            ws.onBinaryMessage(ctx -> {
                SocketClient client = clients.get(ctx.sessionId());
                if (client != null) {
                    client.error("binary messages are not understood; send JSON text", Optional.empty());
                }
            });
            ws.onClose(ctx -> closed(ctx));
            ws.onError(ctx -> {
                log.debug("WebSocket {} failed: {}", ctx.sessionId(), String.valueOf(ctx.error()));
                closed(ctx);
            });
        });
    }

    private void closed(WsContext ctx) {
        credentials.remove(ctx.sessionId());
        SocketClient client = clients.remove(ctx.sessionId());
        if (client != null) {
            client.release();
        }
    }

    private void handshake(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin != null && !allowedOrigins.contains(origin) && !sameOrigin(origin, ctx.host())) {
            throw new ForbiddenResponse("WebSocket origin " + origin + " is not allowed");
        }
        Optional<Principal> principal;
        try {
            principal = authenticator.authenticate(ctx::header, ctx::cookie);
        } catch (ApiException e) {
            throw new UnauthorizedResponse(e.getMessage());
        }
        ctx.attribute(CREDENTIALS, new Credentials(Optional.ofNullable(ctx.header("Authorization")),
                Optional.ofNullable(ctx.cookie(Authenticator.SESSION_COOKIE))));
        ctx.attribute(PRINCIPAL, principal.orElseThrow(() ->
                new UnauthorizedResponse("authentication required: a session cookie or 'Authorization: Bearer'")));
    }

    private static boolean sameOrigin(String origin, String host) {
        try {
            URI uri = URI.create(origin);
            if (uri.getHost() == null || host == null) {
                return false;
            }
            String authority = uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
            return authority.equalsIgnoreCase(host) || (uri.getPort() < 0 && uri.getHost().equalsIgnoreCase(host));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Checks every connection's credentials again, soon, off the caller's thread: a removed or expired token, a
     * removed account or an ended session closes the connections opened with it (1008, policy violation).
     */
    void recheck() {
        // Not on the timer thread: it flushes log batches, and the check reads the store once per connection.
        java.util.concurrent.CompletableFuture.runAsync(this::recheckNow).exceptionally(e -> {
            log.warn("checking the WebSocket connections' credentials failed: {}", e.toString());
            return null;
        });
    }

    private void recheckNow() {
        for (Map.Entry<String, Credentials> entry : credentials.entrySet()) {
            Credentials held = entry.getValue();
            boolean valid;
            try {
                valid = authenticator.authenticate(name -> name.equals("Authorization")
                        ? held.authorization().orElse(null) : null, name -> held.session().orElse(null)).isPresent();
            } catch (ApiException e) {
                valid = false;
            } catch (RuntimeException e) {
                log.debug("could not check a WebSocket's credentials: {}", e.toString());
                continue;
            }
            SocketClient client = clients.get(entry.getKey());
            if (!valid && client != null) {
                log.info("closing a WebSocket whose credentials were revoked or expired");
                try {
                    client.close(1008, "the credentials of this connection were revoked or expired");
                } catch (OrbitrException | IllegalStateException e) {
                    log.debug("closing a WebSocket failed: {}", e.toString());
                }
            }
        }
    }

    /** @return how many clients are connected */
    int clients() {
        return clients.size();
    }

    /**
     * Closes every connection with a reason (1001, going away).
     *
     * @param reason what the clients are told
     */
    void closeAll(String reason) {
        for (SocketClient client : clients.values()) {
            try {
                client.close(1001, reason);
            } catch (OrbitrException | IllegalStateException e) {
                log.debug("closing a WebSocket failed: {}", e.toString());
            }
        }
    }

    /** @return a log line as the protocol sends it */
    static Map<String, Object> line(LogLine line) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", line.id());
        out.put("ts", line.timestamp().toString());
        out.put("stream", line.stream().name().toLowerCase(java.util.Locale.ROOT));
        out.put("text", line.text());
        return out;
    }
}
