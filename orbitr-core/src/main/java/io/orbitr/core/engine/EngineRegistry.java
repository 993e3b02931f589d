package io.orbitr.core.engine;

import io.orbitr.ConflictException;
import io.orbitr.MissingProviderException;
import io.orbitr.NotFoundException;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.ContainerEngineProvider;
import io.orbitr.engine.EngineSettings;
import io.orbitr.engine.Engines;
import io.orbitr.store.Store;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's engine endpoints. Where an endpoint comes from, strongest first: what the host gave the builder
 * (or the launcher's {@code --engine}), what is stored in the settings table, and for {@code local} the default
 * ({@code DOCKER_HOST}, else the local socket). {@link #save} stores an endpoint and uses it at once.
 *
 * <p>Each endpoint has a client of its own, connected on first use; a dead endpoint fails only its own calls.
 * Thread-safe.
 */
public final class EngineRegistry implements Engines, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EngineRegistry.class);

    private final EndpointStore store;
    private final Clock clock;
    private final Optional<ContainerEngineProvider> provider;
    private final Map<String, EngineSettings> endpoints = new ConcurrentHashMap<>();
    private final Map<String, ContainerEngine> clients = new ConcurrentHashMap<>();
    private final Map<String, EndpointEngine> handles = new ConcurrentHashMap<>();
    private final List<Consumer<String>> changeListeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /**
     * @param store         where endpoints are kept (the {@code settings} table)
     * @param clock         stamps saved rows
     * @param provider      connects endpoints; without one, {@link #get} fails naming the artifact to add
     * @param defaultLocal  the {@code local} endpoint when nothing else names it
     * @param explicit      endpoints the host gave; they win over stored ones of the same name
     */
    public EngineRegistry(Store store, Clock clock, Optional<ContainerEngineProvider> provider,
            EngineSettings defaultLocal, List<EngineSettings> explicit) {
        this.store = new EndpointStore(Objects.requireNonNull(store, "store"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.provider = Objects.requireNonNull(provider, "provider");
        endpoints.put(EngineSettings.LOCAL, defaultLocal.withName(EngineSettings.LOCAL));
        for (EngineSettings stored : this.store.load()) {
            endpoints.put(stored.name(), stored);
        }
        for (EngineSettings given : explicit) {
            endpoints.put(given.name(), given);
        }
        log.debug("engine endpoints: {}", list().stream().map(EngineSettings::format).toList());
    }

    @Override
    public ContainerEngine get(String name) {
        EngineSettings.requireName(name);
        if (provider.isEmpty()) {
            throw new MissingProviderException("container engine provider", "orbitr-docker");
        }
        if (!endpoints.containsKey(name)) {
            throw new NotFoundException("engine endpoint", name + " (known: " + String.join(", ", names()) + ")");
        }
        return handles.computeIfAbsent(name, key -> new EndpointEngine(key, () -> client(key),
                () -> find(key).orElseThrow(() -> new NotFoundException("engine endpoint", key))));
    }

    @Override
    public Optional<EngineSettings> find(String name) {
        return Optional.ofNullable(endpoints.get(name));
    }

    @Override
    public List<EngineSettings> list() {
        List<EngineSettings> all = new ArrayList<>(endpoints.values());
        all.sort(Comparator.comparing((EngineSettings e) -> !e.name().equals(EngineSettings.LOCAL))
                .thenComparing(EngineSettings::name));
        return all;
    }

    @Override
    public EngineSettings save(EngineSettings settings) {
        Objects.requireNonNull(settings, "settings");
        store.save(settings, clock.millis());
        EngineSettings previous = endpoints.put(settings.name(), settings);
        if (previous != null && !previous.equals(settings)) {
            retire(settings.name());
        }
        log.info("saved engine endpoint {}", settings.format());
        return settings;
    }

    @Override
    public void remove(String name) {
        EngineSettings.requireName(name);
        if (name.equals(EngineSettings.LOCAL)) {
            throw new ConflictException("engine endpoint local always exists; save another address for it instead");
        }
        boolean stored = store.remove(name);
        if (endpoints.remove(name) == null && !stored) {
            throw new NotFoundException("engine endpoint", name);
        }
        handles.remove(name);
        retire(name);
        log.info("removed engine endpoint {}", name);
    }

    /**
     * @param listener told the name of an endpoint whose client was replaced or removed (the stream hub closes the
     *                 streams it opened there); called on the saving thread, must not block
     */
    public void onChange(Consumer<String> listener) {
        changeListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** @return the endpoints' names, {@code local} first */
    public List<String> names() {
        return list().stream().map(EngineSettings::name).toList();
    }

    /** Closes every endpoint's client. Idempotent. */
    @Override
    public void close() {
        closed = true;
        for (String name : List.copyOf(clients.keySet())) {
            closeClient(name);
        }
    }

    private ContainerEngine client(String name) {
        if (closed) {
            throw new io.orbitr.OrbitrException("the platform is closed");
        }
        ContainerEngine existing = clients.get(name);
        if (existing != null) {
            return existing;
        }
        ContainerEngineProvider connector = provider.orElseThrow(
                () -> new MissingProviderException("container engine provider", "orbitr-docker"));
        synchronized (this) {
            EngineSettings settings = endpoints.get(name);
            if (settings == null) {
                throw new NotFoundException("engine endpoint", name);
            }
            return clients.computeIfAbsent(name, key -> connector.connect(settings));
        }
    }

    private void retire(String name) {
        closeClient(name);
        for (Consumer<String> listener : changeListeners) {
            try {
                listener.accept(name);
            } catch (RuntimeException e) {
                log.warn("a listener of engine endpoint changes failed: {}", e.toString());
            }
        }
    }

    private synchronized void closeClient(String name) {
        ContainerEngine client = clients.remove(name);
        if (client != null) {
            try {
                client.close();
            } catch (RuntimeException e) {
                log.warn("closing the client of engine endpoint {} failed: {}", name, e.toString());
            }
        }
    }

    /** @return the endpoints by name, for status output */
    public Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        list().forEach(e -> out.put(e.name(), e.host() + (e.tls().isPresent() ? " (TLS)" : "")));
        return out;
    }
}
