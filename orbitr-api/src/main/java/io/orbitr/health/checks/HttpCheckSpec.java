package io.orbitr.health.checks;

import io.orbitr.health.CheckSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An {@code http} check, typed: requests a URL and judges the status code and, optionally, the body.
 *
 * <pre>{@code
 * CheckSpec spec = HttpCheckSpec.url("http://127.0.0.1:8080/health").expectStatus("200-299")
 *         .timeout(Duration.ofSeconds(5)).toSpec();
 * }</pre>
 */
public final class HttpCheckSpec {
    private final Map<String, Object> options;

    private HttpCheckSpec(Map<String, Object> options) {
        this.options = options;
    }

    /**
     * @param url an absolute {@code http} or {@code https} URL
     * @return a check of that URL, expecting 200-399 by default
     */
    public static HttpCheckSpec url(String url) {
        return new HttpCheckSpec(SpecOptions.of("url", url));
    }

    /**
     * @param method GET (default), HEAD, POST, PUT, PATCH, DELETE or OPTIONS
     * @return a copy with that method
     */
    public HttpCheckSpec method(String method) {
        return with("method", method);
    }

    /**
     * @param body the request body
     * @return a copy that sends it
     */
    public HttpCheckSpec body(String body) {
        return with("body", body);
    }

    /**
     * @param codes accepted codes and ranges, for example {@code 200-299,301}
     * @return a copy that accepts them (default 200-399)
     */
    public HttpCheckSpec expectStatus(String codes) {
        return with("expected-status", codes);
    }

    /**
     * @param keyword text the body must contain
     * @return a copy that searches the body for it
     */
    public HttpCheckSpec keyword(String keyword) {
        return with("keyword", keyword);
    }

    /**
     * @param regex a regular expression the body must contain a match of
     * @return a copy that searches the body for it
     */
    public HttpCheckSpec regex(String regex) {
        return with("regex", regex);
    }

    /** @return a copy in which finding the keyword or pattern fails the check */
    public HttpCheckSpec invert() {
        return with("invert", true);
    }

    /**
     * @param bytes how much of the body is searched (default 1 MiB)
     * @return a copy with that bound
     */
    public HttpCheckSpec maxBody(long bytes) {
        return with("max-body", bytes);
    }

    /**
     * @param name  a request header's name
     * @param value its value
     * @return a copy that sends it, with the headers given before
     */
    @SuppressWarnings("unchecked")
    public HttpCheckSpec header(String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>((Map<String, String>) options.getOrDefault("headers",
                Map.of()));
        headers.put(name, value);
        return with("headers", java.util.Collections.unmodifiableMap(headers));
    }

    /**
     * @param follow whether redirects are followed (default true, at most 5)
     * @return a copy with that setting
     */
    public HttpCheckSpec followRedirects(boolean follow) {
        return with("follow-redirects", follow);
    }

    /**
     * @param verify whether the server's TLS certificate is verified (default true)
     * @return a copy with that setting
     */
    public HttpCheckSpec verifyTls(boolean verify) {
        return with("verify-tls", verify);
    }

    /**
     * @param timeout the bound when the check is run directly rather than by the monitor (default 48 s)
     * @return a copy with that bound
     */
    public HttpCheckSpec timeout(Duration timeout) {
        return with("timeout", timeout.toMillis());
    }

    /** @return the spec, as a host could have written it by hand */
    public CheckSpec toSpec() {
        return new CheckSpec("http", options);
    }

    private HttpCheckSpec with(String name, Object value) {
        return new HttpCheckSpec(SpecOptions.with(options, name, value));
    }
}
