package io.orbitr.engine;

import java.util.List;
import java.util.Optional;

/**
 * The container engines one Orbitr manages, by endpoint name. The endpoint {@value EngineSettings#LOCAL} always
 * exists (by default the local socket, or {@code DOCKER_HOST}); others come from the platform's settings, the
 * builder, or the launcher's {@code --engine NAME=URI}. Each endpoint has its own client: an endpoint that does not
 * answer fails only its own calls, with an {@link io.orbitr.UnavailableException} that names it. Thread-safe.
 *
 * <pre>{@code
 * orbitr.engines().save(EngineSettings.named("edge", URI.create("tcp://10.0.0.5:2376"))
 *         .withTls(EngineTls.inDirectory(Path.of("/etc/orbitr/edge"))));
 * List<ContainerSummary> there = orbitr.engines().get("edge").containers().list(ContainerQuery.all()).items();
 * }</pre>
 */
public interface Engines {

    /**
     * @param name the endpoint's name
     * @return its engine client, connected on first use and closed with the platform
     * @throws io.orbitr.NotFoundException when there is no such endpoint
     */
    ContainerEngine get(String name);

    /** @return the {@value EngineSettings#LOCAL} engine */
    default ContainerEngine local() {
        return get(EngineSettings.LOCAL);
    }

    /**
     * @param name the endpoint's name
     * @return its settings, or empty when there is no such endpoint
     */
    Optional<EngineSettings> find(String name);

    /** @return every endpoint, {@value EngineSettings#LOCAL} first, then by name */
    List<EngineSettings> list();

    /**
     * Checks an endpoint's name given as input (a request's field, a check's option) before anything is done with it.
     *
     * @param field what the input is called, for the message
     * @param name  the endpoint's name
     * @return the name
     * @throws io.orbitr.InvalidValueException naming the field and the configured endpoints when none has that name
     */
    default String requireConfigured(String field, String name) {
        if (find(name).isEmpty()) {
            throw new io.orbitr.InvalidValueException(field, name, "is not a configured engine; configured: "
                    + list().stream().map(EngineSettings::name).toList());
        }
        return name;
    }

    /**
     * Adds an endpoint, or replaces the one with its name, and keeps it in the platform's settings. A replaced
     * endpoint's client is closed; its next call connects anew.
     *
     * @param settings the endpoint
     * @return the settings as saved
     */
    EngineSettings save(EngineSettings settings);

    /**
     * Removes an endpoint from the settings and closes its client.
     *
     * @param name the endpoint's name
     * @throws io.orbitr.NotFoundException when there is no such endpoint
     * @throws io.orbitr.ConflictException when it is {@value EngineSettings#LOCAL}, which always exists
     */
    void remove(String name);
}
