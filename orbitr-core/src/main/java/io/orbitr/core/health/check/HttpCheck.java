package io.orbitr.core.health.check;

import io.orbitr.health.AsyncHealthCheck;
import io.orbitr.health.HealthResult;
import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import javax.net.ssl.SSLException;

/**
 * One {@code http} check. Immutable; its request is built once and reused for every run. Plain-HTTP requests go
 * through the shared {@link HttpEngine}, HTTPS requests through the JDK's client ({@link HttpClients}); redirects
 * from HTTP are followed here (at most {@value #MAX_REDIRECTS}), from HTTPS by the JDK's client.
 */
final class HttpCheck implements AsyncHealthCheck {
    private static final int MAX_REDIRECTS = 5;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final Set<String> RETRY_SAFE = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");

    /** What came back, from either transport. */
    private record Reply(int status, URI uri, byte[] body, String contentType) {
    }

    private final HttpCheckProvider.Transports transports;
    private final URI uri;
    private final String method;
    private final byte[] body;
    private final Map<String, String> headers;
    private final StatusCodes expected;
    private final HttpCheckProvider.BodyRule rule;
    private final int maxBody;
    private final boolean followRedirects;
    private final boolean verifyTls;
    private final Duration defaultTimeout;
    /** The plain-HTTP request, head and body, ready to write. */
    private final byte[] plainRequest;
    /** The target's address when its host is an IP literal, resolved once; otherwise null. */
    private final CompletableFuture<java.net.InetSocketAddress> literalAddress;
    /** The HTTPS request with the last timeout asked for; a target's timeout rarely changes. */
    private volatile HttpRequest timed;

    HttpCheck(HttpCheckProvider.Transports transports, URI uri, String method, byte[] body,
            Map<String, String> headers, StatusCodes expected, HttpCheckProvider.BodyRule rule, int maxBody,
            boolean followRedirects, boolean verifyTls, Duration defaultTimeout) {
        this.transports = transports;
        this.uri = uri;
        this.method = method;
        this.body = body;
        this.headers = headers;
        this.expected = expected;
        this.rule = rule;
        this.maxBody = maxBody;
        this.followRedirects = followRedirects;
        this.verifyTls = verifyTls;
        this.defaultTimeout = defaultTimeout;
        this.plainRequest = transports.viaJdk(uri) ? new byte[0] : requestBytes(method, uri, headers, body);
        CompletableFuture<java.net.InetSocketAddress> resolved = transports.resolve(uri);
        this.literalAddress = resolved.isDone() && !resolved.isCompletedExceptionally() ? resolved : null;
    }

    @Override
    public CompletableFuture<HealthResult> start(Duration timeout) {
        CompletableFuture<HealthResult> result = new CompletableFuture<>();
        CompletableFuture<Reply> reply = transports.viaJdk(uri) ? viaJdk(uri, method, body, timeout)
                : viaEngine(uri, method, plainRequest, timeout, 0);
        Futures.cancelWith(result, reply);
        if (rule.needsBody()) {
            // Searching a large body may take a while: not on an I/O thread.
            reply.whenCompleteAsync((answer, error) -> complete(result, answer, error), ForkJoinPool.commonPool());
        } else {
            reply.whenComplete((answer, error) -> complete(result, answer, error));
        }
        return result;
    }

    @Override
    public Duration defaultTimeout() {
        return defaultTimeout;
    }

    private CompletableFuture<Reply> viaEngine(URI target, String verb, byte[] request, Duration timeout, int hops) {
        CompletableFuture<java.net.InetSocketAddress> address = target == uri && literalAddress != null
                ? literalAddress : transports.resolve(target);
        if (address.isDone() && !address.isCompletedExceptionally()) {
            return send(target, verb, request, timeout, hops, address.join());
        }
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        address.whenComplete((resolved, error) -> {
            if (error != null) {
                reply.completeExceptionally(error);
            } else if (!reply.isDone()) {
                relay(send(target, verb, request, timeout, hops, resolved), reply);
            }
        });
        return reply;
    }

    private CompletableFuture<Reply> send(URI target, String verb, byte[] request, Duration timeout, int hops,
            java.net.InetSocketAddress resolved) {
        CompletableFuture<HttpEngine.Answer> sent = transports.engine().send(new HttpEngine.Request(resolved,
                request, verb.equals("HEAD"), rule.needsBody() ? maxBody : 0, RETRY_SAFE.contains(verb)));
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        Futures.cancelWith(reply, sent);
        sent.whenComplete((answer, failure) -> {
            if (failure != null) {
                reply.completeExceptionally(failure);
            } else if (followRedirects && REDIRECTS.contains(answer.status()) && !answer.location().isEmpty()) {
                redirect(target, verb, answer, timeout, hops, reply);
            } else {
                reply.complete(new Reply(answer.status(), target, answer.body(), answer.contentType()));
            }
        });
        return reply;
    }

    /** Completes {@code to} as {@code from} completes; cancelling {@code to} cancels {@code from}. */
    private static void relay(CompletableFuture<Reply> from, CompletableFuture<Reply> to) {
        Futures.cancelWith(to, from);
        from.whenComplete((value, failure) -> {
            if (failure != null) {
                to.completeExceptionally(failure);
            } else {
                to.complete(value);
            }
        });
    }

    private void redirect(URI from, String verb, HttpEngine.Answer answer, Duration timeout, int hops,
            CompletableFuture<Reply> reply) {
        if (hops >= MAX_REDIRECTS) {
            reply.completeExceptionally(new java.io.IOException("more than " + MAX_REDIRECTS + " redirects"));
            return;
        }
        URI next;
        try {
            next = from.resolve(answer.location().trim());
        } catch (IllegalArgumentException e) {
            reply.completeExceptionally(new java.io.IOException("a bad redirect to " + answer.location()));
            return;
        }
        // As browsers and the JDK do: 303, and 301/302 after a POST, continue as GET without the body.
        boolean asGet = answer.status() == 303 || (answer.status() <= 302 && verb.equals("POST"));
        String nextVerb = asGet ? "GET" : verb;
        byte[] nextBody = asGet ? new byte[0] : body;
        CompletableFuture<Reply> onward = transports.viaJdk(next) ? viaJdk(next, nextVerb, nextBody, timeout)
                : viaEngine(next, nextVerb, requestBytes(nextVerb, next, headers, nextBody), timeout, hops + 1);
        relay(onward, reply);
    }

    private CompletableFuture<Reply> viaJdk(URI target, String verb, byte[] payload, Duration timeout) {
        HttpRequest request = target.equals(uri) && verb.equals(method) ? jdkRequest(timeout)
                : jdkRequest(target, verb, payload, timeout);
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        CompletableFuture<HttpResponse<byte[]>> sent = transports.jdk().send(request,
                BoundedBody.handler(rule.needsBody() ? maxBody : 0), followRedirects, verifyTls);
        Futures.cancelWith(reply, sent);
        sent.whenComplete((response, failure) -> {
            if (failure != null) {
                reply.completeExceptionally(failure);
            } else {
                reply.complete(new Reply(response.statusCode(), response.uri(), response.body(),
                        response.headers().firstValue("content-type").orElse("")));
            }
        });
        return reply;
    }

    private HttpRequest jdkRequest(Duration timeout) {
        HttpRequest last = timed;
        if (last != null && last.timeout().orElse(Duration.ZERO).equals(timeout)) {
            return last;
        }
        HttpRequest fresh = jdkRequest(uri, method, body, timeout);
        timed = fresh;
        return fresh;
    }

    private HttpRequest jdkRequest(URI target, String verb, byte[] payload, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(target).timeout(timeout).method(verb,
                payload.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(payload));
        headers.forEach(builder::header);
        return builder.build();
    }

    private void complete(CompletableFuture<HealthResult> result, Reply reply, Throwable error) {
        try {
            result.complete(error != null ? failure(error) : judge(reply));
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    private HealthResult judge(Reply reply) {
        int code = reply.status();
        HealthResult verdict;
        if (!expected.accepts(code)) {
            verdict = HealthResult.down("HTTP " + code + ", expected " + expected);
        } else if (rule.needsBody()) {
            boolean found = rule.found(new String(reply.body(), charset(reply.contentType())));
            if (found == rule.invert()) {
                verdict = HealthResult.down("HTTP " + code + ", but " + rule.describe()
                        + (rule.invert() ? " found" : " not found"));
            } else {
                verdict = HealthResult.up("HTTP " + code + ", " + rule.describe()
                        + (rule.invert() ? " absent" : " found"));
            }
        } else {
            verdict = HealthResult.up("HTTP " + code);
        }
        verdict = verdict.withDetail("statusCode", code);
        if (!reply.uri().equals(uri)) {
            verdict = verdict.withDetail("finalUrl", reply.uri().toString());
        }
        return verdict;
    }

    private static Charset charset(String contentType) {
        for (String part : contentType.split(";")) {
            String trimmed = part.trim();
            if (trimmed.regionMatches(true, 0, "charset=", 0, 8)) {
                try {
                    return Charset.forName(trimmed.substring(8).replace("\"", ""));
                } catch (RuntimeException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private HealthResult failure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String where = uri.getHost() + ":" + port(uri);
        String message;
        if (cause instanceof HttpConnectTimeoutException) {
            message = "connect to " + where + " timed out";
        } else if (cause instanceof HttpTimeoutException) {
            message = "no response from " + where + " in time";
        } else if (cause instanceof ConnectException) {
            message = "cannot connect to " + where + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        } else if (cause instanceof SSLException) {
            message = "TLS with " + where + " failed: " + cause.getMessage();
        } else if (cause instanceof java.net.UnknownHostException) {
            message = "cannot resolve " + uri.getHost();
        } else {
            message = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        }
        return HealthResult.down(message);
    }

    static boolean isHttps(URI target) {
        return "https".equalsIgnoreCase(target.getScheme());
    }

    static int port(URI target) {
        return target.getPort() != -1 ? target.getPort() : isHttps(target) ? 443 : 80;
    }

    /** Builds a plain HTTP/1.1 request: the head with Host and our headers, then the body. */
    static byte[] requestBytes(String verb, URI target, Map<String, String> headers, byte[] payload) {
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        if (target.getRawQuery() != null) {
            path += "?" + target.getRawQuery();
        }
        StringBuilder head = new StringBuilder(128 + 64 * headers.size());
        head.append(verb).append(' ').append(path).append(" HTTP/1.1\r\nHost: ").append(target.getHost());
        if (target.getPort() != -1 && target.getPort() != 80) {
            head.append(':').append(target.getPort());
        }
        head.append("\r\nUser-Agent: orbitr-health\r\nAccept: */*\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (payload.length > 0 || Set.of("POST", "PUT", "PATCH").contains(verb)) {
            head.append("Content-Length: ").append(payload.length).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + payload.length);
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(payload);
        return out.toByteArray();
    }
}
