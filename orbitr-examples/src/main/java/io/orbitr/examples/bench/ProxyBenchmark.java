package io.orbitr.examples.bench;

import io.orbitr.core.assembly.ProviderCatalog;
import io.orbitr.core.assembly.ProviderKind;
import io.orbitr.examples.proxy.BenchmarkRoutes;
import io.orbitr.proxy.ProxyGenerator;
import io.orbitr.proxy.ProxySettings;
import io.orbitr.proxy.Route;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code orbitr bench proxy}: renders the same routes with each proxy generator, after a warm-up, and prints the
 * median render time and the size of the output. Rendering includes what a real change pays: resolving single-label
 * hosts under the default domain, checking the routes against each other, and producing the text.
 */
@Command(name = "proxy", mixinStandardHelpOptions = true,
        description = "Render 10,000 routes with each proxy generator (median of several runs after a warm-up).")
public final class ProxyBenchmark implements Callable<Integer> {

    @Option(names = "--routes", paramLabel = "N", description = "How many routes (default: ${DEFAULT-VALUE}).")
    int routeCount = 10_000;

    @Option(names = "--warmup", paramLabel = "N", description = "Renders before measuring (default: ${DEFAULT-VALUE}).")
    int warmup = 20;

    @Option(names = "--runs", paramLabel = "N", description = "Measured renders (default: ${DEFAULT-VALUE}).")
    int runs = 15;

    @Override
    public Integer call() {
        List<Route> routes = BenchmarkRoutes.of(routeCount);
        ProxySettings settings = ProxySettings.builder().defaultDomain("example.com").acmeEmail("ops@example.com")
                .certResolver("letsencrypt").build();
        ProviderCatalog catalog = ProviderCatalog.discover(Optional.of(ProxyBenchmark.class.getClassLoader()),
                List.of());
        Figures figures = new Figures(System.out);
        figures.figure("proxy routes", routes.size());
        for (String id : List.of("traefik", "caddy")) {
            ProxyGenerator generator = catalog.require(ProviderKind.PROXY, id);
            String content = "";
            for (int i = 0; i < warmup; i++) {
                content = generator.render(routes, settings).orElseThrow().content();
            }
            long[] nanos = new long[runs];
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                generator.render(routes, settings);
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            figures.figure(id + " render ms", nanos[runs / 2] / 1e6);
            figures.figure(id + " bytes", content.getBytes(StandardCharsets.UTF_8).length);
        }
        return 0;
    }
}
