package io.orbitr.core.extension;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.engine.ContainerSpec;
import io.orbitr.engine.PortBinding;
import io.orbitr.extension.ExtensionRoute;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Which endpoints are another machine, and where a route reaches a main service published there. */
@Timeout(10)
class ExtensionEngineTest {

    @Test
    void aSocketOrLoopbackEndpointIsThisMachineAndTcpElsewhereIsAnother() {
        assertThat(ExtensionEngine.remoteHost(URI.create("unix:///var/run/docker.sock"))).isEmpty();
        assertThat(ExtensionEngine.remoteHost(URI.create("tcp://127.0.0.1:2375"))).isEmpty();
        assertThat(ExtensionEngine.remoteHost(URI.create("tcp://localhost:2375"))).isEmpty();
        assertThat(ExtensionEngine.remoteHost(URI.create("tcp://[::1]:2375"))).isEmpty();
        assertThat(ExtensionEngine.remoteHost(URI.create("tcp://10.0.0.5:2376"))).contains("10.0.0.5");
        assertThat(ExtensionEngine.remoteHost(URI.create("tcp://edge.example:2376"))).contains("edge.example");
    }

    @Test
    void aRemoteRouteGoesToThePortPublishedForTheRoutesPortOnTheEnginesAddressOrTheBoundOne() {
        ExtensionEngine edge = new ExtensionEngine("edge", null, Optional.of("10.0.0.5"));
        ExtensionRoute route = ExtensionRoute.http("web", 8080);
        ContainerSpec published = ContainerSpec.builder("orbitr-test/busybox:1")
                .port(PortBinding.tcp(22).onHost(2222)).port(PortBinding.tcp(8080).onHost(18080)).build();
        assertThat(edge.published(published, route)).contains(new ExtensionEngine.Upstream("10.0.0.5", 18080));

        ContainerSpec bound = ContainerSpec.builder("orbitr-test/busybox:1")
                .port(PortBinding.tcp(8080).onHost("127.0.0.1", 18080)).build();
        assertThat(edge.published(bound, route)).get().satisfies(u -> assertThat(u.loopback()).isTrue());

        ContainerSpec unpublished = ContainerSpec.builder("orbitr-test/busybox:1").port(PortBinding.tcp(8080)).build();
        assertThat(edge.published(unpublished, route)).isEmpty();
    }
}
