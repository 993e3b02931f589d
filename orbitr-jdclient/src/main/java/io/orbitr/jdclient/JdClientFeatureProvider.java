package io.orbitr.jdclient;

import io.orbitr.backup.BackupParticipant;
import io.orbitr.backup.InventoryItem;
import io.orbitr.health.HealthMonitor;
import io.orbitr.jdclient.instance.InstanceManager;
import io.orbitr.jdclient.update.BinaryInventory;
import io.orbitr.jdclient.update.BinaryUpdater;
import io.orbitr.jdclient.update.UpdateSettings;
import io.orbitr.metrics.TimeSeries;
import io.orbitr.process.ProcessSupervisor;
import io.orbitr.secret.SecretBox;
import io.orbitr.spi.FeatureProvider;
import io.orbitr.spi.ProviderContext;
import io.orbitr.store.Migration;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Adds the jd-client feature to the platform: {@code orbitr.feature(InstanceManager.class)}. Registers this module's
 * tables ({@link JdClientSchema}) and builds the {@link InstanceManager} on the platform's store, clock,
 * scheduler, data directory and process supervisor, with a {@link BinaryUpdater} on GitHub's releases
 * ({@code jdc.updater()}). The platform creates the manager when it starts, which starts again the instances that
 * were running when it stopped.
 *
 * <p>Backups leave the downloaded jd-client binaries out and record their names and SHA-256 digests instead
 * ({@link BinaryInventory}); the instances' configuration files are backed up with the data directory.
 */
public final class JdClientFeatureProvider implements FeatureProvider<InstanceManager>, BackupParticipant {
    /** The provider's id, also the schema component of its tables. */
    public static final String ID = JdClientSchema.COMPONENT;

    private final Consumer<InstanceManager.Builder> customizer;

    /** Cheap, as providers must be: everything happens in {@link #create(ProviderContext)}. */
    public JdClientFeatureProvider() {
        this(builder -> { });
    }

    /**
     * For hosts that register the feature explicitly and want other settings than the defaults, for example
     * {@code Orbitr.builder().register(new JdClientFeatureProvider(b -> b.binary(path).memoryLimitBytes(n)))}, or
     * {@code b -> b.updater(new BinaryUpdater(dir, store, clock, settings))} for other update settings.
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
        return JdClientSchema.migrations();
    }

    @Override
    public Class<InstanceManager> type() {
        return InstanceManager.class;
    }

    @Override
    public InstanceManager create(ProviderContext context) {
        InstanceManager.Builder builder = InstanceManager.builder(context.store(),
                        context.require(ProcessSupervisor.class), context.dataDirectory())
                .clock(context.clock())
                .scheduler(context.scheduler())
                .secrets(context.require(SecretBox.class))
                .health(context.require(HealthMonitor.class))
                .timeSeries(context.require(TimeSeries.class))
                .updater(new BinaryUpdater(context.dataDirectory(), context.store(), context.clock(),
                        UpdateSettings.defaults()));
        customizer.accept(builder);
        return builder.build();
    }

    @Override
    public List<String> excludedPaths() {
        return BinaryInventory.excludedPaths();
    }

    @Override
    public List<InventoryItem> inventory(Path dataDirectory) {
        return BinaryInventory.inventory(dataDirectory);
    }
}
