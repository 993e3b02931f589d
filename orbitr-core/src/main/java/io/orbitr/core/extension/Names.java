package io.orbitr.core.extension;

/** The names Orbitr gives an extension's resources; every one carries the extension's id. */
final class Names {
    /** The label every container, network and volume of an extension carries, with the extension's id. */
    static final String LABEL = "io.orbitr.extension";
    /** The label with the service's name. */
    static final String SERVICE_LABEL = "io.orbitr.extension.service";
    /** The label with the manifest's revision. */
    static final String REVISION_LABEL = "io.orbitr.extension.revision";

    private Names() {
    }

    static String network(String id) {
        return "orbitr-ext-" + id;
    }

    static String container(String id, String service) {
        return "orbitr-ext-" + id + "-" + service;
    }

    static String volume(String id, String volume) {
        return "orbitr-ext-" + id + "-" + volume;
    }

    static String targetPrefix(String id) {
        return "ext." + id + ".";
    }

    static String target(String id, String check) {
        return targetPrefix(id) + check;
    }

    static String group(String id) {
        return "ext-" + id;
    }

    static String route(String id) {
        return "ext-" + id;
    }

    static String pathRoute(String id) {
        return "ext-" + id + "-path";
    }
}
