package io.orbitr.core;

import io.orbitr.MissingProviderException;
import io.orbitr.spi.Provider;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The platform's services by type (the store, the container engine, the process supervisor, features), created on
 * first use. Thread-safe.
 */
final class PlatformServices {
    private final Map<Class<?>, Supplier<?>> factories = new ConcurrentHashMap<>();
    private final Map<Class<?>, String> artifacts = new ConcurrentHashMap<>();
    private final Map<Class<?>, String> labels = new ConcurrentHashMap<>();
    private final Map<Class<?>, Object> created = new ConcurrentHashMap<>();
    /** Services in creation order, so that they close in reverse: a service closes before what it depends on. */
    private final List<Object> order = new ArrayList<>();

    <T> void register(Class<T> type, Supplier<? extends T> factory, String artifact) {
        factories.put(type, factory);
        artifacts.put(type, artifact);
    }

    <T> void registerMissing(Class<T> type, String label, String artifact) {
        labels.put(type, label);
        artifacts.put(type, artifact);
    }

    <T> Optional<T> lookup(Class<T> type) {
        Object existing = created.get(type);
        if (existing != null) {
            return Optional.of(type.cast(existing));
        }
        Supplier<?> factory = factories.get(type);
        if (factory == null) {
            return Optional.empty();
        }
        // Not computeIfAbsent: a service's factory may look up other services while it runs. One reentrant lock
        // makes creation happen once per type, and lets a factory create what it depends on.
        synchronized (this) {
            Object service = created.get(type);
            if (service == null) {
                service = factory.get();
                created.put(type, service);
                order.add(service);
            }
            return Optional.of(type.cast(service));
        }
    }

    <T> T require(Class<T> type) {
        return lookup(type).orElseThrow(() -> missing(type));
    }

    private MissingProviderException missing(Class<?> type) {
        if (labels.containsKey(type) || artifacts.containsKey(type)) {
            return new MissingProviderException(labels.getOrDefault(type, "provider of " + type.getName()),
                    artifacts.getOrDefault(type, artifactOf(type)));
        }
        String known = factories.keySet().stream().map(Class::getName).sorted().collect(Collectors.joining(", "));
        if (isApiType(type) || isCoreType(type)) {
            // Adding a jar cannot help: the platform offers its services under their orbitr-api types.
            return MissingProviderException.withMessage("no platform service " + type.getName() + ": the platform"
                    + " offers its services under these types: " + known);
        }
        return MissingProviderException.withMessage("no provider of " + type.getName() + ": add io.orbitr:"
                + artifactOf(type) + " to the class path (the platform offers: " + known + ")");
    }

    /** Types of orbitr-api come from the jar (or directory) that holds the SPI. */
    private static boolean isApiType(Class<?> type) {
        return sameSource(type, Provider.class);
    }

    private static boolean isCoreType(Class<?> type) {
        return sameSource(type, PlatformServices.class);
    }

    private static boolean sameSource(Class<?> type, Class<?> other) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        CodeSource otherSource = other.getProtectionDomain().getCodeSource();
        return source != null && otherSource != null && Objects.equals(source.getLocation(), otherSource.getLocation());
    }

    /** Orbitr's modules keep their types under {@code io.orbitr.<module>}: that names the artifact to add. */
    private static String artifactOf(Class<?> type) {
        String[] parts = type.getName().split("\\.");
        if (parts.length > 3 && parts[0].equals("io") && parts[1].equals("orbitr")) {
            return "orbitr-" + parts[2];
        }
        return "the module that provides " + type.getSimpleName();
    }

    /** @return the services created so far, in creation order */
    synchronized List<Object> createdServices() {
        return List.copyOf(order);
    }
}
