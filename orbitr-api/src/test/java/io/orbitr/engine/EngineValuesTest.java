package io.orbitr.engine;

import io.orbitr.PageRequest;
import io.orbitr.Page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.InvalidValueException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The engine's value types refuse bad input by naming the field and the value. */
class EngineValuesTest {

    @Test
    void aContainerSpecKeepsWhatTheBuilderWasGiven() {
        ContainerSpec spec = ContainerSpec.builder("nginx:1.27").name("web-1").command("nginx", "-g", "daemon off;")
                .env("A", "1").port(PortBinding.tcp(80).onHost("127.0.0.1", 8080))
                .mount(Mount.volume("web-data", "/data")).network("orbitr-net").label("app", "web")
                .restartPolicy(ContainerRestartPolicy.unlessStopped())
                .healthCheck(ContainerHealthCheck.shell("true").every(Duration.ofSeconds(5)))
                .memoryLimit(64L << 20).cpuLimit(1.5).build();

        assertThat(spec.name()).hasValue("web-1");
        assertThat(spec.command()).containsExactly("nginx", "-g", "daemon off;");
        assertThat(spec.ports()).containsExactly(new PortBinding(80, PortBinding.Protocol.TCP, "127.0.0.1", 8080));
        assertThat(spec.healthCheck().orElseThrow().test()).containsExactly("CMD-SHELL", "true");
        assertThat(spec.limits().memoryBytes()).hasValue(64L << 20);
        assertThatThrownBy(() -> spec.labels().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void networkAliasesNeedANetworkAndValidNames() {
        ContainerSpec spec = ContainerSpec.builder("busybox").network("app-net").networkAlias("db").build();
        assertThat(spec.networkAliases()).containsExactly("db");

        assertThatThrownBy(() -> ContainerSpec.builder("busybox").networkAlias("db").build())
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("networkAliases")
                .hasMessageContaining("need a network");
        assertThatThrownBy(() -> ContainerSpec.builder("busybox").network("app-net").networkAlias("d b").build())
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("network alias 'd b'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-web    | invalid container name '-web': must start with a letter or digit",
        "web 1   | invalid container name 'web 1': must start with a letter or digit",
    })
    void refusesBadContainerNames(String name, String message) {
        assertThatThrownBy(() -> ContainerSpec.builder("nginx").name(name).build())
                .isInstanceOf(InvalidValueException.class).hasMessageStartingWith(message);
    }

    @Test
    void refusesWhatTheEngineWouldRefuseLater() {
        assertThatThrownBy(() -> ContainerSpec.builder(" ").build())
                .hasMessage("invalid image ' ': must not be blank");
        assertThatThrownBy(() -> ContainerSpec.builder("nginx").env("A=B", "1").build())
                .hasMessageStartingWith("invalid environment variable 'A=B'");
        assertThatThrownBy(() -> ContainerSpec.builder("nginx").memoryLimit(1024).build())
                .hasMessage("invalid memory limit '1024 bytes': must be at least 6 MiB (6291456 bytes)");
        assertThatThrownBy(() -> ContainerSpec.builder("nginx").mount(Mount.tmpfs("/a")).mount(Mount.tmpfs("/a"))
                .build()).hasMessage("invalid mount target '/a': is mounted twice");
        assertThatThrownBy(() -> Mount.bind("relative", "/data"))
                .hasMessage("invalid bind source 'relative': must be an absolute path on the host");
        assertThatThrownBy(() -> PortBinding.tcp(70000)).hasMessageStartingWith("invalid container port '70000'");
        assertThatThrownBy(() -> ContainerRestartPolicy.fromEngine("sometimes", 0))
                .hasMessageStartingWith("invalid restart policy 'sometimes'");
        assertThatThrownBy(() -> ContainerHealthCheck.shell("true").retries(0))
                .hasMessage("invalid health check retries '0': must be at least 1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "172.30.0.0/24 | 172.30.1.1 | invalid gateway '172.30.1.1': must be inside subnet 172.30.0.0/24",
        "172.30.0.0    | 172.30.0.1 | invalid subnet '172.30.0.0': must be in CIDR notation",
        "172.30.0.0/33 | 172.30.0.1 | invalid subnet '172.30.0.0/33': prefix length must be between 0 and 32",
        "fd00::/64     | 172.30.0.1 | invalid gateway '172.30.0.1': must be of the same IP family",
        "example.com/24| 172.30.0.1 | invalid subnet 'example.com/24': must be an IPv4 or IPv6 address",
    })
    void refusesInconsistentNetworkAddresses(String subnet, String gateway, String message) {
        assertThatThrownBy(() -> NetworkSpec.builder("orbitr-net").subnet(subnet).gateway(gateway).build())
                .isInstanceOf(InvalidValueException.class).hasMessageStartingWith(message);
    }

    @Test
    void aNetworkSpecCannotTakeTheEnginesOwnNames() {
        assertThatThrownBy(() -> NetworkSpec.builder("bridge").build())
                .hasMessage("invalid network name 'bridge': is one of the engine's own networks [bridge, host, none]");
        assertThat(NetworkSpec.builder("orbitr-net").subnet("fd00::/64").gateway("fd00::1").build().gateway())
                .hasValue("fd00::1");
    }

    @Test
    void pagesSliceAndCount() {
        List<Integer> all = List.of(1, 2, 3, 4, 5);
        Page<Integer> first = Page.of(all, PageRequest.first(2));
        Page<Integer> second = Page.of(all, first.nextRequest(2));
        Page<Integer> last = Page.of(all, second.nextRequest(2));
        Page<Integer> beyond = Page.of(all, PageRequest.atOffset(10, 2));

        assertThat(first.items()).containsExactly(1, 2);
        assertThat(first.hasNext()).isTrue();
        assertThat(first.next()).contains("2");
        assertThat(second.items()).containsExactly(3, 4);
        assertThat(last.items()).containsExactly(5);
        assertThat(last.hasNext()).isFalse();
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.total()).hasValue(5);
        assertThatThrownBy(() -> PageRequest.first(0)).hasMessage("invalid limit '0': must be between 1 and 10000");
        assertThatThrownBy(() -> PageRequest.atOffset(-1, 5)).hasMessage("invalid offset '-1': must not be negative");
        assertThatThrownBy(() -> Page.of(all, PageRequest.after("abc", 2)))
                .hasMessageStartingWith("invalid cursor 'abc': is not a cursor this list gave");
    }

    @Test
    void labelFiltersMatchPresenceAndValues() {
        LabelFilter filter = LabelFilter.any().with("app", "web").with("managed");

        assertThat(filter.matches(Map.of("app", "web", "managed", ""))).isTrue();
        assertThat(filter.matches(Map.of("app", "db", "managed", "yes"))).isFalse();
        assertThat(filter.matches(Map.of("app", "web"))).isFalse();
        assertThat(filter.expressions()).containsExactlyInAnyOrder("managed", "app=web");
        assertThat(LabelFilter.any().matches(Map.of())).isTrue();
        assertThatThrownBy(() -> LabelFilter.any().with("a=b")).hasMessageStartingWith("invalid label 'a=b'");
    }

    @Test
    void eventFiltersMatchTypeActionAndContainer() {
        EngineEvent die = new EngineEvent(EngineEvent.Type.CONTAINER, "die", "", "abc", Map.of("name", "web-1",
                "exitCode", "1"), Instant.EPOCH);
        EngineEvent healthy = new EngineEvent(EngineEvent.Type.CONTAINER, "health_status", "healthy", "abc",
                Map.of("name", "web-1"), Instant.EPOCH);

        assertThat(EventFilter.all().matches(die)).isTrue();
        assertThat(EventFilter.all().actions("start").matches(die)).isFalse();
        assertThat(EventFilter.all().container("web-1").matches(die)).isTrue();
        assertThat(EventFilter.all().container("abc").matches(die)).isTrue();
        assertThat(EventFilter.all().container("web-2").matches(die)).isFalse();
        assertThat(EventFilter.all().types(EngineEvent.Type.IMAGE).matches(die)).isFalse();
        assertThat(EventFilter.all().actions("health_status").matches(healthy)).isTrue();
        assertThat(healthy.healthStatus()).hasValue(ContainerHealth.Status.HEALTHY);
        assertThat(die.healthStatus()).isEmpty();
        assertThat(die.actorName()).hasValue("web-1");
    }

    @Test
    void anEngineWithoutTheNewViewsSaysSo() {
        ContainerEngine old = new ContainerEngine() {
            @Override
            public void ping() {
            }

            @Override
            public EngineInfo info() {
                return new EngineInfo("20.10", "1.41", "linux", "6.1", "x86_64", 2, 1, 0, 0, 0, "overlay2", "unix://");
            }

            @Override
            public java.util.List<io.orbitr.stream.LogLine> recentLogs(String container, int lines) {
                return List.of();
            }

            @Override
            public io.orbitr.stream.StatsSample stats(String container) {
                throw new UnsupportedOperationException();
            }

            @Override
            public EngineStreams streams() {
                throw new UnsupportedOperationException();
            }

            @Override
            public void close() {
            }
        };

        assertThat(old.version().version()).isEqualTo("20.10");
        assertThatThrownBy(old::images).hasMessageContaining("does not offer images");
        assertThatThrownBy(() -> old.restart("web-1", Duration.ofSeconds(1)))
                .hasMessageContaining("does not offer containers");
    }
}
