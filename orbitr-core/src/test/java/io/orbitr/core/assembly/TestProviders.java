package io.orbitr.core.assembly;

import io.orbitr.proxy.ProxyFile;
import io.orbitr.proxy.ProxyGenerator;
import io.orbitr.proxy.ProxySettings;
import io.orbitr.proxy.Route;
import io.orbitr.spi.FeatureProvider;
import io.orbitr.spi.ProviderContext;
import java.util.List;

/** Small providers the assembly tests discover or register. */
public final class TestProviders {

    private TestProviders() {
    }

    /** A proxy generator with id {@code test-proxy} that renders one line per route. */
    public static final class LineProxy implements ProxyGenerator {
        @Override
        public String id() {
            return "test-proxy";
        }

        @Override
        public List<ProxyFile> render(List<Route> routes, ProxySettings settings) {
            return List.of(new ProxyFile("routes.txt", "discovered " + routes.size()));
        }
    }

    /** Another generator with the same id as {@link LineProxy}. */
    public static final class SameIdProxy implements ProxyGenerator {
        @Override
        public String id() {
            return "test-proxy";
        }

        @Override
        public List<ProxyFile> render(List<Route> routes, ProxySettings settings) {
            return List.of();
        }
    }

    /** The host's own generator, registered explicitly to win over {@link LineProxy}. */
    public static final class ExplicitProxy implements ProxyGenerator {
        @Override
        public String id() {
            return "test-proxy";
        }

        @Override
        public List<ProxyFile> render(List<Route> routes, ProxySettings settings) {
            return List.of(new ProxyFile("routes.txt", "explicit"));
        }
    }

    /** A provider whose constructor throws, as one missing a dependency would. */
    public static final class BrokenProxy implements ProxyGenerator {
        /** Always fails. */
        public BrokenProxy() {
            throw new IllegalStateException("needs a library that is not on the class path");
        }

        @Override
        public String id() {
            return "broken";
        }

        @Override
        public List<ProxyFile> render(List<Route> routes, ProxySettings settings) {
            return List.of();
        }
    }

    /** A feature that greets, to show features are found by type. */
    public static final class GreeterFeature implements FeatureProvider<Greeter> {
        @Override
        public String id() {
            return "greeter";
        }

        @Override
        public Class<Greeter> type() {
            return Greeter.class;
        }

        @Override
        public Greeter create(ProviderContext context) {
            return () -> "hello from " + context.dataDirectory().getFileName();
        }
    }

    /** The feature's public type. */
    public interface Greeter {
        /** @return a greeting */
        String greet();
    }
}
