package io.orbitr.proxy;

import java.util.Objects;

/**
 * Settings shared by every route of one proxy.
 *
 * @param defaultDomain the domain under which subdomain routes live
 * @param acmeEmail     the ACME account email, empty for none
 */
public record ProxySettings(String defaultDomain, String acmeEmail) {

    /** Refuses nulls. */
    public ProxySettings {
        Objects.requireNonNull(defaultDomain, "defaultDomain");
        Objects.requireNonNull(acmeEmail, "acmeEmail");
    }
}
