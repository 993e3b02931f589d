package io.orbitr.spi;

/**
 * A provider that adds a whole feature to the platform, reachable by its public type, for example the jd-client
 * module's {@code InstanceManager}. The host asks the platform for the type; the platform creates the feature once,
 * when it starts, and stops it when it closes.
 *
 * @param <T> the feature's public entry type
 */
public interface FeatureProvider<T> extends Provider {

    /** @return the feature's public entry type, under which hosts and other providers look it up */
    Class<T> type();

    /**
     * Creates the feature. Called once, after {@link #start(ProviderContext)}, whether the platform or another
     * provider's {@code start()} asks for it first. One exception: when this provider's own {@code start()} looks up,
     * directly or through other providers, something that needs this feature, it is created while that
     * {@code start()} is still running.
     *
     * @param context what the platform hands to its providers
     * @return the feature
     */
    T create(ProviderContext context);
}
