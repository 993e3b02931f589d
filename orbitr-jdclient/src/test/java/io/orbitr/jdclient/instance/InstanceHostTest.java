package io.orbitr.jdclient.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.ConflictException;
import io.orbitr.core.Orbitr;
import io.orbitr.jdclient.JdClientFeatureProvider;
import io.orbitr.jdclient.config.ConfigFixtures;
import io.orbitr.jdclient.fake.FakeBinary;
import io.orbitr.jdclient.fake.Ports;
import io.orbitr.process.ProcessState;
import io.orbitr.testing.OnEveryStore;
import io.orbitr.testing.TestStore;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * An instance belongs to the host it was created on: a server on another host neither starts, resumes, stops, restarts
 * nor deletes it.
 */
@OnEveryStore
@Timeout(60)
class InstanceHostTest {
    @Parameter
    TestStore testStore;

    @TempDir
    Path data;

    @Test
    void anInstanceOfAnotherHostIsNeitherStartedNorResumedHere() throws Exception {
        FakeBinary.install(data.resolve("jdclient/bin/jd_client_sv2"), "ok");
        try (Orbitr orbitr = platform()) {
            InstanceManager jdc = orbitr.feature(InstanceManager.class);
            jdc.configs().create("pool-a", "", ConfigFixtures.valid()
                    .listeningAddress("127.0.0.1:" + Ports.free()).build());
            Instance mine = jdc.create("miner-1", "pool-a");
            Instance theirs = jdc.create("miner-2", "pool-a");
            setHost(orbitr, theirs.id(), "other-host");

            assertThatThrownBy(() -> jdc.start("miner-2")).isInstanceOf(ConflictException.class)
                    .hasMessageContaining("belongs to host 'other-host'");
            for (String action : java.util.List.of("stop", "restart", "delete")) {
                assertThatThrownBy(() -> act(jdc, action, "miner-2")).as(action).isInstanceOf(ConflictException.class)
                        .hasMessageContaining("belongs to host 'other-host'")
                        .hasMessageContaining(action + " it through the Orbitr server on that host");
            }
            assertThat(jdc.find("miner-2")).as("refused, the instance is kept").isPresent();
            jdc.start("miner-1");
            assertThat(jdc.status("miner-1").process().state()).isNotEqualTo(ProcessState.STOPPED);
            jdc.stop("miner-1");

            // Both should run, as another server's request would leave them; this server resumes only its own.
            orbitr.store().inTransaction(c -> {
                try (PreparedStatement update = c.prepareStatement("UPDATE instances SET desired_state = 'RUNNING'")) {
                    return update.executeUpdate();
                }
            });
            setHost(orbitr, mine.id(), null);
        }
        try (Orbitr orbitr = platform()) {
            InstanceManager jdc = orbitr.feature(InstanceManager.class);
            assertThat(jdc.status("miner-1").process().state()).as("an instance of no host yet is claimed")
                    .isNotEqualTo(ProcessState.STOPPED);
            assertThat(jdc.status("miner-2").process().state()).isEqualTo(ProcessState.STOPPED);
            jdc.stop("miner-1");
        }
    }

    private static void act(InstanceManager jdc, String action, String ref) {
        switch (action) {
            case "stop" -> jdc.stop(ref);
            case "restart" -> jdc.restart(ref);
            default -> jdc.delete(ref);
        }
    }

    private static void setHost(Orbitr orbitr, String id, String host) {
        orbitr.store().inTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE instances SET host = ? WHERE id = ?")) {
                update.setString(1, host);
                update.setString(2, id);
                return update.executeUpdate();
            }
        });
    }

    private Orbitr platform() {
        return Orbitr.builder().noDiscovery().dataDirectory(data).store(testStore.durableSettings())
                .register(new JdClientFeatureProvider(b -> b.startPeriod(Duration.ofMillis(100))
                        .gracePeriod(Duration.ofSeconds(5))))
                .build();
    }
}
