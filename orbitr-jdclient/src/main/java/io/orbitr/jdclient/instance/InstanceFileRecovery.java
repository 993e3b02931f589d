package io.orbitr.jdclient.instance;

import io.orbitr.jdclient.config.SavedConfigs;
import io.orbitr.jdclient.config.TomlRenderer;
import io.orbitr.jdclient.health.HealthHistory;
import io.orbitr.jdclient.metrics.MetricStore;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start, reconciles the instance directories with the store: a directory whose instance is gone (a delete cut
 * short) is deleted with the instance's metrics and health history; a configuration file that differs from its saved
 * configuration is rewritten; temporary files of interrupted writes are deleted. Each fix is logged at WARN.
 */
final class InstanceFileRecovery {
    private static final Logger log = LoggerFactory.getLogger(InstanceFileRecovery.class);

    private final InstanceRepository repository;
    private final InstanceFiles files;
    private final SavedConfigs configs;
    private final MetricStore metrics;
    private final HealthHistory history;

    InstanceFileRecovery(InstanceRepository repository, InstanceFiles files, SavedConfigs configs, MetricStore metrics,
            HealthHistory history) {
        this.repository = repository;
        this.files = files;
        this.configs = configs;
        this.metrics = metrics;
        this.history = history;
    }

    void run() {
        List<Instance> instances = repository.list();
        Set<String> known = new HashSet<>();
        instances.forEach(instance -> known.add(instance.id()));
        for (String id : files.presentIds()) {
            if (!known.contains(id)) {
                metrics.deleteSource(id);
                history.deleteInstance(id);
                files.delete(id);
                log.warn("deleted the files of jd-client instance {}: the instance was deleted, but the deletion did"
                        + " not finish", id);
            }
        }
        for (Instance instance : instances) {
            try {
                String toml = TomlRenderer.render(configs.get(instance.configId()).config());
                files.reconcile(instance.id(), toml).forEach(path -> log.warn("jd-client instance '{}': {} did not"
                        + " match the store (a write cut short); fixed", instance.name(), path));
            } catch (RuntimeException e) {
                log.warn("jd-client instance '{}': could not check its files at start: {}", instance.name(),
                        e.getMessage());
            }
        }
    }
}
