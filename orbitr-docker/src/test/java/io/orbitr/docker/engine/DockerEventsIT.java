package io.orbitr.docker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.engine.ContainerHealth;
import io.orbitr.engine.ContainerHealthCheck;
import io.orbitr.engine.EngineEvent;
import io.orbitr.engine.EngineSettings;
import io.orbitr.engine.EventFilter;
import io.orbitr.engine.NetworkSpec;
import io.orbitr.engine.VolumeSpec;
import io.orbitr.stream.StreamEvent;
import io.orbitr.stream.StreamSubscriber;
import io.orbitr.stream.Subscription;
import io.orbitr.testing.RealDocker;
import io.orbitr.testing.Shell;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@RealDocker
class DockerEventsIT {
    private static final Duration BOUND = Duration.ofSeconds(10);

    private DockerFixture docker;

    @BeforeEach
    void connect() {
        docker = new DockerFixture();
    }

    @AfterEach
    void cleanUp() {
        docker.close();
    }

    /** Records everything a subscriber receives. */
    static final class Recorder implements StreamSubscriber<EngineEvent> {
        final List<EngineEvent> events = new CopyOnWriteArrayList<>();
        final List<StreamEvent> streamEvents = new CopyOnWriteArrayList<>();
        final List<String> completions = new CopyOnWriteArrayList<>();
        volatile Subscription subscription;

        @Override
        public void onSubscribe(Subscription s) {
            subscription = s;
        }

        @Override
        public void onNext(EngineEvent item) {
            events.add(item);
        }

        @Override
        public void onEvent(StreamEvent event) {
            streamEvents.add(event);
        }

        @Override
        public void onComplete(String reason) {
            completions.add(reason);
        }

        List<String> actions() {
            return events.stream().map(e -> e.detail().isEmpty() ? e.action() : e.action() + ": " + e.detail())
                    .toList();
        }

        boolean saw(String action) {
            return actions().contains(action);
        }
    }

    @Test
    void seesAContainerStartTurnHealthyAndDie() {
        var spec = docker.container("events", "sleep", "3600")
                .healthCheck(ContainerHealthCheck.shell("true").every(Duration.ofMillis(200))).build();
        String name = spec.name().orElseThrow();
        Recorder recorder = new Recorder();
        Subscription subscription = docker.engine().events(EventFilter.all().types(EngineEvent.Type.CONTAINER)
                .container(name), recorder);
        assertThat(recorder.subscription).isSameAs(subscription);

        docker.engine().containers().create(spec);
        docker.engine().containers().start(name);
        DockerFixture.await(BOUND, () -> recorder.saw("health_status: healthy"), "a health_status event");
        docker.engine().containers().kill(name);
        DockerFixture.await(BOUND, () -> recorder.saw("die"), "a die event");

        List<String> actions = recorder.actions();
        assertThat(actions).containsSubsequence("create", "start", "health_status: healthy", "kill", "die");
        EngineEvent healthy = recorder.events.stream().filter(e -> e.action().equals("health_status")).findFirst()
                .orElseThrow();
        assertThat(healthy.healthStatus()).hasValue(ContainerHealth.Status.HEALTHY);
        assertThat(healthy.actorName()).hasValue(name);
        assertThat(healthy.type()).isEqualTo(EngineEvent.Type.CONTAINER);
        EngineEvent die = recorder.events.stream().filter(e -> e.action().equals("die")).findFirst().orElseThrow();
        assertThat(die.attributes()).containsEntry("exitCode", "137");
        assertThat(recorder.events).extracting(EngineEvent::time).isSorted();
        assertThat(recorder.events).allMatch(e -> e.actorName().orElse("").equals(name));

        subscription.cancel();
        assertThat(subscription.isCancelled()).isTrue();
        assertThat(recorder.completions).containsExactly("cancelled");
        subscription.cancel();
        assertThat(recorder.completions).hasSize(1);
    }

    @Test
    void seesImageNetworkAndVolumeEvents() {
        String network = docker.name("ev-net");
        String volume = docker.name("ev-vol");
        String tag = DockerFixture.PREFIX + "events/tagged:1";
        docker.removeNetworkOnClose(network);
        docker.removeVolumeOnClose(volume);
        docker.removeImageOnClose(tag);
        Recorder recorder = new Recorder();
        docker.engine().events(EventFilter.all().types(EngineEvent.Type.IMAGE, EngineEvent.Type.NETWORK,
                EngineEvent.Type.VOLUME), recorder);

        docker.engine().networks().create(NetworkSpec.builder(network).build());
        docker.engine().volumes().create(VolumeSpec.named(volume));
        assertThat(Shell.run("docker", "tag", docker.image(), tag).ok()).isTrue();
        docker.engine().images().remove(tag, false);
        docker.engine().networks().remove(network);
        docker.engine().volumes().remove(volume, false);

        DockerFixture.await(BOUND, () -> has(recorder, EngineEvent.Type.NETWORK, "destroy", network)
                && has(recorder, EngineEvent.Type.VOLUME, "destroy", volume)
                && has(recorder, EngineEvent.Type.IMAGE, "untag", null), "network, volume and image events");
        assertThat(has(recorder, EngineEvent.Type.NETWORK, "create", network)).isTrue();
        assertThat(has(recorder, EngineEvent.Type.VOLUME, "create", volume)).isTrue();
        assertThat(has(recorder, EngineEvent.Type.IMAGE, "tag", null)).isTrue();
    }

    private static boolean has(Recorder recorder, EngineEvent.Type type, String action, String name) {
        return recorder.events.stream().anyMatch(e -> e.type() == type && e.action().equals(action)
                && (name == null || e.actorName().orElse(e.actorId()).equals(name)));
    }

    @Test
    void replaysFromAnInstantInThePast() {
        Instant before = Instant.now().minusSeconds(1);
        var spec = docker.container("replay", "true").build();
        docker.engine().containers().create(spec);
        String name = spec.name().orElseThrow();
        Recorder recorder = new Recorder();

        docker.engine().events(EventFilter.all().container(name).since(before), recorder);

        DockerFixture.await(BOUND, () -> recorder.saw("create"), "the replayed create event");
    }

    @Test
    void resumesAfterTheConnectionBreaksWithoutDuplicatesOrGaps() throws Exception {
        Instant began = Instant.now();
        try (EngineProxy proxy = new EngineProxy(Path.of("/var/run/docker.sock"));
                DockerFixture viaProxy = new DockerFixture(EngineSettings.of(proxy.uri()))) {
            var spec = docker.container("resume", "sleep", "3600").build();
            String name = spec.name().orElseThrow();
            Recorder recorder = new Recorder();
            viaProxy.engine().events(EventFilter.all().container(name), recorder);
            docker.engine().containers().create(spec);
            docker.engine().containers().start(name);
            DockerFixture.await(BOUND, () -> recorder.saw("start"), "the start event");

            proxy.cutAll();
            DockerFixture.await(BOUND, () -> recorder.streamEvents.stream()
                    .anyMatch(e -> e.kind() == StreamEvent.Kind.RECONNECTING), "a reconnecting event");
            docker.engine().containers().pause(name);
            docker.engine().containers().unpause(name);
            DockerFixture.await(BOUND, () -> recorder.saw("unpause"), "the events during and after the break: "
                    + recorder.actions() + " " + recorder.streamEvents);

            assertThat(recorder.streamEvents).extracting(StreamEvent::kind)
                    .containsSubsequence(StreamEvent.Kind.RECONNECTING, StreamEvent.Kind.RECONNECTED);
            // The engine's own record of the container's events is the reference: the engine may report an action
            // twice itself, and then so must the stream, but a resumed stream adds no copy and skips nothing.
            List<String> engine = engineActions(name, began);
            assertThat(engine).containsSubsequence("create", "start", "pause", "unpause");
            assertThat(recorder.actions()).isEqualTo(engine);
        }
    }

    /** @return the container's actions as {@code docker events} lists them, from a second before since until now */
    private static List<String> engineActions(String container, Instant since) {
        Shell.Result result = Shell.run(Duration.ofSeconds(30), List.of("docker", "events", "--since",
                String.valueOf(since.getEpochSecond() - 1),
                "--until", String.valueOf(Instant.now().getEpochSecond() + 1), "--filter", "container=" + container,
                "--format", "{{.Action}}"));
        assertThat(result.ok()).as(result.output()).isTrue();
        return result.output().lines().filter(line -> !line.isBlank()).toList();
    }

    @Test
    void closingTheEngineEndsItsStreams() {
        DockerFixture own = new DockerFixture();
        Recorder recorder = new Recorder();
        own.engine().events(EventFilter.all(), recorder);

        own.close();

        assertThat(recorder.completions).containsExactly("the engine client was closed");
        assertThat(recorder.subscription.isCancelled()).isTrue();
    }
}
