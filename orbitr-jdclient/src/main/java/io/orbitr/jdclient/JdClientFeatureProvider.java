package io.orbitr.jdclient;

import io.orbitr.jdclient.instance.InstanceManager;
import io.orbitr.jdclient.metrics.MetricsSchema;
import io.orbitr.process.ProcessSupervisor;
import io.orbitr.spi.FeatureProvider;
import io.orbitr.spi.ProviderContext;
import io.orbitr.store.Migration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Adds the jd-client feature to the platform: {@code orbitr.feature(InstanceManager.class)}. Registers this module's
 * tables (schema component {@code jdclient}) and builds the {@link InstanceManager} on the platform's store, clock,
 * scheduler, data directory and process supervisor.
 */
public final class JdClientFeatureProvider implements FeatureProvider<InstanceManager> {
    /** The provider's id, also the schema component of its tables. */
    public static final String ID = "jdclient";

    private final Consumer<InstanceManager.Builder> customizer;
    private volatile Optional<ProcessSupervisor> supervisor = Optional.empty();

    /** Cheap, as providers must be: everything happens in {@link #create(ProviderContext)}. */
    public JdClientFeatureProvider() {
        this(builder -> { });
    }

    /**
     * For hosts that register the feature explicitly and want other settings than the defaults, for example
     * {@code Orbitr.builder().register(new JdClientFeatureProvider(b -> b.binary(path).memoryLimitBytes(n)))}.
     *
     * @param customizer adjusts the manager's builder after the platform's services are set
     */
    public JdClientFeatureProvider(Consumer<InstanceManager.Builder> customizer) {
        this.customizer = Objects.requireNonNull(customizer, "customizer");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Migration> migrations() {
        return MetricsSchema.migrations();
    }

    /**
     * Resolves the process supervisor now, when it is a platform service, so that creating the manager later does
     * not look up one lazily created service from inside the creation of another (see the integration notes).
     */
    @Override
    public void start(ProviderContext context) {
        supervisor = context.lookup(ProcessSupervisor.class);
    }

    @Override
    public Class<InstanceManager> type() {
        return InstanceManager.class;
    }

    @Override
    public InstanceManager create(ProviderContext context) {
        InstanceManager.Builder builder = InstanceManager.builder(context.store(),
                        supervisor.orElseGet(() -> context.require(ProcessSupervisor.class)), context.dataDirectory())
                .clock(context.clock())
                .scheduler(context.scheduler());
        customizer.accept(builder);
        return builder.build();
    }
}
