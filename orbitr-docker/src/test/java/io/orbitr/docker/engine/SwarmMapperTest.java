package io.orbitr.docker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.NetworkAttachmentConfig;
import io.orbitr.engine.swarm.ServiceSpec;
import io.orbitr.engine.swarm.UpdatePolicy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SwarmMapperTest {
    private final ServiceSpec spec = ServiceSpec.builder("web", "orbitr-test/busybox:1")
            .command("sh", "-c", "httpd -f")
            .env("TZ", "UTC")
            .label("io.orbitr.app", "web")
            .replicas(3)
            .updatePolicy(UpdatePolicy.DEFAULT.withParallelism(2).withDelay(Duration.ofMillis(1500))
                    .withOrder(UpdatePolicy.Order.START_FIRST).withFailureAction(UpdatePolicy.FailureAction.ROLLBACK)
                    .withMonitor(Duration.ofSeconds(7)))
            .build();

    @Test
    void aSpecReadsBackAsItWasWritten() {
        var docker = SwarmMapper.apply(spec, new com.github.dockerjava.api.model.ServiceSpec());
        assertThat(docker.getUpdateConfig().getDelay()).isEqualTo(1_500_000_000L);
        assertThat(docker.getMode().getReplicated().getReplicas()).isEqualTo(3);
        assertThat(SwarmMapper.spec(docker)).isEqualTo(spec);
    }

    @Test
    void anUpdateKeepsWhatOrbitrDoesNotModel() {
        var current = SwarmMapper.apply(spec, new com.github.dockerjava.api.model.ServiceSpec())
                .withNetworks(List.of(new NetworkAttachmentConfig().withTarget("backend")));
        var updated = SwarmMapper.apply(spec.withReplicas(5), current);
        assertThat(updated.getNetworks()).extracting(NetworkAttachmentConfig::getTarget).containsExactly("backend");
        assertThat(SwarmMapper.spec(updated).replicas()).isEqualTo(5);
    }
}
