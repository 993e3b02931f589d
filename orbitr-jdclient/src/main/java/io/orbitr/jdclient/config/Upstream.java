package io.orbitr.jdclient.config;

import java.util.Objects;

/**
 * One {@code [[upstreams]]} entry: a pool and its Job Declarator Server. The order of a configuration's upstreams
 * is the fallback priority.
 *
 * @param authorityPubkey the POOL's authority public key (not this instance's)
 * @param poolAddress     the pool's IP or host name
 * @param poolPort        the pool's port
 * @param jdsAddress      the Job Declarator Server's IP or host name
 * @param jdsPort         the Job Declarator Server's port
 * @param userIdentity    the identity this instance mines under at the pool; required, may be empty
 */
public record Upstream(String authorityPubkey, String poolAddress, int poolPort, String jdsAddress, int jdsPort,
        String userIdentity) {

    /** Refuses nulls; values are checked by {@link ConfigValidator}. */
    public Upstream {
        Objects.requireNonNull(authorityPubkey, "authorityPubkey");
        Objects.requireNonNull(poolAddress, "poolAddress");
        Objects.requireNonNull(jdsAddress, "jdsAddress");
        Objects.requireNonNull(userIdentity, "userIdentity");
    }
}
