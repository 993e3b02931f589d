package io.orbitr.extension;

import io.orbitr.engine.EngineSettings;
import java.util.Objects;

/**
 * How an extension is installed: on which engine endpoint, and who hears the steps.
 *
 * <pre>{@code
 * extensions.install(redis, Map.of(), InstallOptions.onEngine("edge").withProgress((id, step) -> log(step)));
 * }</pre>
 *
 * <p>{@code InstallOptions.onEngine("edge").asServices()} runs the services as swarm services on an endpoint that is a
 * swarm manager (see {@link Deployment#SERVICES}).
 *
 * <p>The endpoint and the deployment are kept with the install: every later operation on the extension (start, stop, status, upgrade,
 * uninstall, the reconcile at start) goes to that endpoint, and its {@code docker} health checks name it.
 *
 * @param engine   the engine endpoint's name ({@value EngineSettings#LOCAL} by default)
 * @param progress   hears each step
 * @param deployment containers (the default) or swarm services
 */
public record InstallOptions(String engine, ExtensionProgress progress, Deployment deployment) {

    /** Checks the endpoint's name and nulls. */
    public InstallOptions {
        EngineSettings.requireName(engine);
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(deployment, "deployment");
    }

    /**
     * @param engine   the engine endpoint's name
     * @param progress hears each step
     */
    public InstallOptions(String engine, ExtensionProgress progress) {
        this(engine, progress, Deployment.CONTAINERS);
    }

    /** @return on the {@value EngineSettings#LOCAL} engine, hearing nothing */
    public static InstallOptions defaults() {
        return new InstallOptions(EngineSettings.LOCAL, ExtensionProgress.NONE);
    }

    /**
     * @param engine an engine endpoint's name
     * @return on that endpoint, hearing nothing
     */
    public static InstallOptions onEngine(String engine) {
        return new InstallOptions(engine, ExtensionProgress.NONE);
    }

    /**
     * @param value the engine endpoint's name
     * @return these options with it
     */
    public InstallOptions withEngine(String value) {
        return new InstallOptions(value, progress, deployment);
    }

    /**
     * @param value hears each step
     * @return these options with it
     */
    public InstallOptions withProgress(ExtensionProgress value) {
        return new InstallOptions(engine, value, deployment);
    }

    /** @return these options installing the services as swarm services ({@link Deployment#SERVICES}) */
    public InstallOptions asServices() {
        return new InstallOptions(engine, progress, Deployment.SERVICES);
    }

    /**
     * @param value containers or swarm services
     * @return these options with it
     */
    public InstallOptions withDeployment(Deployment value) {
        return new InstallOptions(engine, progress, value);
    }
}
