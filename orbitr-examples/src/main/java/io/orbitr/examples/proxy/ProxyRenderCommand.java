package io.orbitr.examples.proxy;

import io.orbitr.InvalidValueException;
import io.orbitr.core.assembly.ProviderCatalog;
import io.orbitr.core.assembly.ProviderKind;
import io.orbitr.core.proxy.ParsedRoute;
import io.orbitr.core.proxy.RouteJson;
import io.orbitr.proxy.ProxyFile;
import io.orbitr.proxy.ProxyGenerator;
import io.orbitr.proxy.ProxySettings;
import io.orbitr.proxy.Route;
import io.orbitr.proxy.RouteConflict;
import io.orbitr.proxy.RouteProblem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code orbitr proxy render}: prints the proxy configuration for a JSON array of routes. When any route is invalid,
 * it prints every problem of every route to stderr (each naming the route's index and name, the field and the value),
 * prints no configuration, and exits 2.
 */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Print the proxy configuration for a JSON array of routes.",
        footer = {"", "Exit status: 0 when printed; 2 when a route or an option is invalid (every problem is listed"
                + " on stderr, no configuration is printed)."})
public final class ProxyRenderCommand implements Callable<Integer> {
    private static final int INVALID = 2;

    @Option(names = "--provider", required = true, paramLabel = "traefik|caddy", description = "The proxy.")
    String provider;

    @Option(names = "--routes", required = true, paramLabel = "FILE.json",
            description = "A JSON array of routes: name, host, targetHost, targetPort, protocol, tls, pathPrefix...")
    Path routesFile;

    @Option(names = "--domain", paramLabel = "D", description = "The default domain for single-label hosts.")
    String domain = "";

    @Option(names = "--acme-email", paramLabel = "E", description = "The ACME account email.")
    String acmeEmail = "";

    @Option(names = "--cert-resolver", paramLabel = "NAME", description = "Traefik's certificate resolver.")
    String certResolver = "";

    @Option(names = "--labels", description = "Print Docker labels for one container serving the routes instead.")
    boolean labels;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            ProxySettings settings = ProxySettings.builder().provider(provider).defaultDomain(domain)
                    .acmeEmail(acmeEmail).certResolver(certResolver).build();
            Optional<ProxyGenerator> generator = ProviderCatalog.discover(
                    Optional.of(ProxyRenderCommand.class.getClassLoader()), List.of())
                    .find(ProviderKind.PROXY, provider);
            if (generator.isEmpty()) {
                err.println("orbitr: no proxy generator '" + provider + "': use traefik or caddy");
                return INVALID;
            }
            List<String> problems = new ArrayList<>();
            List<Route> routes = check(read(), generator.get(), settings, problems);
            if (!problems.isEmpty()) {
                problems.forEach(err::println);
                err.println("orbitr: " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                        + ", nothing rendered");
                return INVALID;
            }
            if (labels) {
                for (Map.Entry<String, String> label : generator.get().containerLabels(routes, settings).entrySet()) {
                    out.println(label.getKey() + "=" + label.getValue());
                }
            } else {
                Optional<ProxyFile> file = generator.get().render(routes, settings);
                file.ifPresentOrElse(f -> out.print(f.content()), () -> err.println("orbitr: no routes, nothing to"
                        + " render"));
            }
            out.flush();
            return 0;
        } catch (InvalidValueException e) {
            err.println("orbitr: " + e.getMessage());
            return INVALID;
        }
    }

    private String read() {
        try {
            return Files.readString(routesFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidValueException("--routes", routesFile, "cannot be read (" + e + ")");
        }
    }

    /**
     * Collects every problem: each element's own, then what this proxy cannot serve, then clashes between the valid
     * routes.
     *
     * @return the routes, when there is no problem
     */
    private static List<Route> check(String json, ProxyGenerator generator, ProxySettings settings,
            List<String> problems) {
        List<ParsedRoute> parsed = RouteJson.readArray(json);
        List<Route> valid = new ArrayList<>();
        List<ParsedRoute> validSource = new ArrayList<>();
        for (ParsedRoute element : parsed) {
            element.problems().forEach(p -> problems.add(element.label() + ": " + p.message()));
            element.route().ifPresent(route -> {
                List<RouteProblem> unsupported = generator.unsupported(route);
                unsupported.forEach(p -> problems.add(element.label() + ": " + p.message()));
                if (unsupported.isEmpty()) {
                    valid.add(route);
                    validSource.add(element);
                }
            });
        }
        for (RouteConflict conflict : io.orbitr.proxy.RouteValidator.conflicts(valid, settings)) {
            problems.add(validSource.get(conflict.index()).label() + ": " + conflict.problem().message());
        }
        return valid;
    }
}
