package io.orbitr.jdclient.update;

import java.net.http.HttpClient;
import java.util.function.Supplier;

/** One HTTP client, created by the first caller that needs it. Thread-safe. */
final class LazyHttpClient implements Supplier<HttpClient> {
    private final Supplier<HttpClient> factory;
    private volatile HttpClient client;

    LazyHttpClient(Supplier<HttpClient> factory) {
        this.factory = factory;
    }

    @Override
    public HttpClient get() {
        HttpClient current = client;
        if (current == null) {
            synchronized (this) {
                current = client;
                if (current == null) {
                    current = factory.get();
                    client = current;
                }
            }
        }
        return current;
    }
}
