package io.orbitr.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.core.Orbitr;
import io.orbitr.engine.ContainerSpec;
import io.orbitr.examples.server.OrbitrServer;
import io.orbitr.examples.server.Role;
import io.orbitr.testing.RealDocker;
import io.orbitr.testing.Shell;
import io.orbitr.testing.TestImages;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's plain-socket WebSocket clients against the real server, on a real container's log. */
@RealDocker
@Timeout(120)
class WsBenchClientIT {
    private static final String END = "the-end";

    @TempDir
    Path dataDir;

    @Test
    void socketClientsReceiveEveryLineAndTheEnd() throws Exception {
        TestImages.busybox();
        String name = "orbitr-ws-bench-client-it-" + UUID.randomUUID().toString().substring(0, 8);
        try (Orbitr orbitr = Orbitr.builder().dataDirectory(dataDir).build();
                OrbitrServer server = OrbitrServer.builder(orbitr).bind("127.0.0.1", 0).start()) {
            String token = server.accounts().createToken("bench-it", Role.OPERATOR, Optional.empty()).token()
                    .orElseThrow();
            orbitr.engine().containers().create(ContainerSpec.builder(TestImages.BUSYBOX).name(name)
                    .command("sh", "-c", "while [ ! -f /tmp/go ]; do sleep 0.1; done; seq 1 5000;"
                            + " while true; do echo " + END + "; sleep 0.5; done")
                    .label("io.orbitr.test", "ws-bench-client").build());
            try {
                orbitr.engine().containers().start(name);
                URI uri = URI.create(server.uri().toString().replaceFirst("^http", "ws") + "ws");
                CountDownLatch subscribed = new CountDownLatch(3);
                CountDownLatch ended = new CountDownLatch(3);
                List<WsTally> tallies = new ArrayList<>();
                List<SocketWsFollower> followers = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    WsTally tally = new WsTally(END, 0, subscribed, ended);
                    SocketWsFollower follower = new SocketWsFollower(uri, token,
                            "{\"type\":\"subscribe_logs\",\"containerId\":\"" + name + "\",\"tail\":0}", tally);
                    follower.connect();
                    Thread thread = new Thread(follower, "ws-bench-client-it-" + i);
                    thread.setDaemon(true);
                    thread.start();
                    tallies.add(tally);
                    followers.add(follower);
                }
                assertThat(subscribed.await(30, TimeUnit.SECONDS)).as("every subscription acknowledged").isTrue();
                orbitr.engine().containers().exec(name, List.of("touch", "/tmp/go"), Duration.ofSeconds(10), 1024);
                assertThat(ended.await(60, TimeUnit.SECONDS)).as("every client saw the end").isTrue();
                followers.forEach(SocketWsFollower::close);
                for (WsTally tally : tallies) {
                    assertThat(tally.lines()).isEqualTo(5000);
                    assertThat(tally.lost()).isZero();
                    assertThat(tally.delays()).isNotEmpty();
                    assertThat(java.util.Arrays.stream(tally.delays()).max().orElseThrow()).isLessThan(60_000);
                }
            } finally {
                Shell.run(Duration.ofSeconds(30), List.of("docker", "rm", "-f", name));
            }
        }
    }
}
