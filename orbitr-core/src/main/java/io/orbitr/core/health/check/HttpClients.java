package io.orbitr.core.health.check;

import io.orbitr.OrbitrException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The HTTP clients every HTTP check shares: one per combination of redirect and TLS-verification settings, so
 * thousands of targets reuse a few keep-alive connection pools instead of opening a client (and a selector thread)
 * per check. Each origin (scheme, host, port) has at most {@link #MAX_IN_FLIGHT_PER_ORIGIN} requests in flight;
 * more wait their turn within their own timeout. That keeps the number of pooled connections small (the JDK's pool
 * slows down as it grows) and spares a struggling server from a pile-up of probes. Thread-safe.
 */
final class HttpClients {
    /** Requests in flight per origin; enough for many targets on one server, few enough to keep pools small. */
    static final int MAX_IN_FLIGHT_PER_ORIGIN = 32;
    /** Completions run on the client's own selector thread: our handlers only record a result and never block. */
    private static final Executor DIRECT = Runnable::run;

    private final Map<Integer, HttpClient> clients = new ConcurrentHashMap<>();
    private final Map<String, OriginGate> gates = new ConcurrentHashMap<>();

    /**
     * Sends a request through the shared client for its settings, waiting for a free slot of its origin first.
     * Cancelling the returned future cancels the exchange (or its place in the queue).
     *
     * @param request         the request
     * @param handler         how to read the body
     * @param followRedirects whether to follow redirects
     * @param verifyTls       whether to verify the server's certificate and host name
     * @param <T>             the body type
     * @return the response
     */
    <T> CompletableFuture<HttpResponse<T>> send(HttpRequest request, HttpResponse.BodyHandler<T> handler,
            boolean followRedirects, boolean verifyTls) {
        HttpClient client = client(followRedirects, verifyTls);
        OriginGate gate = gates.computeIfAbsent(origin(request.uri()), key -> new OriginGate());
        CompletableFuture<HttpResponse<T>> result = new CompletableFuture<>();
        gate.enter(() -> {
            if (result.isDone()) {
                // Cancelled (timed out) while it waited for a slot.
                gate.leave();
                return;
            }
            CompletableFuture<HttpResponse<T>> exchange;
            try {
                exchange = client.sendAsync(request, handler);
            } catch (RuntimeException e) {
                gate.leave();
                result.completeExceptionally(e);
                return;
            }
            exchange.whenComplete((response, error) -> {
                gate.leave();
                if (error != null) {
                    result.completeExceptionally(error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error);
                } else {
                    result.complete(response);
                }
            });
            // Since JDK 16 cancelling the exchange aborts it and closes its connection.
            Futures.cancelWith(result, exchange);
        });
        return result;
    }

    private HttpClient client(boolean followRedirects, boolean verifyTls) {
        int key = (followRedirects ? 1 : 0) | (verifyTls ? 2 : 0);
        return clients.computeIfAbsent(key, k -> {
            HttpClient.Builder builder = HttpClient.newBuilder().executor(DIRECT)
                    .version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(followRedirects ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER);
            if (!verifyTls) {
                builder.sslContext(trustingEverything());
            }
            return builder.build();
        });
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    }

    /**
     * A context that accepts any certificate for any host name: an extended trust manager that checks nothing is
     * also where the JDK would check the host name, so both checks are off, as the user asked for this target only.
     */
    private static SSLContext trustingEverything() {
        X509ExtendedTrustManager acceptAll = new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {acceptAll}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new OrbitrException("cannot create a TLS context without verification: " + e.getMessage(), e);
        }
    }

    /** Admits at most {@link #MAX_IN_FLIGHT_PER_ORIGIN} requests at a time; the rest wait in arrival order. */
    private static final class OriginGate {
        private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
        private int inFlight;

        void enter(Runnable start) {
            synchronized (this) {
                if (inFlight >= MAX_IN_FLIGHT_PER_ORIGIN) {
                    waiting.add(start);
                    return;
                }
                inFlight++;
            }
            start.run();
        }

        void leave() {
            Runnable next;
            synchronized (this) {
                next = waiting.poll();
                if (next == null) {
                    inFlight--;
                }
            }
            if (next != null) {
                next.run();
            }
        }
    }
}
