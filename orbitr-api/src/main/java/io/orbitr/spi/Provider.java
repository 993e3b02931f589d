package io.orbitr.spi;

import io.orbitr.store.Migration;
import java.util.List;

/**
 * The common face of every Orbitr plug-in. A provider is found by {@link java.util.ServiceLoader} (listed in
 * {@code META-INF/services/<its SPI interface>}) or registered explicitly with the platform's builder, which wins
 * over discovery.
 *
 * <p>Constructors must be cheap and must not touch the outside world: the platform instantiates every provider it
 * finds, even ones the host never uses. Heavy work belongs in {@link #start(ProviderContext)}.
 *
 * <p>New methods arrive as {@code default} methods, so plug-ins written against an older Orbitr keep compiling.
 */
public interface Provider {

    /**
     * @return this provider's stable id, unique among the providers of one SPI: lowercase letters, digits and
     *     {@code -} (for example {@code docker}, {@code http}, {@code traefik})
     */
    String id();

    /**
     * Schema migrations for tables this provider owns, applied in version order when the platform starts and
     * recorded under this provider's {@link #id()}.
     *
     * @return the provider's migrations, none by default
     */
    default List<Migration> migrations() {
        return List.of();
    }

    /**
     * Called once when the platform starts, after the store is open and migrated.
     *
     * @param context what the platform hands to its providers
     */
    default void start(ProviderContext context) {
    }

    /** Called once when the platform closes; must release every thread, stream and connection it holds. */
    default void stop() {
    }
}
