package io.orbitr.examples.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.orbitr.OrbitrException;
import io.orbitr.core.Orbitr;
import io.orbitr.core.assembly.ProviderInfo;
import io.orbitr.core.assembly.ProviderKind;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.EngineInfo;
import io.orbitr.engine.EngineSettings;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code orbitr status}: the version, the providers, the store and the Docker engine, as text or JSON. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Print Orbitr's version, its providers, the data directory and store, and the Docker engine.")
final class StatusCommand implements Callable<Integer> {
    /** A status answers fast: an engine that does not answer within this bound is reported unavailable. */
    private static final Duration ENGINE_BOUND = Duration.ofMillis(1500);

    @Mixin
    private PlatformOptions options;

    @Option(names = "--json", description = "Print JSON instead of text.")
    private boolean json;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> status = new LinkedHashMap<>();
        try (Orbitr orbitr = options.builder(ENGINE_BOUND).build()) {
            status.put("version", Orbitr.version());
            Map<String, List<String>> providers = new LinkedHashMap<>();
            for (ProviderKind kind : ProviderKind.all()) {
                providers.put(kind.label(), new ArrayList<>());
            }
            for (ProviderInfo info : orbitr.providers().infos()) {
                providers.get(info.kind()).add(info.id());
            }
            status.put("providers", providers);
            status.put("problems", orbitr.providers().problems().stream()
                    .map(p -> p.kind() + ": " + p.message()).toList());
            status.put("dataDirectory", orbitr.dataDirectory().toAbsolutePath().normalize().toString());
            status.put("store", orbitr.store().description());
            status.put("engine", engine(orbitr.engineSettings(), orbitr.engine()));
            Map<String, Object> engines = new LinkedHashMap<>();
            for (EngineSettings endpoint : orbitr.engines().list()) {
                engines.put(endpoint.name(), endpoint.name().equals(EngineSettings.LOCAL) ? status.get("engine")
                        : engine(endpoint, orbitr.engines().get(endpoint.name())));
            }
            status.put("engines", engines);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(status));
        } else {
            printText(out, status);
        }
        out.flush();
        return 0;
    }

    private static Map<String, Object> engine(EngineSettings endpoint, ContainerEngine client) {
        Map<String, Object> engine = new LinkedHashMap<>();
        engine.put("endpoint", endpoint.host().toString());
        engine.put("tls", endpoint.tls().isPresent());
        try {
            EngineInfo info = client.info();
            engine.put("available", true);
            engine.put("version", info.version());
            engine.put("apiVersion", info.apiVersion());
            engine.put("os", info.operatingSystem());
            engine.put("kernel", info.kernelVersion());
            engine.put("architecture", info.architecture());
            engine.put("cpus", info.cpus());
            engine.put("memoryBytes", info.memoryBytes());
            engine.put("containers", info.containers());
            engine.put("containersRunning", info.containersRunning());
            engine.put("images", info.images());
        } catch (OrbitrException e) {
            engine.put("available", false);
            engine.put("reason", e.getMessage());
        }
        return engine;
    }

    @SuppressWarnings("unchecked")
    private static void printText(PrintWriter out, Map<String, Object> status) {
        out.println("orbitr " + status.get("version"));
        out.println("providers:");
        ((Map<String, List<String>>) status.get("providers")).forEach((kind, ids) ->
                out.println("  " + kind + ": " + (ids.isEmpty() ? "(none)" : String.join(", ", ids))));
        for (String problem : (List<String>) status.get("problems")) {
            out.println("  skipped " + problem);
        }
        out.println("data directory: " + status.get("dataDirectory"));
        out.println("store: " + status.get("store"));
        ((Map<String, Map<String, Object>>) status.get("engines")).forEach((name, engine) -> printEngine(out, name,
                engine));
    }

    private static void printEngine(PrintWriter out, String name, Map<String, Object> engine) {
        // The local engine keeps the line earlier versions printed ("engine: ..."); others carry their name.
        String label = name.equals(EngineSettings.LOCAL) ? "engine" : "engine " + name;
        if (Boolean.TRUE.equals(engine.get("available"))) {
            out.printf("%s: Docker %s (API %s) at %s%n", label, engine.get("version"), engine.get("apiVersion"),
                    engine.get("endpoint"));
            out.printf("  os: %s, kernel %s, %s%n", engine.get("os"), engine.get("kernel"), engine.get("architecture"));
            out.printf("  cpus: %s, memory: %.1f GiB%n", engine.get("cpus"),
                    ((Number) engine.get("memoryBytes")).doubleValue() / (1L << 30));
            out.printf("  containers: %s (%s running), images: %s%n", engine.get("containers"),
                    engine.get("containersRunning"), engine.get("images"));
        } else {
            out.println(label + " unavailable: " + engine.get("reason"));
        }
    }
}
