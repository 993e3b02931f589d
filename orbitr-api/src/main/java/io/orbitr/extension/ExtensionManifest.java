package io.orbitr.extension;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An extension's manifest ({@code orbitr-extension.yml}, {@code manifestVersion: 1}): its identity, install-form
 * inputs and generated secrets, Compose services, main service, route, health checks, dependencies, exports and
 * volumes. The record only refuses nulls; {@code ExtensionManager.validate} reports every problem with its path.
 *
 * <pre>{@code
 * ExtensionManifest manifest = ExtensionManifest.builder("whoami", "Who am I", "1.0.0")
 *         .service("web", ServiceSpec.builder("traefik/whoami:v1.10").build())
 *         .route(ExtensionRoute.http("whoami", 80))
 *         .build();
 * }</pre>
 *
 * @param manifestVersion  the format version, 1
 * @param id               a DNS label, the extension's stable id
 * @param name             the display name
 * @param version          the app's version as its authors write it
 * @param revision         an integer raised on every change of the manifest
 * @param description      a description, may be empty
 * @param category         a category such as {@code database}, may be empty
 * @param icon             an icon URL, may be empty
 * @param website          the app's website, may be empty
 * @param architectures    CPU architectures the images exist for ({@code amd64}, {@code arm64}); empty for any
 * @param minOrbitrVersion the lowest Orbitr version that can install it, may be empty
 * @param inputs           install-form fields
 * @param generated        secrets created once at install
 * @param services         the services by name, in the order written
 * @param main             the service the route and the default checks point at
 * @param route            the proxy route, if the app is reached through the proxy
 * @param health           the health checks
 * @param dependsOn        ids of other extensions installed first
 * @param exports          values dependants may reference as {@code ${exports.<id>.<name>}}
 * @param volumes          named volumes by name
 */
public record ExtensionManifest(int manifestVersion, String id, String name, String version, int revision,
        String description, String category, String icon, String website, List<String> architectures,
        String minOrbitrVersion, List<InputField> inputs, List<GeneratedSecret> generated,
        Map<String, ServiceSpec> services, String main, Optional<ExtensionRoute> route, ExtensionHealth health,
        List<String> dependsOn, Map<String, String> exports, Map<String, ExtensionVolume> volumes) {

    /** The only manifest version this Orbitr reads. */
    public static final int CURRENT_VERSION = 1;

    /** Checks for nulls and freezes the collections. */
    public ExtensionManifest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(icon, "icon");
        Objects.requireNonNull(website, "website");
        architectures = Values.list("architectures", architectures);
        Objects.requireNonNull(minOrbitrVersion, "minOrbitrVersion");
        inputs = Values.list("inputs", inputs);
        generated = Values.list("generated", generated);
        services = Values.map("services", services);
        Objects.requireNonNull(main, "main");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(health, "health");
        dependsOn = Values.list("dependsOn", dependsOn);
        exports = Values.map("exports", exports);
        volumes = Values.map("volumes", volumes);
    }

    /**
     * @param id      the extension's id (a DNS label)
     * @param name    the display name
     * @param version the app's version
     * @return a builder
     */
    public static Builder builder(String id, String name, String version) {
        return new Builder(id, name, version);
    }

    /** @return a builder holding this manifest's values */
    public Builder toBuilder() {
        Builder builder = new Builder(id, name, version).revision(revision).description(description)
                .category(category).icon(icon).website(website).architectures(architectures)
                .minOrbitrVersion(minOrbitrVersion).main(main).health(health).dependsOn(dependsOn);
        builder.manifestVersion = manifestVersion;
        inputs.forEach(builder::input);
        generated.forEach(builder::generated);
        services.forEach(builder::service);
        route.ifPresent(builder::route);
        exports.forEach(builder::export);
        volumes.values().forEach(builder::volume);
        return builder;
    }

    /**
     * @param name an input's or generated secret's name
     * @return whether the manifest declares it
     */
    public boolean declares(String name) {
        return inputs.stream().anyMatch(i -> i.name().equals(name))
                || generated.stream().anyMatch(g -> g.name().equals(name));
    }

    /** @return the main service */
    public ServiceSpec mainService() {
        ServiceSpec service = services.get(main);
        if (service == null) {
            throw new io.orbitr.InvalidValueException("main", main, "names no service of " + id);
        }
        return service;
    }

    /** Builds an {@link ExtensionManifest}; not thread-safe. */
    public static final class Builder {
        private int manifestVersion = CURRENT_VERSION;
        private String id;
        private String name;
        private String version;
        private int revision = 1;
        private String description = "";
        private String category = "";
        private String icon = "";
        private String website = "";
        private List<String> architectures = List.of();
        private String minOrbitrVersion = "";
        private final List<InputField> inputs = new ArrayList<>();
        private final List<GeneratedSecret> generated = new ArrayList<>();
        private final Map<String, ServiceSpec> services = new LinkedHashMap<>();
        private String main;
        private Optional<ExtensionRoute> route = Optional.empty();
        private ExtensionHealth health = ExtensionHealth.DEFAULT;
        private List<String> dependsOn = List.of();
        private final Map<String, String> exports = new LinkedHashMap<>();
        private final Map<String, ExtensionVolume> volumes = new LinkedHashMap<>();

        private Builder(String id, String name, String version) {
            this.id = Objects.requireNonNull(id, "id");
            this.name = Objects.requireNonNull(name, "name");
            this.version = Objects.requireNonNull(version, "version");
        }

        /** @param value the id @return this builder */
        public Builder id(String value) {
            this.id = Objects.requireNonNull(value, "id");
            return this;
        }

        /** @param value the display name @return this builder */
        public Builder name(String value) {
            this.name = Objects.requireNonNull(value, "name");
            return this;
        }

        /** @param value the app's version @return this builder */
        public Builder version(String value) {
            this.version = Objects.requireNonNull(value, "version");
            return this;
        }

        /** @param value the manifest's revision @return this builder */
        public Builder revision(int value) {
            this.revision = value;
            return this;
        }

        /** @param value the description @return this builder */
        public Builder description(String value) {
            this.description = Objects.requireNonNull(value, "description");
            return this;
        }

        /** @param value the category @return this builder */
        public Builder category(String value) {
            this.category = Objects.requireNonNull(value, "category");
            return this;
        }

        /** @param value the icon URL @return this builder */
        public Builder icon(String value) {
            this.icon = Objects.requireNonNull(value, "icon");
            return this;
        }

        /** @param value the website @return this builder */
        public Builder website(String value) {
            this.website = Objects.requireNonNull(value, "website");
            return this;
        }

        /** @param value the architectures @return this builder */
        public Builder architectures(List<String> value) {
            this.architectures = List.copyOf(value);
            return this;
        }

        /** @param value the lowest Orbitr version @return this builder */
        public Builder minOrbitrVersion(String value) {
            this.minOrbitrVersion = Objects.requireNonNull(value, "minOrbitrVersion");
            return this;
        }

        /** @param value an install-form field @return this builder */
        public Builder input(InputField value) {
            inputs.add(Objects.requireNonNull(value, "input"));
            return this;
        }

        /** @param value a generated secret @return this builder */
        public Builder generated(GeneratedSecret value) {
            generated.add(Objects.requireNonNull(value, "generated"));
            return this;
        }

        /**
         * Adds a service; the first one added is the main service unless {@link #main} says otherwise.
         *
         * @param serviceName the service's name
         * @param value       the service
         * @return this builder
         */
        public Builder service(String serviceName, ServiceSpec value) {
            services.put(Objects.requireNonNull(serviceName, "serviceName"), Objects.requireNonNull(value, "service"));
            return this;
        }

        /** @param value the main service's name @return this builder */
        public Builder main(String value) {
            this.main = Objects.requireNonNull(value, "main");
            return this;
        }

        /** @param value the route @return this builder */
        public Builder route(ExtensionRoute value) {
            this.route = Optional.of(value);
            return this;
        }

        /** @return this builder, without a route */
        public Builder noRoute() {
            this.route = Optional.empty();
            return this;
        }

        /** @param value the health settings @return this builder */
        public Builder health(ExtensionHealth value) {
            this.health = Objects.requireNonNull(value, "health");
            return this;
        }

        /** @param value ids of extensions installed first @return this builder */
        public Builder dependsOn(List<String> value) {
            this.dependsOn = List.copyOf(value);
            return this;
        }

        /** @param exportName a name @param value its value @return this builder */
        public Builder export(String exportName, String value) {
            exports.put(exportName, value);
            return this;
        }

        /** @param value a named volume @return this builder */
        public Builder volume(ExtensionVolume value) {
            volumes.put(value.name(), value);
            return this;
        }

        /** @return the manifest */
        public ExtensionManifest build() {
            String mainService = main != null ? main : services.keySet().stream().findFirst().orElse("");
            return new ExtensionManifest(manifestVersion, id, name, version, revision, description, category, icon,
                    website, architectures, minOrbitrVersion, inputs, generated, services, mainService, route, health,
                    dependsOn, exports, volumes);
        }
    }
}
