package io.orbitr.core.extension;

import io.orbitr.InvalidValueException;
import io.orbitr.engine.ContainerHealthCheck;
import io.orbitr.engine.ContainerSpec;
import io.orbitr.engine.Mount;
import io.orbitr.engine.PortBinding;
import io.orbitr.extension.ExtensionManifest;
import io.orbitr.extension.ServiceHealthcheck;
import io.orbitr.extension.ServicePort;
import io.orbitr.extension.ServiceSpec;
import io.orbitr.extension.ServiceVolume;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a manifest's services into the engine's container specs, every reference replaced. Two plans of one
 * extension compare equal service by service exactly when the containers would be the same, which is how an upgrade
 * finds the containers that changed.
 */
final class ContainerPlan {
    private ContainerPlan() {
    }

    /**
     * @param manifest the manifest
     * @param values   every reference's value ({@code inputs.X}, built-ins, exports)
     * @return each service's container spec, in start order
     * @throws InvalidValueException when a value does not fit once substituted (a port that is not a number)
     */
    static Map<String, ContainerSpec> of(ExtensionManifest manifest, Map<String, String> values) {
        Map<String, ContainerSpec> specs = new LinkedHashMap<>();
        for (String name : StartOrder.of(manifest.services())) {
            specs.put(name, spec(manifest, name, manifest.services().get(name), values));
        }
        return specs;
    }

    private static ContainerSpec spec(ExtensionManifest manifest, String name, ServiceSpec service,
            Map<String, String> values) {
        String id = manifest.id();
        String at = "services." + name;
        ContainerSpec.Builder builder = ContainerSpec.builder(Interpolation.apply(service.image(), values))
                .name(Names.container(id, name))
                .command(service.command().stream().map(v -> Interpolation.apply(v, values)).toList())
                .restartPolicy(service.restart())
                .network(Names.network(id))
                // Compose semantics: on the app's own network every service answers to its service name.
                .networkAlias(name);
        if (!service.entrypoint().isEmpty()) {
            builder.entrypoint(service.entrypoint().stream().map(v -> Interpolation.apply(v, values))
                    .toArray(String[]::new));
        }
        manifest.dependsOn().forEach(dependency -> builder.network(Names.network(dependency)));
        service.environment().forEach((key, value) -> builder.env(key, Interpolation.apply(value, values)));
        service.labels().forEach((key, value) -> builder.label(key, Interpolation.apply(value, values)));
        builder.label(Names.LABEL, id).label(Names.SERVICE_LABEL, name)
                .label(Names.REVISION_LABEL, String.valueOf(manifest.revision()));
        for (int i = 0; i < service.ports().size(); i++) {
            builder.port(port(at + ".ports[" + i + "]", service.ports().get(i), values));
        }
        for (ServiceVolume volume : service.volumes()) {
            Mount mount = volume.bind() ? Mount.bind(Interpolation.apply(volume.source(), values), volume.target())
                    : Mount.volume(Names.volume(id, volume.source()), volume.target());
            builder.mount(volume.readOnly() ? mount.asReadOnly() : mount);
        }
        service.healthcheck().ifPresent(check -> builder.healthCheck(healthCheck(check, values)));
        service.user().ifPresent(user -> builder.user(Interpolation.apply(user, values)));
        service.workingDir().ifPresent(builder::workingDirectory);
        service.capAdd().forEach(builder::addCapability);
        service.capDrop().forEach(builder::dropCapability);
        service.memLimit().ifPresent(limit -> builder.memoryLimit(ComposeValues.bytes(limit)));
        service.cpus().ifPresent(builder::cpuLimit);
        return builder.build();
    }

    private static PortBinding port(String at, ServicePort port, Map<String, String> values) {
        PortBinding binding = new PortBinding(port.target(), port.protocol(), "", 0);
        String published = Interpolation.apply(port.published(), values).trim();
        if (published.isEmpty()) {
            return binding;
        }
        int hostPort;
        try {
            hostPort = Integer.parseInt(published);
        } catch (NumberFormatException e) {
            throw new InvalidValueException(at + ".published", published, "must be a port number");
        }
        return port.hostIp().isEmpty() ? binding.onHost(hostPort) : binding.onHost(port.hostIp(), hostPort);
    }

    private static ContainerHealthCheck healthCheck(ServiceHealthcheck check, Map<String, String> values) {
        List<String> test = check.test().stream().map(v -> Interpolation.apply(v, values)).toList();
        if (test.get(0).equals("NONE")) {
            return ContainerHealthCheck.disabled();
        }
        return new ContainerHealthCheck(test, check.interval(), check.timeout(), check.startPeriod(),
                check.retries());
    }
}
