package io.orbitr.core.assembly;

import io.orbitr.proxy.ProxyFile;
import io.orbitr.proxy.ProxyGenerator;
import io.orbitr.proxy.ProxySettings;
import io.orbitr.proxy.Route;
import io.orbitr.spi.FeatureProvider;
import io.orbitr.spi.ProviderContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small providers the assembly tests discover or register. */
public final class TestProviders {

    private TestProviders() {
    }

    /** A generator that renders one file saying who rendered it. */
    public abstract static class TextProxy implements ProxyGenerator {
        /** @return what the rendered file says */
        abstract String text();

        @Override
        public String fileName() {
            return "routes.txt";
        }

        @Override
        public Optional<ProxyFile> render(List<Route> routes, ProxySettings settings) {
            return Optional.of(new ProxyFile(fileName(), text()));
        }

        @Override
        public Map<String, String> containerLabels(List<Route> routes, ProxySettings settings) {
            return Map.of();
        }
    }

    /** A proxy generator with id {@code test-proxy} that renders one line per route. */
    public static final class LineProxy extends TextProxy {
        @Override
        public String id() {
            return "test-proxy";
        }

        @Override
        String text() {
            return "discovered";
        }
    }

    /** Another generator with the same id as {@link LineProxy}. */
    public static final class SameIdProxy extends TextProxy {
        @Override
        public String id() {
            return "test-proxy";
        }

        @Override
        String text() {
            return "";
        }
    }

    /** The host's own generator, registered explicitly to win over {@link LineProxy}. */
    public static final class ExplicitProxy extends TextProxy {
        @Override
        public String id() {
            return "test-proxy";
        }

        @Override
        String text() {
            return "explicit";
        }
    }

    /** A provider whose constructor throws, as one missing a dependency would. */
    public static final class BrokenProxy extends TextProxy {
        /** Always fails. */
        public BrokenProxy() {
            throw new IllegalStateException("needs a library that is not on the class path");
        }

        @Override
        public String id() {
            return "broken";
        }

        @Override
        String text() {
            return "";
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
