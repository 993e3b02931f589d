package io.orbitr.examples.server;

import io.orbitr.InvalidValueException;
import io.orbitr.core.Orbitr;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.EngineSettings;
import java.util.Optional;

/**
 * The container engines this server manages ({@code local} and those the settings or {@code --engine} add). The
 * engine endpoints address one with the {@code engine} query parameter; without it they mean {@code local}.
 */
final class EnginesEndpoints {
    private final Orbitr orbitr;

    EnginesEndpoints(Orbitr orbitr) {
        this.orbitr = orbitr;
    }

    void register(Handlers handlers) {
        handlers.on("listEngines", call -> call.ok(PageBody.of(orbitr.engines().list().stream()
                .map(EngineView::of).toList(), call)));
    }

    /**
     * @param orbitr the platform
     * @param call   a request, with an optional {@code engine} query parameter
     * @return the engine it addresses: {@code local} by default
     * @throws InvalidValueException naming the configured engines when there is none of that name
     */
    static ContainerEngine engine(Orbitr orbitr, Call call) {
        Optional<String> name = call.query("engine");
        if (name.isEmpty() || name.get().equals(EngineSettings.LOCAL)) {
            return orbitr.engine();
        }
        return orbitr.engines().get(orbitr.engines().requireConfigured("engine", name.get()));
    }

    /** An engine endpoint as the API shows it (never its TLS files). */
    record EngineView(String name, String host, boolean tls, long requestTimeoutSeconds) {
        static EngineView of(EngineSettings s) {
            return new EngineView(s.name(), s.host().toString(), s.tls().isPresent(), s.requestTimeout().toSeconds());
        }
    }
}
