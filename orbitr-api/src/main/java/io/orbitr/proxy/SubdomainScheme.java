package io.orbitr.proxy;

import io.orbitr.InvalidValueException;
import java.util.Locale;

/**
 * How a route whose host is a single label (for example {@code grafana}) is placed under the default domain. A host
 * with a dot is always taken as a full domain of its own.
 */
public enum SubdomainScheme {
    /** {@code grafana} becomes the host {@code grafana.example.com}: needs a wildcard DNS record. */
    SUBDOMAIN,
    /**
     * {@code grafana} becomes the path {@code example.com/grafana} (stripped before forwarding): one DNS name for
     * everything, for apps that work under a path. Applies to HTTP and HTTPS routes; TCP and UDP routes still use
     * the subdomain form.
     */
    PATH;

    /** @return the lowercase name used in JSON: {@code subdomain} or {@code path} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param id a scheme's lowercase name
     * @return the scheme
     * @throws InvalidValueException naming {@code subdomainScheme} when the name is unknown
     */
    public static SubdomainScheme of(String id) {
        for (SubdomainScheme scheme : values()) {
            if (scheme.id().equals(id)) {
                return scheme;
            }
        }
        throw new InvalidValueException("subdomainScheme", id, "must be subdomain or path");
    }

    @Override
    public String toString() {
        return id();
    }
}
