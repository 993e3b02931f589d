package io.orbitr.core.assembly;

import io.orbitr.MissingProviderException;
import io.orbitr.NearestName;
import io.orbitr.OrbitrException;
import io.orbitr.spi.Provider;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers of every SPI, found by {@link ServiceLoader} on one class loader and merged with those the host
 * registered explicitly. Explicit registration wins over discovery; two discovered providers with one id are an
 * error that names both classes and where they came from; a provider that fails to load is reported and skipped.
 * Immutable once built.
 */
public final class ProviderCatalog {
    private static final Logger log = LoggerFactory.getLogger(ProviderCatalog.class);
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final Map<ProviderKind, Map<String, Provider>> providers;
    private final List<ProviderInfo> infos;
    private final List<LoadProblem> problems;

    private ProviderCatalog(Map<ProviderKind, Map<String, Provider>> providers, List<ProviderInfo> infos,
            List<LoadProblem> problems) {
        this.providers = providers;
        this.infos = List.copyOf(infos);
        this.problems = List.copyOf(problems);
    }

    /**
     * Discovers the providers of every kind and merges the explicit ones.
     *
     * @param classLoader where to look, or empty to skip discovery
     * @param explicit    the providers the host registered, which win over discovered ones of the same id
     * @return the catalog
     * @throws OrbitrException when two discovered, or two explicit, providers share one id
     */
    public static ProviderCatalog discover(Optional<ClassLoader> classLoader, Collection<? extends Provider> explicit) {
        Map<ProviderKind, Map<String, Provider>> byKind = new LinkedHashMap<>();
        List<ProviderInfo> infos = new ArrayList<>();
        List<LoadProblem> problems = new ArrayList<>();
        for (ProviderKind kind : ProviderKind.all()) {
            Map<String, Provider> chosen = new LinkedHashMap<>();
            Map<String, ProviderInfo> chosenInfo = new LinkedHashMap<>();
            for (Provider provider : explicit) {
                if (kind.type().isInstance(provider)) {
                    add(kind, provider, true, chosen, chosenInfo, problems);
                }
            }
            Map<String, ProviderInfo> explicitIds = Map.copyOf(chosenInfo);
            classLoader.ifPresent(loader -> {
                for (Provider provider : load(kind, loader, problems)) {
                    String id = provider.id();
                    if (explicitIds.containsKey(id)) {
                        log.debug("{} '{}' from {} is overridden by the explicitly registered {}", kind.label(), id,
                                provider.getClass().getName(), explicitIds.get(id).className());
                        continue;
                    }
                    add(kind, provider, false, chosen, chosenInfo, problems);
                }
            });
            byKind.put(kind, Collections.unmodifiableMap(chosen));
            infos.addAll(chosenInfo.values());
        }
        problems.forEach(p -> log.warn("skipped a {}: {}", p.kind(), p.message()));
        return new ProviderCatalog(Collections.unmodifiableMap(byKind), infos, problems);
    }

    private static List<Provider> load(ProviderKind kind, ClassLoader loader, List<LoadProblem> problems) {
        List<Provider> found = new ArrayList<>();
        Iterator<? extends Provider> iterator = ServiceLoader.load(kind.type(), loader).iterator();
        while (true) {
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                found.add(iterator.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                // A broken provider is reported and skipped; the others still load.
                problems.add(new LoadProblem(kind.label(), describe(e)));
            }
        }
        return found;
    }

    private static void add(ProviderKind kind, Provider provider, boolean explicit, Map<String, Provider> chosen,
            Map<String, ProviderInfo> infos, List<LoadProblem> problems) {
        String id;
        try {
            id = provider.id();
        } catch (RuntimeException e) {
            problems.add(new LoadProblem(kind.label(), provider.getClass().getName() + ".id() threw " + e));
            return;
        }
        if (id == null || !ID.matcher(id).matches()) {
            problems.add(new LoadProblem(kind.label(), provider.getClass().getName() + " has an invalid id '" + id
                    + "': ids are lowercase letters, digits and '-'"));
            return;
        }
        ProviderInfo info = new ProviderInfo(kind.label(), id, provider.getClass().getName(),
                location(provider.getClass()), explicit);
        ProviderInfo previous = infos.get(id);
        if (previous != null) {
            throw new OrbitrException("two " + kind.label() + "s have the id '" + id + "': "
                    + previous.className() + " (" + previous.location() + ") and " + info.className() + " ("
                    + info.location() + "); remove one of them from the class path, or register the one to use "
                    + "explicitly with Orbitr.builder().register(...)");
        }
        chosen.put(id, provider);
        infos.put(id, info);
    }

    private static String describe(Throwable error) {
        StringBuilder message = new StringBuilder(String.valueOf(error.getMessage()));
        for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
            message.append(" (caused by ").append(cause).append(')');
        }
        return message.toString();
    }

    private static String location(Class<?> type) {
        try {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            return source == null || source.getLocation() == null ? "unknown" : source.getLocation().toString();
        } catch (SecurityException e) {
            return "unknown";
        }
    }

    /**
     * @param kind an SPI
     * @param <P>  the SPI type
     * @return its providers by id, in discovery order
     */
    @SuppressWarnings("unchecked")
    public <P extends Provider> Map<String, P> all(ProviderKind kind) {
        return (Map<String, P>) providers.getOrDefault(kind, Map.of());
    }

    /**
     * @param kind an SPI
     * @param id   a provider id
     * @param <P>  the SPI type
     * @return the provider, or empty
     */
    public <P extends Provider> Optional<P> find(ProviderKind kind, String id) {
        return Optional.ofNullable(this.<P>all(kind).get(id));
    }

    /**
     * @param kind an SPI
     * @param id   a provider id
     * @param <P>  the SPI type
     * @return the provider
     * @throws MissingProviderException naming the artifact to add when there is none
     */
    public <P extends Provider> P require(ProviderKind kind, String id) {
        return require(kind, id, List.of());
    }

    /**
     * @param kind    an SPI
     * @param id      a provider id
     * @param builtIn names the platform serves itself without a provider (the health monitor's {@code push}),
     *                offered with the providers when the id looks like a typo of one
     * @param <P>     the SPI type
     * @return the provider
     * @throws MissingProviderException naming the artifact to add when there is none
     */
    public <P extends Provider> P require(ProviderKind kind, String id, java.util.Collection<String> builtIn) {
        return this.<P>find(kind, id).orElseThrow(() -> missing(kind, id, builtIn));
    }

    /**
     * Says what is missing, what exists instead (the nearest id first, when one looks like a typo) and what to add.
     * An artifact is named only for a well-known id, so a typo is never answered with a module that is already there.
     */
    private MissingProviderException missing(ProviderKind kind, String id, java.util.Collection<String> builtIn) {
        List<String> available = java.util.stream.Stream.concat(all(kind).keySet().stream(), builtIn.stream())
                .distinct().sorted().toList();
        StringBuilder message = new StringBuilder("no ").append(kind.label()).append(" '").append(id).append('\'');
        java.util.Optional<String> nearest = NearestName.of(id, available);
        nearest.ifPresent(name -> message.append("; did you mean '").append(name).append("'?"));
        message.append(available.isEmpty() ? "; there are none on the class path"
                : (nearest.isPresent() ? " Available: " : "; available: ") + String.join(", ", available));
        String artifact = kind.artifactsById().get(id);
        message.append(artifact != null ? "; add io.orbitr:" + artifact + " to the class path"
                : "; for another " + kind.label() + ", add " + (kind.defaultArtifact().startsWith("orbitr-")
                        ? "io.orbitr:" + kind.defaultArtifact() : kind.defaultArtifact()));
        return MissingProviderException.withMessage(message.toString());
    }

    /** @return every provider, in kind order, each once (a provider of two SPIs is listed under each) */
    public List<ProviderInfo> infos() {
        return infos;
    }

    /** @return the providers that could not be loaded */
    public List<LoadProblem> problems() {
        return problems;
    }

    /** @return every distinct provider instance, in kind order */
    public List<Provider> instances() {
        List<Provider> out = new ArrayList<>();
        for (Map<String, Provider> byId : providers.values()) {
            for (Provider provider : byId.values()) {
                if (out.stream().noneMatch(p -> p == provider)) {
                    out.add(provider);
                }
            }
        }
        return out;
    }
}
