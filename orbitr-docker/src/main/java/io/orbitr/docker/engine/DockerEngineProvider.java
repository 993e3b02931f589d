package io.orbitr.docker.engine;

import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.ContainerEngineProvider;
import io.orbitr.engine.EngineSettings;

/** Provides the {@code docker} container engine through docker-java and its httpclient5 transport. */
public final class DockerEngineProvider implements ContainerEngineProvider {

    /** The provider id. */
    public static final String ID = "docker";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ContainerEngine connect(EngineSettings settings) {
        return new DockerEngine(settings);
    }
}
