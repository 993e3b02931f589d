package io.orbitr.examples.assembly;

import io.orbitr.MissingProviderException;
import io.orbitr.core.Orbitr;
import io.orbitr.core.assembly.ProviderInfo;
import io.orbitr.proxy.ProxySettings;
import io.orbitr.proxy.Route;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A host application whose class path holds only orbitr-api, orbitr-core, orbitr-proxy-caddy and their libraries.
 * Run in a forked JVM by {@link RestrictedClassPathIT}; prints what it found and exits 0 when the platform works.
 */
public final class CaddyOnlyHost {

    private CaddyOnlyHost() {
    }

    /**
     * @param args the data directory
     * @throws Exception when anything fails, which fails the test
     */
    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        try (Orbitr orbitr = Orbitr.builder().dataDirectory(dataDir).build()) {
            for (ProviderInfo info : orbitr.providers().infos()) {
                System.out.println("provider " + info.kind() + " " + info.id());
            }
            orbitr.providers().problems().forEach(p -> System.out.println("problem " + p.message()));
            expectMissing("engine", orbitr::engine);
            expectMissing("traefik", () -> orbitr.proxyGenerator("traefik"));
            orbitr.proxies().updateSettings(ProxySettings.builder().provider("caddy").defaultDomain("example.com")
                    .outputDirectory(dataDir.resolve("proxy")).build());
            orbitr.proxies().create(Route.builder().name("web").host("web").target("127.0.0.1", 8080).build());
            Path written = orbitr.proxies().outputFile();
            System.out.println("wrote " + written.getFileName());
            System.out.println(Files.readString(written));
        }
        try {
            Class.forName("io.orbitr.docker.engine.DockerEngineProvider");
            System.out.println("docker classes visible");
        } catch (ClassNotFoundException e) {
            System.out.println("docker classes absent");
        }
    }

    private static void expectMissing(String what, Runnable call) {
        try {
            call.run();
            System.out.println(what + " present");
        } catch (MissingProviderException e) {
            System.out.println(what + " missing: " + e.getMessage());
        }
    }
}
