package io.orbitr.examples.launcher;

import io.orbitr.InvalidValueException;
import io.orbitr.engine.EngineSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The {@code --engine NAME=URI} option, repeatable, for every command that assembles a platform (a picocli mixin;
 * {@link PlatformOptions} includes it). Endpoints given here are used for this run and win over stored endpoints of
 * the same name; they are not stored. A {@code tcp://} URI carries its TLS files as {@code ?tls=DIR} or
 * {@code ?ca=..&cert=..&key=..}.
 *
 * <pre>
 * orbitr status --engine edge=tcp://10.0.0.5:2376?tls=/etc/orbitr/edge --engine lab=unix:///run/lab.sock
 * </pre>
 */
public final class EngineOptions {

    @Option(names = "--engine", paramLabel = "NAME=URI", converter = EndpointConverter.class,
            description = "An engine endpoint, repeatable: NAME=unix:///path.sock or NAME=tcp://host:2376"
                    + "?tls=DIR (DIR holds ca.pem, cert.pem, key.pem) or ?ca=FILE&cert=FILE&key=FILE. "
                    + "The name local replaces the default engine.")
    List<EngineSettings> endpoints = new ArrayList<>();

    /**
     * @param requestTimeout the bound on each request to these endpoints
     * @return the endpoints given, each with that bound (and a connect bound of at most 1 s)
     * @throws InvalidValueException when one name is given twice
     */
    public List<EngineSettings> endpoints(Duration requestTimeout) {
        Map<String, EngineSettings> byName = new LinkedHashMap<>();
        for (EngineSettings endpoint : endpoints) {
            if (byName.put(endpoint.name(), endpoint) != null) {
                throw new InvalidValueException("--engine", endpoint.name(), "names one endpoint twice");
            }
        }
        Duration connect = Duration.ofMillis(Math.min(1000, requestTimeout.toMillis()));
        return byName.values().stream()
                .map(e -> e.withRequestTimeout(requestTimeout).withConnectTimeout(connect))
                .toList();
    }

    /** Reads {@code NAME=URI} with {@link EngineSettings#parse(String)}; a bad value is reported by picocli. */
    static final class EndpointConverter implements CommandLine.ITypeConverter<EngineSettings> {
        @Override
        public EngineSettings convert(String value) {
            try {
                return EngineSettings.parse(value);
            } catch (InvalidValueException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
