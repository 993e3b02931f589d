package io.orbitr.core.health.check;

import io.orbitr.health.AsyncHealthCheck;
import io.orbitr.health.HealthResult;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import javax.net.ssl.SSLException;

/** One {@code http} check: immutable; its request is built once and reused for every run. */
final class HttpCheck implements AsyncHealthCheck {
    private final HttpClients clients;
    private final HttpRequest request;
    private final StatusCodes expected;
    private final HttpCheckProvider.BodyRule rule;
    private final int maxBody;
    private final boolean followRedirects;
    private final boolean verifyTls;
    private final Duration defaultTimeout;
    /** The request with the last timeout asked for; a target's timeout rarely changes, so this is nearly free. */
    private volatile HttpRequest timed;

    HttpCheck(HttpClients clients, HttpRequest request, StatusCodes expected, HttpCheckProvider.BodyRule rule,
            int maxBody, boolean followRedirects, boolean verifyTls, Duration defaultTimeout) {
        this.clients = clients;
        this.request = request;
        this.expected = expected;
        this.rule = rule;
        this.maxBody = maxBody;
        this.followRedirects = followRedirects;
        this.verifyTls = verifyTls;
        this.defaultTimeout = defaultTimeout;
    }

    @Override
    public CompletableFuture<HealthResult> start(Duration timeout) {
        HttpRequest withTimeout = requestWith(timeout);
        CompletableFuture<HealthResult> result = new CompletableFuture<>();
        CompletableFuture<?> exchange;
        if (rule.needsBody()) {
            CompletableFuture<HttpResponse<byte[]>> sent = clients.send(withTimeout, BoundedBody.handler(maxBody),
                    followRedirects, verifyTls);
            // Searching a large body may take a while: not on the client's selector thread.
            sent.whenCompleteAsync((response, error) -> complete(result, response, error), ForkJoinPool.commonPool());
            exchange = sent;
        } else {
            CompletableFuture<HttpResponse<Void>> sent = clients.send(withTimeout,
                    HttpResponse.BodyHandlers.discarding(), followRedirects, verifyTls);
            sent.whenComplete((response, error) -> complete(result, response, error));
            exchange = sent;
        }
        result.whenComplete((value, error) -> {
            if (result.isCancelled()) {
                exchange.cancel(true);
            }
        });
        return result;
    }

    @Override
    public Duration defaultTimeout() {
        return defaultTimeout;
    }

    private HttpRequest requestWith(Duration timeout) {
        HttpRequest last = timed;
        if (last != null && last.timeout().orElse(Duration.ZERO).equals(timeout)) {
            return last;
        }
        HttpRequest fresh = HttpRequest.newBuilder(request, (name, value) -> true).timeout(timeout).build();
        timed = fresh;
        return fresh;
    }

    private void complete(CompletableFuture<HealthResult> result, HttpResponse<?> response, Throwable error) {
        try {
            result.complete(error != null ? failure(error) : judge(response));
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    private HealthResult judge(HttpResponse<?> response) {
        int code = response.statusCode();
        HealthResult verdict;
        if (!expected.accepts(code)) {
            verdict = HealthResult.down("HTTP " + code + ", expected " + expected);
        } else if (rule.needsBody()) {
            String body = new String((byte[]) response.body(), charset(response));
            boolean found = rule.found(body);
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
        if (!response.uri().equals(request.uri())) {
            verdict = verdict.withDetail("finalUrl", response.uri().toString());
        }
        return verdict;
    }

    private static Charset charset(HttpResponse<?> response) {
        return response.headers().firstValue("content-type").flatMap(type -> {
            for (String part : type.split(";")) {
                String trimmed = part.trim();
                if (trimmed.regionMatches(true, 0, "charset=", 0, 8)) {
                    try {
                        return java.util.Optional.of(Charset.forName(trimmed.substring(8).replace("\"", "")));
                    } catch (RuntimeException e) {
                        return java.util.Optional.empty();
                    }
                }
            }
            return java.util.Optional.empty();
        }).orElse(StandardCharsets.UTF_8);
    }

    private HealthResult failure(Throwable error) {
        String where = request.uri().getHost() + ":" + port();
        String message;
        if (error instanceof HttpConnectTimeoutException) {
            message = "connect to " + where + " timed out";
        } else if (error instanceof HttpTimeoutException) {
            message = "no response from " + where + " in time";
        } else if (error instanceof ConnectException) {
            message = "cannot connect to " + where + (error.getMessage() == null ? "" : ": " + error.getMessage());
        } else if (error instanceof SSLException) {
            message = "TLS with " + where + " failed: " + error.getMessage();
        } else {
            message = error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
        }
        return HealthResult.down(message);
    }

    private int port() {
        int port = request.uri().getPort();
        return port != -1 ? port : request.uri().getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }
}
