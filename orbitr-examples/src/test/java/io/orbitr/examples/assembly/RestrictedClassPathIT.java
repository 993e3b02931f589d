package io.orbitr.examples.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.testing.Shell;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves with a real restricted class path, in a forked JVM, that a host with only orbitr-api, orbitr-core and
 * orbitr-proxy-caddy (and their third-party libraries) gets a working platform with Caddy generation, and is told
 * which module to add for the rest.
 */
class RestrictedClassPathIT {
    /** The Orbitr modules the host has, as reactor outputs or installed jars. */
    private static final Pattern ORBITR_PART = Pattern.compile(
            ".*/orbitr-(api|core|proxy-caddy)(/target/classes|/target/orbitr-[a-z-]+-[^/]+(?<!-tests)\\.jar"
                    + "|-[0-9][^/]*(?<!-tests)\\.jar)$");
    /** The libraries orbitr-core brings. */
    private static final Pattern LIBRARY = Pattern.compile(
            ".*/(h2|slf4j-api|jackson-databind|jackson-core|jackson-annotations|jackson-dataformat-yaml|snakeyaml"
                    + "|commons-compress|commons-codec|commons-io|commons-lang3)-[0-9][^/]*\\.jar$");

    @TempDir
    Path dataDir;

    @Test
    void aHostWithOnlyCoreAndCaddyGeneratesCaddyConfigurationAndIsToldWhatToAddForTheRest() {
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String path = entry.replace(File.separatorChar, '/');
            if (ORBITR_PART.matcher(path).matches() || LIBRARY.matcher(path).matches()) {
                classPath.add(entry);
            }
        }
        // The host's own code: this module's test classes (the launcher, docker and traefik are not on the path).
        classPath.add(Path.of(CaddyOnlyHost.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .toString());
        assertThat(classPath).as("restricted class path").hasSize(15).noneMatch(e -> e.contains("orbitr-docker")
                || e.contains("traefik") || e.contains("docker-java") || e.contains("orbitr-examples/target/classes"));

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Shell.Result run = Shell.run(Duration.ofSeconds(60), List.of(java, "-cp",
                String.join(File.pathSeparator, classPath), CaddyOnlyHost.class.getName(), dataDir.toString()));

        assertThat(run.exitCode()).as(run.output()).isZero();
        List<String> lines = Arrays.asList(run.output().split("\n"));
        assertThat(lines).contains("provider proxy generator caddy", "docker classes absent", "wrote Caddyfile")
                .noneMatch(line -> line.startsWith("provider container engine"))
                .noneMatch(line -> line.startsWith("problem"));
        assertThat(run.output())
                .contains("engine missing: no container engine provider: add io.orbitr:orbitr-docker to the class path")
                .contains("traefik missing: no proxy generator 'traefik'; available: caddy; add io.orbitr:orbitr-proxy-traefik")
                .contains("web.example.com")
                .contains("reverse_proxy 127.0.0.1:8080");
    }
}
