package io.orbitr.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.process.ProcessSpec;
import io.orbitr.process.ProcessState;
import io.orbitr.process.ProcessStatus;
import io.orbitr.process.ProcessSupervisor;
import io.orbitr.spi.FeatureProvider;
import io.orbitr.spi.ProviderContext;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class OrbitrProcessesTest {

    /** A feature that, like the jd-client module, finds the supervisor through its context and stops its process. */
    static final class ProcessUser implements FeatureProvider<ProcessUser> {
        final AtomicReference<ProcessSupervisor> found = new AtomicReference<>();
        final AtomicReference<ProcessStatus> atStop = new AtomicReference<>();

        @Override
        public String id() {
            return "process-user";
        }

        @Override
        public void start(ProviderContext context) {
            found.set(context.require(ProcessSupervisor.class));
        }

        @Override
        public void stop() {
            atStop.set(found.get().status("sleeper").orElseThrow());
        }

        @Override
        public Class<ProcessUser> type() {
            return ProcessUser.class;
        }

        @Override
        public ProcessUser create(ProviderContext context) {
            return this;
        }
    }

    @Test
    void thePlatformSupervisesProcessesAndStopsThemWhenItCloses() throws URISyntaxException {
        ProcessUser user = new ProcessUser();
        Orbitr orbitr = Orbitr.builder().noDiscovery().inMemoryStore().register(user).build();
        ProcessSupervisor processes = orbitr.processes();
        Path script = Path.of(OrbitrProcessesTest.class.getResource("process/stubborn.sh").toURI());
        long pid;
        try {
            assertThat(orbitr.lookup(ProcessSupervisor.class)).containsSame(processes);
            assertThat(user.found.get()).isSameAs(processes);
            pid = processes.start(ProcessSpec.builder("sleeper", "/bin/sh").args(script.toString())
                    .gracePeriod(Duration.ofMillis(200)).build()).pid().orElseThrow();
        } finally {
            orbitr.close();
        }

        // Providers stop first (and may stop their own processes); then the supervisor stops the rest.
        assertThat(user.atStop.get().alive()).isTrue();
        assertThat(processes.status("sleeper").map(ProcessStatus::state)).contains(ProcessState.STOPPED);
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEqualTo(Optional.empty());
    }
}
