package io.orbitr.core.engine;

import static org.mockito.Mockito.mock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.ConflictException;
import io.orbitr.MissingProviderException;
import io.orbitr.NotFoundException;
import io.orbitr.core.store.CoreSchema;
import io.orbitr.core.store.JdbcStore;
import io.orbitr.core.store.SchemaMigrator;
import io.orbitr.core.store.Stores;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.ContainerEngineProvider;
import io.orbitr.engine.EngineSettings;
import io.orbitr.engine.EngineTls;
import io.orbitr.testing.OnEveryStore;
import io.orbitr.testing.TestStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

@Timeout(30)
@OnEveryStore
class EngineRegistryTest {
    @Parameter
    TestStore testStore;

    private static final EngineSettings LOCAL = EngineSettings.of(URI.create("unix:///var/run/docker.sock"));
    private static final EngineSettings EDGE = EngineSettings.named("edge", URI.create("tcp://10.0.0.5:2376"))
            .withTls(EngineTls.inDirectory(Path.of("/etc/orbitr/edge")));

    @TempDir
    Path data;

    private final List<EngineSettings> connected = new ArrayList<>();
    private final ContainerEngineProvider provider = new ContainerEngineProvider() {
        @Override
        public String id() {
            return "fake";
        }

        @Override
        public ContainerEngine connect(EngineSettings settings) {
            connected.add(settings);
            return mock(ContainerEngine.class);
        }
    };

    @Test
    void aSavedEndpointIsKeptInTheSettingsAndReadByTheNextStart() {
        try (JdbcStore store = store()) {
            new EngineRegistry(store, Clock.systemUTC(), Optional.of(provider), LOCAL, List.of()).save(EDGE);
        }
        try (JdbcStore store = store()) {
            EngineRegistry engines = new EngineRegistry(store, Clock.systemUTC(), Optional.of(provider), LOCAL,
                    List.of());
            assertThat(engines.list()).containsExactly(LOCAL, EDGE);
            engines.get("edge").ping();
            assertThat(connected).containsExactly(EDGE);
        }
    }

    @Test
    void anInputNamingAnEndpointThatIsNotConfiguredIsRefusedWithTheOnesThatAre() {
        try (JdbcStore store = store()) {
            EngineRegistry engines = new EngineRegistry(store, Clock.systemUTC(), Optional.of(provider), LOCAL,
                    List.of(EDGE));
            assertThat(engines.requireConfigured("engine", "edge")).isEqualTo("edge");
            assertThatThrownBy(() -> engines.requireConfigured("engine", "egde"))
                    .isInstanceOf(io.orbitr.InvalidValueException.class)
                    .hasMessageContaining("engine").hasMessageContaining("egde").hasMessageContaining("[local, edge]");
        }
    }

    @Test
    void anEndpointGivenByTheHostWinsOverTheStoredOneForThisRunOnly() {
        EngineSettings other = EngineSettings.named("edge", URI.create("tcp://10.0.0.9:2376"));
        try (JdbcStore store = store()) {
            new EngineRegistry(store, Clock.systemUTC(), Optional.of(provider), LOCAL, List.of()).save(EDGE);
            EngineRegistry engines = new EngineRegistry(store, Clock.systemUTC(), Optional.of(provider), LOCAL,
                    List.of(other));
            assertThat(engines.find("edge")).contains(other);
            assertThat(new EngineRegistry(store, Clock.systemUTC(), Optional.of(provider), LOCAL, List.of())
                    .find("edge")).contains(EDGE);
        }
    }

    @Test
    void savingAnewReplacesTheClientKeepsTheHandleAndTellsTheListeners() {
        try (JdbcStore store = store()) {
            EngineRegistry engines = new EngineRegistry(store, Clock.systemUTC(), Optional.of(provider), LOCAL,
                    List.of(EDGE));
            List<String> changed = new ArrayList<>();
            engines.onChange(changed::add);
            ContainerEngine handle = engines.get("edge");
            handle.ping();
            EngineSettings moved = EngineSettings.named("edge", URI.create("tcp://10.0.0.6:2376"));
            engines.save(moved);
            handle.ping();
            assertThat(engines.get("edge")).isSameAs(handle);
            assertThat(connected).containsExactly(EDGE, moved);
            assertThat(changed).containsExactly("edge");
        }
    }

    @Test
    void localCannotBeRemovedAndAnUnknownEndpointIsNamedWithTheKnownOnes() {
        try (JdbcStore store = store()) {
            EngineRegistry engines = new EngineRegistry(store, Clock.systemUTC(), Optional.of(provider), LOCAL,
                    List.of(EDGE));
            assertThatThrownBy(() -> engines.remove("local")).isInstanceOf(ConflictException.class);
            assertThatThrownBy(() -> engines.get("nowhere")).isInstanceOf(NotFoundException.class)
                    .hasMessageContaining("nowhere").hasMessageContaining("local, edge");
            engines.remove("edge");
            assertThat(engines.names()).containsExactly("local");
            assertThatThrownBy(() -> engines.remove("edge")).isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void withoutAProviderTheEndpointsAreListedButNotConnected() {
        try (JdbcStore store = store()) {
            EngineRegistry engines = new EngineRegistry(store, Clock.systemUTC(), Optional.empty(), LOCAL, List.of());
            assertThat(engines.names()).containsExactly("local");
            assertThatThrownBy(engines::local).isInstanceOf(MissingProviderException.class)
                    .hasMessageContaining("orbitr-docker");
        }
    }

    private JdbcStore store() {
        JdbcStore store = Stores.open(testStore.durableSettings(), data);
        new SchemaMigrator(store, Clock.systemUTC()).migrate(Map.of(CoreSchema.COMPONENT, CoreSchema.migrations()));
        return store;
    }
}
