package io.orbitr.docker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.ConflictException;
import io.orbitr.NotFoundException;
import io.orbitr.engine.ContainerStatus;
import io.orbitr.engine.LabelFilter;
import io.orbitr.engine.Mount;
import io.orbitr.Page;
import io.orbitr.PageRequest;
import io.orbitr.engine.PruneResult;
import io.orbitr.engine.VolumeDetails;
import io.orbitr.engine.VolumeSpec;
import io.orbitr.engine.Volumes;
import io.orbitr.testing.RealDocker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@RealDocker
class DockerVolumesIT {
    private DockerFixture docker;
    private Volumes volumes;

    @BeforeEach
    void connect() {
        docker = new DockerFixture();
        volumes = docker.engine().volumes();
    }

    @AfterEach
    void cleanUp() {
        docker.close();
    }

    private VolumeDetails create(String purpose, String run) {
        String name = docker.name(purpose);
        docker.removeVolumeOnClose(name);
        return volumes.create(VolumeSpec.builder().name(name).label(DockerFixture.OWNER_LABEL, "orbitr-dm")
                .label("io.orbitr.test.run", run).build());
    }

    @Test
    void createsInspectsListsAndRemoves() {
        Instant before = Instant.now().minusSeconds(5);
        VolumeDetails created = create("data", "r1");

        assertThat(created.driver()).isEqualTo("local");
        assertThat(created.mountpoint()).startsWith("/").contains(created.name());
        assertThat(created.created()).hasValueSatisfying(t -> assertThat(t).isAfter(before));
        assertThat(created.labels()).containsEntry(DockerFixture.OWNER_LABEL, "orbitr-dm");
        assertThat(created.scope()).isEqualTo("local");
        assertThat(volumes.inspect(created.name())).isEqualTo(created);

        List<VolumeDetails> listed = new ArrayList<>();
        Page<VolumeDetails> page = volumes.list(PageRequest.first(3));
        listed.addAll(page.items());
        while (page.hasNext()) {
            page = volumes.list(page.nextRequest(3));
            listed.addAll(page.items());
        }
        assertThat(listed).filteredOn(v -> v.name().equals(created.name())).singleElement().satisfies(v -> {
            assertThat(v.created()).isEqualTo(created.created());
            assertThat(v.mountpoint()).isEqualTo(created.mountpoint());
            assertThat(v.labels()).isEqualTo(created.labels());
        });

        volumes.remove(created.name(), false);
        assertThatThrownBy(() -> volumes.inspect(created.name()))
                .isInstanceOf(NotFoundException.class).hasMessage("no such volume " + created.name());
        assertThatThrownBy(() -> volumes.remove(created.name(), false))
                .isInstanceOf(NotFoundException.class).hasMessage("no such volume " + created.name());
    }

    @Test
    void aVolumeInUseIsRefusedUnlessForced() {
        VolumeDetails volume = create("used", "r2");
        String user = docker.run(docker.container("user", "sleep", "3600")
                .mount(Mount.volume(volume.name(), "/data")).build());
        docker.engine().containers().exec(user, List.of("sh", "-c", "echo kept > /data/file"),
                Duration.ofSeconds(10), 100);

        assertThatThrownBy(() -> volumes.remove(volume.name(), false))
                .isInstanceOf(ConflictException.class)
                .hasMessage("volume " + volume.name() + " is in use by 1 container [" + user
                        + "]; remove them first, or remove the volume with force");
        assertThat(docker.engine().containers().inspect(user).status()).isEqualTo(ContainerStatus.RUNNING);

        volumes.remove(volume.name(), true);

        assertThat(docker.engine().containers().find(user)).isEmpty();
        assertThatThrownBy(() -> volumes.inspect(volume.name())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void prunesOnlyUnusedVolumesWithTheGivenLabels() {
        String run = UUID.randomUUID().toString();
        VolumeDetails unused = create("unused", run);
        VolumeDetails used = create("kept", run);
        VolumeDetails otherRun = create("other", "not-" + run);
        docker.run(docker.container("keeper", "sleep", "3600").mount(Mount.volume(used.name(), "/data")).build());

        PruneResult result = volumes.prune(LabelFilter.any().with("io.orbitr.test.run", run));

        assertThat(result.removed()).containsExactly(unused.name());
        assertThat(volumes.inspect(used.name())).isNotNull();
        assertThat(volumes.inspect(otherRun.name())).isNotNull();
    }

    @Test
    void anUnnamedVolumeGetsAName() {
        VolumeDetails anonymous = volumes.create(VolumeSpec.builder().label(DockerFixture.OWNER_LABEL, "orbitr-dm")
                .build());
        docker.removeVolumeOnClose(anonymous.name());
        assertThat(anonymous.name()).isNotBlank();
    }
}
