package io.orbitr.docker.engine;

import com.github.dockerjava.api.command.ListVolumesResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.PruneResponse;
import com.github.dockerjava.api.model.PruneType;
import io.orbitr.ConflictException;
import io.orbitr.engine.LabelFilter;
import io.orbitr.Page;
import io.orbitr.PageRequest;
import io.orbitr.engine.PruneResult;
import io.orbitr.engine.VolumeDetails;
import io.orbitr.engine.VolumeSpec;
import io.orbitr.engine.Volumes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Docker engine's volumes. Thread-safe. */
final class DockerVolumes implements Volumes {
    private static final Logger log = LoggerFactory.getLogger(DockerVolumes.class);
    private static final String KIND = "volume";

    private final DockerCalls calls;

    DockerVolumes(DockerCalls calls) {
        this.calls = calls;
    }

    @Override
    public Page<VolumeDetails> list(PageRequest page) {
        Objects.requireNonNull(page, "page");
        ListVolumesResponse response = calls.call(Operation.of("list", "volumes"),
                client -> client.listVolumesCmd().exec());
        // docker-java keeps the raw answer (with CreatedAt and Scope) only on the top-level object.
        List<Map<?, ?>> all = new ArrayList<>();
        if (response.getRawValues().get("Volumes") instanceof List<?> volumes) {
            for (Object volume : volumes) {
                if (volume instanceof Map<?, ?> map && map.get("Name") != null) {
                    all.add(map);
                }
            }
        }
        all.sort(Comparator.comparing(v -> v.get("Name").toString()));
        Page<Map<?, ?>> slice = Page.of(all, page);
        return new Page<>(slice.items().stream().map(DockerVolumes::details).toList(), slice.next(), slice.total());
    }

    @Override
    public VolumeDetails inspect(String volume) {
        return details(calls.call(Operation.on(KIND, volume, "inspect"),
                client -> client.inspectVolumeCmd(volume).exec()).getRawValues());
    }

    @Override
    public VolumeDetails create(VolumeSpec spec) {
        Objects.requireNonNull(spec, "spec");
        String name = calls.call(Operation.on(KIND, spec.name().orElse("(unnamed)"), "create"), client -> {
            var cmd = client.createVolumeCmd().withDriver(spec.driver()).withLabels(spec.labels())
                    .withDriverOpts(spec.driverOptions());
            spec.name().ifPresent(cmd::withName);
            return cmd.exec().getName();
        });
        return inspect(name);
    }

    @Override
    public void remove(String volume, boolean force) {
        List<Container> users = users(volume);
        if (!users.isEmpty() && !force) {
            List<String> names = users.stream().map(c -> ContainerMapper.summary(c).name()).sorted().toList();
            throw new ConflictException("volume " + volume + " is in use by " + users.size()
                    + (users.size() == 1 ? " container " : " containers ") + names
                    + "; remove them first, or remove the volume with force");
        }
        for (Container user : users) {
            String name = ContainerMapper.summary(user).name();
            log.info("removing container {} because it uses volume {}, removed with force", name, volume);
            calls.run(Operation.on("container", name, "remove"),
                    client -> client.removeContainerCmd(user.getId()).withForce(true).exec());
        }
        calls.run(Operation.on(KIND, volume, "remove"), client -> client.removeVolumeCmd(volume).exec());
    }

    @Override
    public PruneResult prune(LabelFilter labels) {
        Objects.requireNonNull(labels, "labels");
        PruneResponse response = calls.call(Operation.of("prune", "volumes"), client -> {
            var cmd = client.pruneCmd(PruneType.VOLUMES);
            if (!labels.isAny()) {
                cmd.withLabelFilter(labels.expressions().toArray(String[]::new));
            }
            return cmd.exec();
        });
        List<String> removed = new ArrayList<>();
        if (response.getRawValues().get("VolumesDeleted") instanceof List<?> deleted) {
            deleted.forEach(name -> removed.add(String.valueOf(name)));
        }
        return new PruneResult(removed, DockerImages.reclaimed(response));
    }

    /** The containers, running or not, that mount the volume. */
    private List<Container> users(String volume) {
        return calls.call(Operation.on(KIND, volume, "find the users of"), client -> client.listContainersCmd()
                .withShowAll(true).withVolumeFilter(List.of(volume)).exec());
    }

    /** Reads the engine's raw volume, because docker-java maps neither CreatedAt nor Scope. */
    private static VolumeDetails details(Map<?, ?> raw) {
        return new VolumeDetails(text(raw.get("Name")), text(raw.get("Driver")), text(raw.get("Mountpoint")),
                EngineTimes.parse(text(raw.get("CreatedAt"))), strings(raw.get("Labels")), strings(raw.get("Options")),
                raw.get("Scope") == null ? "local" : text(raw.get("Scope")));
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static Map<String, String> strings(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), text(v)));
        return out;
    }

}
