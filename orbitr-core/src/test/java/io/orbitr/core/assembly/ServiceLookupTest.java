package io.orbitr.core.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.MissingProviderException;
import io.orbitr.backup.Backups;
import io.orbitr.core.Orbitr;
import io.orbitr.engine.Engines;
import io.orbitr.extension.ExtensionManager;
import io.orbitr.process.ProcessSupervisor;
import io.orbitr.proxy.ProxyManager;
import io.orbitr.secret.SecretBox;
import io.orbitr.spi.FeatureProvider;
import io.orbitr.spi.ProviderContext;
import io.orbitr.store.Store;
import io.orbitr.stream.StreamHub;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Providers find the platform's services, and each other's features, in start(), whatever order they start in. */
@Timeout(60)
class ServiceLookupTest {

    @TempDir
    Path dir;

    /** What each provider found in its start(), by provider id. */
    private final Map<String, List<String>> found = new ConcurrentHashMap<>();
    private final List<String> started = new ArrayList<>();

    @Test
    void providersFindEachOtherAndThePlatformServicesInStartWhicheverStartsFirst() {
        for (boolean alphaFirst : new boolean[] {true, false}) {
            found.clear();
            started.clear();
            FeatureProvider<?> alpha = new Peer<>("alpha", Alpha.class, Beta.class, () -> new Alpha() { });
            FeatureProvider<?> beta = new Peer<>("beta", Beta.class, Alpha.class, () -> new Beta() { });
            try (Orbitr orbitr = Orbitr.builder().noDiscovery().inMemoryStore()
                    .dataDirectory(dir.resolve(alphaFirst ? "a" : "b"))
                    .register(alphaFirst ? new FeatureProvider<?>[] {alpha, beta}
                            : new FeatureProvider<?>[] {beta, alpha}).build()) {
                List<String> expected = List.of("peer", Store.class.getSimpleName(), SecretBox.class.getSimpleName(),
                        ProcessSupervisor.class.getSimpleName(), Engines.class.getSimpleName(),
                        ProxyManager.class.getSimpleName(), StreamHub.class.getSimpleName(),
                        Backups.class.getSimpleName(), "HealthMonitor", ExtensionManager.class.getSimpleName());
                assertThat(found.get("alpha")).as("alpha first: %s", alphaFirst).containsExactlyElementsOf(expected);
                assertThat(found.get("beta")).as("alpha first: %s", alphaFirst).containsExactlyElementsOf(expected);
                assertThat(started).as("each provider starts once").containsExactlyInAnyOrder("alpha", "beta");
                assertThat(orbitr.feature(Alpha.class)).isNotNull();
                assertThat(orbitr.lookup(StreamHub.class)).containsSame(orbitr.streams());
                assertThat(orbitr.lookup(ProxyManager.class)).containsSame(orbitr.proxies());
                assertThat(orbitr.lookup(healthType(orbitr))).containsSame(orbitr.health());
            }
        }
    }

    @Test
    void aServiceThePlatformDoesNotOfferIsNamedWithTheOnesItDoesInsteadOfAdvisingAJarThatIsThere() {
        try (Orbitr orbitr = Orbitr.builder().noDiscovery().inMemoryStore().dataDirectory(dir).build()) {
            assertThatThrownBy(() -> orbitr.feature(io.orbitr.health.HealthCheck.class))
                    .isInstanceOf(MissingProviderException.class)
                    .hasMessageStartingWith("no platform service io.orbitr.health.HealthCheck")
                    .hasMessageContaining(StreamHub.class.getName())
                    .hasMessageNotContaining("add io.orbitr:orbitr-core");
        }
    }

    @SuppressWarnings("unchecked")
    private static Class<Object> healthType(Orbitr unused) {
        // Whatever type health() is declared with: the platform registers the monitor under it.
        try {
            return (Class<Object>) Orbitr.class.getMethod("health").getReturnType();
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    /** Feature types of the two test providers. */
    interface Alpha {
    }

    /** Feature types of the two test providers. */
    interface Beta {
    }

    /** A provider whose start() looks up its peer's feature and every platform service. */
    private final class Peer<T> implements FeatureProvider<T> {
        private final String id;
        private final Class<T> type;
        private final Class<?> peer;
        private final java.util.function.Supplier<T> factory;

        Peer(String id, Class<T> type, Class<?> peer, java.util.function.Supplier<T> factory) {
            this.id = id;
            this.type = type;
            this.peer = peer;
            this.factory = factory;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Class<T> type() {
            return type;
        }

        @Override
        public void start(ProviderContext context) {
            synchronized (started) {
                started.add(id);
            }
            List<String> seen = new ArrayList<>();
            seen.add(context.lookup(peer).map(p -> "peer").orElse("no peer"));
            for (Class<?> service : List.of(Store.class, SecretBox.class, ProcessSupervisor.class, Engines.class,
                    ProxyManager.class, StreamHub.class, Backups.class, healthType(null), ExtensionManager.class)) {
                Optional<?> instance = context.lookup(service);
                seen.add(instance.isPresent() ? service.getSimpleName() : "missing " + service.getName());
            }
            found.put(id, seen);
        }

        @Override
        public T create(ProviderContext context) {
            return factory.get();
        }
    }
}
