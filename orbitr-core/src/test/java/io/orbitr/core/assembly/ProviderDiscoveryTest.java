package io.orbitr.core.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.MissingProviderException;
import io.orbitr.OrbitrException;
import io.orbitr.core.Orbitr;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.proxy.ProxyGenerator;
import io.orbitr.proxy.ProxySettings;
import io.orbitr.spi.FeatureProvider;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderDiscoveryTest {

    @TempDir
    Path dir;

    private Orbitr build(ClassLoader loader, io.orbitr.spi.Provider... explicit) {
        return Orbitr.builder().classLoader(loader).inMemoryStore().dataDirectory(dir.resolve("data"))
                .register(explicit).build();
    }

    @Test
    void findsProvidersListedInServiceFilesOnTheGivenClassLoader() {
        ClassLoader loader = new ServiceDirectory(dir.resolve("cp"))
                .register(ProxyGenerator.class, TestProviders.LineProxy.class).classLoader();
        try (Orbitr orbitr = build(loader)) {
            assertThat(orbitr.proxyGenerator("test-proxy")).isInstanceOf(TestProviders.LineProxy.class);
            assertThat(orbitr.providers().infos())
                    .anySatisfy(info -> {
                        assertThat(info.id()).isEqualTo("test-proxy");
                        assertThat(info.kind()).isEqualTo("proxy generator");
                        assertThat(info.explicit()).isFalse();
                    });
        }
    }

    @Test
    void theOnlyProxyOnTheClassPathIsTheDefaultOfANewStore() {
        ClassLoader loader = new ServiceDirectory(dir.resolve("cp"))
                .register(ProxyGenerator.class, TestProviders.LineProxy.class).classLoader();
        try (Orbitr orbitr = build(loader)) {
            assertThat(orbitr.proxies().settings().provider()).isEqualTo("test-proxy");
        }
        try (Orbitr orbitr = Orbitr.builder().noDiscovery().inMemoryStore().build()) {
            assertThat(orbitr.proxies().settings().provider()).isEqualTo("traefik");
        }
    }

    @Test
    void anUnknownProxyIdListsTheGeneratorsThereAreWithoutAdvisingOneThatIsThere() {
        ClassLoader loader = new ServiceDirectory(dir.resolve("cp"))
                .register(ProxyGenerator.class, TestProviders.LineProxy.class).classLoader();
        try (Orbitr orbitr = build(loader)) {
            assertThatThrownBy(() -> orbitr.proxyGenerator("nginx")).isInstanceOf(MissingProviderException.class)
                    .hasMessage("no proxy generator 'nginx'; available: test-proxy; for another proxy generator, "
                            + "add a jar that provides it (see README: Reverse proxy)");
        }
    }

    @Test
    void explicitlyRegisteredProviderWinsOverADiscoveredOneWithTheSameId() {
        ClassLoader loader = new ServiceDirectory(dir.resolve("cp"))
                .register(ProxyGenerator.class, TestProviders.LineProxy.class).classLoader();
        try (Orbitr orbitr = build(loader, new TestProviders.ExplicitProxy())) {
            ProxyGenerator generator = orbitr.proxyGenerator("test-proxy");
            assertThat(generator).isInstanceOf(TestProviders.ExplicitProxy.class);
            assertThat(generator.render(List.of(), ProxySettings.defaults()).orElseThrow().content())
                    .isEqualTo("explicit");
            assertThat(orbitr.providers().infos()).filteredOn(i -> i.id().equals("test-proxy"))
                    .singleElement().satisfies(info -> assertThat(info.explicit()).isTrue());
        }
    }

    @Test
    void twoDiscoveredProvidersWithOneIdFailNamingBothClasses() {
        ClassLoader loader = new ServiceDirectory(dir.resolve("cp"))
                .register(ProxyGenerator.class, TestProviders.LineProxy.class, TestProviders.SameIdProxy.class)
                .classLoader();
        assertThatThrownBy(() -> build(loader))
                .isInstanceOf(OrbitrException.class)
                .hasMessageContaining("'test-proxy'")
                .hasMessageContaining(TestProviders.LineProxy.class.getName())
                .hasMessageContaining(TestProviders.SameIdProxy.class.getName());
    }

    @Test
    void aProviderThatThrowsWhileLoadingIsReportedAndSkipped() {
        ClassLoader loader = new ServiceDirectory(dir.resolve("cp"))
                .register(ProxyGenerator.class, TestProviders.BrokenProxy.class, TestProviders.LineProxy.class)
                .registerName(ProxyGenerator.class, "io.orbitr.example.DoesNotExist")
                .classLoader();
        try (Orbitr orbitr = build(loader)) {
            assertThat(orbitr.proxyGenerator("test-proxy")).isNotNull();
            assertThat(orbitr.providers().problems()).hasSize(2);
            assertThat(orbitr.providers().problems()).anySatisfy(p ->
                    assertThat(p.message()).contains(TestProviders.BrokenProxy.class.getName())
                            .contains("needs a library that is not on the class path"));
            assertThat(orbitr.providers().problems()).anySatisfy(p ->
                    assertThat(p.message()).contains("io.orbitr.example.DoesNotExist"));
        }
    }

    @Test
    void aMissingCapabilityNamesTheModuleToAdd() {
        try (Orbitr orbitr = Orbitr.builder().noDiscovery().inMemoryStore().build()) {
            assertThatThrownBy(orbitr::engine).isInstanceOf(MissingProviderException.class)
                    .hasMessageContaining("io.orbitr:orbitr-docker");
            assertThatThrownBy(() -> orbitr.proxyGenerator("traefik")).isInstanceOf(MissingProviderException.class)
                    .hasMessageContaining("io.orbitr:orbitr-proxy-traefik");
            assertThatThrownBy(() -> orbitr.proxyGenerator("caddy")).isInstanceOf(MissingProviderException.class)
                    .hasMessageContaining("io.orbitr:orbitr-proxy-caddy");
            assertThatThrownBy(() -> orbitr.healthCheck(io.orbitr.health.CheckSpec.of("docker")))
                    .isInstanceOf(MissingProviderException.class).hasMessageContaining("io.orbitr:orbitr-docker");
            assertThat(orbitr.lookup(ContainerEngine.class)).isEmpty();
            assertThatThrownBy(() -> orbitr.feature(io.orbitr.widgets.WidgetManager.class))
                    .isInstanceOf(MissingProviderException.class)
                    .hasMessageContaining("io.orbitr.widgets.WidgetManager")
                    .hasMessageContaining("add io.orbitr:orbitr-widgets");
        }
    }

    @Test
    void featuresAreFoundByTheirType() {
        ClassLoader loader = new ServiceDirectory(dir.resolve("cp"))
                .register(FeatureProvider.class, TestProviders.GreeterFeature.class).classLoader();
        try (Orbitr orbitr = build(loader)) {
            assertThat(orbitr.feature(TestProviders.Greeter.class).greet()).isEqualTo("hello from data");
        }
    }

    @Test
    void aProviderThatFailsToStartStopsTheBuildWithItsName() {
        io.orbitr.spi.Provider failing = new TestProviders.TextProxy() {
            @Override
            public String id() {
                return "failing";
            }

            @Override
            public void start(io.orbitr.spi.ProviderContext context) {
                throw new IllegalStateException("port 80 is taken");
            }

            @Override
            String text() {
                return "";
            }
        };
        assertThatThrownBy(() -> Orbitr.builder().noDiscovery().inMemoryStore().register(failing).build())
                .isInstanceOf(OrbitrException.class)
                .hasMessageContaining("'failing'")
                .hasMessageContaining("port 80 is taken");
    }
}
