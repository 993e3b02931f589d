package io.orbitr.core.extension;

import io.orbitr.InvalidValueException;
import io.orbitr.extension.ServiceSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The order services start in: every service after the ones it depends on, otherwise as written. */
final class StartOrder {
    private StartOrder() {
    }

    /**
     * @param services the services
     * @return their names in start order
     * @throws InvalidValueException naming the cycle when there is one
     */
    static List<String> of(Map<String, ServiceSpec> services) {
        List<String> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (String name : services.keySet()) {
            visit(name, services, done, new ArrayList<>(), order);
        }
        return order;
    }

    /**
     * @param services the services
     * @param included the ones to start (a subset during an upgrade)
     * @return the included services in waves: each depends only on services of earlier waves (or not included)
     */
    static List<List<String>> waves(Map<String, ServiceSpec> services, java.util.Collection<String> included) {
        Map<String, Integer> level = new java.util.HashMap<>();
        for (String name : of(services)) {
            int wave = 0;
            for (String dependency : services.get(name).dependsOn()) {
                if (included.contains(dependency)) {
                    wave = Math.max(wave, level.get(dependency) + 1);
                }
            }
            level.put(name, wave);
        }
        List<List<String>> waves = new ArrayList<>();
        for (String name : of(services)) {
            if (!included.contains(name)) {
                continue;
            }
            int wave = level.get(name);
            while (waves.size() <= wave) {
                waves.add(new ArrayList<>());
            }
            waves.get(wave).add(name);
        }
        waves.removeIf(List::isEmpty);
        return waves;
    }

    private static void visit(String name, Map<String, ServiceSpec> services, Set<String> done, List<String> path,
            List<String> order) {
        if (done.contains(name) || !services.containsKey(name)) {
            return;
        }
        if (path.contains(name)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
            cycle.add(name);
            throw new InvalidValueException("depends_on", String.join(" -> ", cycle),
                    "the services depend on each other in a cycle: " + String.join(" -> ", cycle));
        }
        path.add(name);
        for (String dependency : services.get(name).dependsOn()) {
            visit(dependency, services, done, path, order);
        }
        path.remove(path.size() - 1);
        done.add(name);
        order.add(name);
    }
}
