package io.orbitr.docker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.ConflictException;
import io.orbitr.NotFoundException;
import io.orbitr.UnavailableException;
import io.orbitr.engine.ImageDetails;
import io.orbitr.engine.ImageSummary;
import io.orbitr.engine.Images;
import io.orbitr.engine.LabelFilter;
import io.orbitr.Page;
import io.orbitr.PageRequest;
import io.orbitr.engine.PruneResult;
import io.orbitr.engine.PullProgress;
import io.orbitr.testing.RealDocker;
import io.orbitr.testing.Shell;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@RealDocker
class DockerImagesIT {
    private DockerFixture docker;
    private Images images;

    @TempDir
    Path context;

    @BeforeEach
    void connect() {
        docker = new DockerFixture();
        images = docker.engine().images();
    }

    @AfterEach
    void cleanUp() {
        docker.close();
    }

    /** Builds a one-label image on top of the busybox image: no registry needed, no new layer. */
    private String build(String tag, String run, String variant) throws IOException {
        Files.writeString(context.resolve("Dockerfile"), "FROM " + docker.image() + "\nLABEL "
                + DockerFixture.OWNER_LABEL + "=orbitr-dm io.orbitr.test.run=" + run + " variant=" + variant + "\n");
        Shell.Result result = Shell.run(Duration.ofMinutes(2), List.of("docker", "build", "-q", "-t", tag,
                context.toString()));
        assertThat(result.ok()).as(result.output()).isTrue();
        // The legacy builder may print a deprecation notice before the image id.
        return result.output().lines().filter(line -> line.startsWith("sha256:")).reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void listsAndInspectsImages() {
        ImageDetails busybox = images.inspect(docker.image());

        assertThat(busybox.repoTags()).contains(docker.image());
        assertThat(busybox.id()).startsWith("sha256:");
        assertThat(busybox.os()).isEqualTo("linux");
        assertThat(busybox.sizeBytes()).isPositive();
        assertThat(busybox.labels()).containsEntry("io.orbitr.test", "busybox");
        assertThat(busybox.layers()).isNotEmpty();
        assertThat(images.inspect(busybox.id()).id()).isEqualTo(busybox.id());

        List<ImageSummary> all = new ArrayList<>();
        Page<ImageSummary> page = images.list(PageRequest.first(1));
        all.addAll(page.items());
        while (page.hasNext()) {
            page = images.list(page.nextRequest(1));
            all.addAll(page.items());
        }
        assertThat(all).hasSize(page.total().orElseThrow()).extracting(ImageSummary::id).doesNotHaveDuplicates();
        assertThat(all).filteredOn(i -> i.id().equals(busybox.id())).singleElement().satisfies(i -> {
            assertThat(i.repoTags()).contains(docker.image());
            assertThat(i.sizeBytes()).isEqualTo(busybox.sizeBytes());
            // A list gives whole seconds, an inspect nanoseconds.
            assertThat(i.created()).isEqualTo(busybox.created().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        });
        assertThat(all).extracting(ImageSummary::created).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void removesAnImageAndRefusesOneAContainerUses() throws IOException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String tag = DockerFixture.PREFIX + "img/used:" + run;
        docker.removeImageOnClose(tag);
        build(tag, run, "1");
        var spec = io.orbitr.engine.ContainerSpec.builder(tag).name(docker.name("img-user")).command("true").build();
        docker.engine().containers().create(spec);

        assertThatThrownBy(() -> images.remove(tag, false))
                .isInstanceOf(ConflictException.class)
                .hasMessageStartingWith("image " + tag + " is in use by container ");

        docker.engine().containers().remove(spec.name().orElseThrow());
        images.remove(tag, false);
        assertThatThrownBy(() -> images.inspect(tag))
                .isInstanceOf(NotFoundException.class).hasMessage("no such image " + tag);
        assertThatThrownBy(() -> images.remove(tag, false))
                .isInstanceOf(NotFoundException.class).hasMessage("no such image " + tag);
    }

    @Test
    void prunesDanglingThenUnusedImagesWithTheGivenLabels() throws IOException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String tag = DockerFixture.PREFIX + "img/prune:" + run;
        docker.removeImageOnClose(tag);
        String first = build(tag, run, "1");
        String second = build(tag, run, "2");
        assertThat(images.inspect(first).repoTags()).as("the first build lost its name").isEmpty();
        LabelFilter mine = LabelFilter.any().with("io.orbitr.test.run", run);

        PruneResult dangling = images.pruneDangling(mine);
        assertThat(dangling.removed()).contains(first).doesNotContain(second);
        assertThat(images.inspect(second).repoTags()).containsExactly(tag);

        PruneResult unused = images.pruneUnused(mine);
        assertThat(unused.removed()).contains(second);
        assertThatThrownBy(() -> images.inspect(tag)).isInstanceOf(NotFoundException.class);
        assertThat(images.inspect(docker.image())).isNotNull();
    }

    @Test
    void aPullFailsClearlyWhenTheRegistryCannotBeReached() {
        List<PullProgress> progress = new CopyOnWriteArrayList<>();

        assertThatThrownBy(() -> images.pull("nginx", "1.27", progress::add, Duration.ofSeconds(60)))
                .isInstanceOf(UnavailableException.class)
                .hasMessageStartingWith("image nginx:1.27 is not available: the registry cannot be reached");
    }

    @Test
    void aPullFromASilentRegistryEndsWithinItsBound() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // The test is over.
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String name = "127.0.0.1:" + silent.getLocalPort() + "/orbitr-dm/silent";
            long started = System.nanoTime();

            assertThatThrownBy(() -> images.pull(name, "1", p -> { }, Duration.ofSeconds(2)))
                    .isInstanceOf(UnavailableException.class)
                    .hasMessageStartingWith("image " + name + ":1 is not available: the registry cannot be reached");

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void refusesABadReferenceBeforeAskingTheEngine() {
        assertThatThrownBy(() -> images.pull("Nginx", "1.27", p -> { }))
                .hasMessage("invalid image name 'Nginx': must be a repository such as nginx, library/nginx or "
                        + "ghcr.io/org/app, in lowercase");
        assertThatThrownBy(() -> images.pull("nginx", "-bad", p -> { }))
                .hasMessageStartingWith("invalid image tag '-bad'");
    }
}
