package io.orbitr.testing;

import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Volume;
import java.time.Duration;
import java.util.UUID;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * A container an IT starts as a fixture (a log writer, a web server to proxy to, a one-shot shell), through
 * Testcontainers on the locally built busybox image ({@link TestImages#busybox()}: no registry is reachable). Each
 * has a unique name under the given prefix and the label {@code io.orbitr.test=testcontainers}; {@link #stop()}
 * (or try-with-resources) removes it with its anonymous volumes, since the reaper is off (see the parent pom).
 *
 * <p>Containers that the code under test creates through Orbitr's engine are not fixtures and do not use this.
 */
public final class BusyboxContainer extends GenericContainer<BusyboxContainer> {
    /** The label every fixture container carries, so a leftover is easy to find. */
    public static final String LABEL = "io.orbitr.test";

    private final String name;

    /**
     * @param prefix the name's prefix, for example {@code orbitr-ds-}
     * @param script the shell script the container runs ({@code sh -c script})
     */
    public BusyboxContainer(String prefix, String script) {
        super(DockerImageName.parse(TestImages.busybox()));
        this.name = prefix + UUID.randomUUID().toString().substring(0, 12);
        withCommand("sh", "-c", script);
        withLabel(LABEL, "testcontainers");
        withStartupTimeout(Duration.ofSeconds(60));
        withCreateContainerCmdModifier(create -> create.withName(name));
    }

    /** @return the container's name, usable wherever the engine takes a name or id */
    public String name() {
        return name;
    }

    /** Caps the container's memory ({@code --memory}). */
    public BusyboxContainer withMemoryLimit(long bytes) {
        return withCreateContainerCmdModifier(create -> create.getHostConfig().withMemory(bytes));
    }

    /** Sizes its /dev/shm ({@code --shm-size}). */
    public BusyboxContainer withShmBytes(long bytes) {
        return withCreateContainerCmdModifier(create -> create.getHostConfig().withShmSize(bytes));
    }

    /** Gives it a terminal ({@code -t}): the engine then merges stdout and stderr into one raw stream. */
    public BusyboxContainer withTty() {
        return withCreateContainerCmdModifier(create -> create.withTty(true));
    }

    /** Restarts it whenever it stops ({@code --restart always}). */
    public BusyboxContainer withRestartAlways() {
        return withCreateContainerCmdModifier(create -> create.getHostConfig()
                .withRestartPolicy(RestartPolicy.alwaysRestart()));
    }

    /** Mounts a named volume ({@code -v volume:path}). */
    public BusyboxContainer withNamedVolume(String volume, String path) {
        return withCreateContainerCmdModifier(create -> create.getHostConfig()
                .withBinds(new Bind(volume, new Volume(path))));
    }

    /**
     * Makes it a one-shot: {@link #start()} returns once the script has exited 0, and fails with its log otherwise.
     */
    public BusyboxContainer asOneShot() {
        return withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofSeconds(60)));
    }
}
