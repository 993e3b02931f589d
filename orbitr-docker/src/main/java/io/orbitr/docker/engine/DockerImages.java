package io.orbitr.docker.engine;

import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.PruneResponse;
import com.github.dockerjava.api.model.PruneType;
import io.orbitr.InvalidValueException;
import io.orbitr.engine.ImageDetails;
import io.orbitr.engine.ImageSummary;
import io.orbitr.engine.Images;
import io.orbitr.engine.LabelFilter;
import io.orbitr.Page;
import io.orbitr.PageRequest;
import io.orbitr.engine.PruneResult;
import io.orbitr.engine.PullListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Docker engine's images. Thread-safe. */
final class DockerImages implements Images {
    private static final Logger log = LoggerFactory.getLogger(DockerImages.class);
    private static final String KIND = "image";
    /** A repository: an optional registry host (with port), then lowercase path components. */
    private static final Pattern REPOSITORY = Pattern.compile(
            "(?:[a-zA-Z0-9.-]+(?::[0-9]{1,5})?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
                    + "(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    private final DockerCalls calls;

    DockerImages(DockerCalls calls) {
        this.calls = calls;
    }

    @Override
    public Page<ImageSummary> list(PageRequest page) {
        Objects.requireNonNull(page, "page");
        List<Image> all = new ArrayList<>(calls.call(Operation.of("list", "images"),
                client -> client.listImagesCmd().exec()));
        all.sort(Comparator.comparing((Image i) -> i.getCreated() == null ? 0L : i.getCreated()).reversed()
                .thenComparing(Image::getId));
        Page<Image> slice = Page.of(all, page);
        return new Page<>(slice.items().stream().map(DockerImages::summary).toList(), slice.next(), slice.total());
    }

    @Override
    public ImageDetails inspect(String image) {
        return details(calls.call(Operation.on(KIND, image, "inspect"),
                client -> client.inspectImageCmd(image).exec()));
    }

    @Override
    public ImageDetails pull(String name, String tag, PullListener listener, Duration timeout) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(timeout, "timeout");
        if (!REPOSITORY.matcher(name).matches()) {
            throw new InvalidValueException("image name", name,
                    "must be a repository such as nginx, library/nginx or ghcr.io/org/app, in lowercase");
        }
        if (!TAG.matcher(tag).matches()) {
            throw new InvalidValueException("image tag", tag,
                    "must be letters, digits, '_', '.' and '-', at most 128, not starting with '.' or '-'");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InvalidValueException("pull timeout", timeout, "must be positive");
        }
        ImagePull pull = new ImagePull(calls, name, tag, listener);
        pull.run(timeout);
        log.info("pulled image {}", pull.reference());
        return inspect(pull.reference());
    }

    @Override
    public void remove(String image, boolean force) {
        calls.run(Operation.on(KIND, image, "remove"),
                client -> client.removeImageCmd(image).withForce(force).exec());
    }

    @Override
    public PruneResult pruneDangling(LabelFilter labels) {
        return prune(labels, true);
    }

    @Override
    public PruneResult pruneUnused(LabelFilter labels) {
        return prune(labels, false);
    }

    private PruneResult prune(LabelFilter labels, boolean danglingOnly) {
        Objects.requireNonNull(labels, "labels");
        PruneResponse response = calls.call(Operation.of("prune", "images"), client -> {
            var cmd = client.pruneCmd(PruneType.IMAGES).withDangling(danglingOnly);
            if (!labels.isAny()) {
                cmd.withLabelFilter(labels.expressions().toArray(String[]::new));
            }
            return cmd.exec();
        });
        // docker-java maps only the space reclaimed; the engine also lists what it deleted.
        List<String> removed = new ArrayList<>();
        if (response.getRawValues().get("ImagesDeleted") instanceof List<?> deleted) {
            for (Object entry : deleted) {
                if (entry instanceof Map<?, ?> map && map.get("Deleted") != null) {
                    removed.add(map.get("Deleted").toString());
                }
            }
        }
        return new PruneResult(removed, reclaimed(response));
    }

    static long reclaimed(PruneResponse response) {
        return response.getSpaceReclaimed() == null ? 0 : response.getSpaceReclaimed();
    }

    private static ImageSummary summary(Image image) {
        return new ImageSummary(image.getId(), tags(image.getRepoTags()), image.getSize() == null ? 0 : image.getSize(),
                EngineTimes.ofEpochSeconds(image.getCreated()), ContainerMapper.orEmpty(image.getLabels()));
    }

    private static ImageDetails details(InspectImageResponse r) {
        ContainerConfig config = r.getConfig();
        List<String> ports = config == null || config.getExposedPorts() == null ? List.of()
                : Arrays.stream(config.getExposedPorts()).map(ExposedPort::toString).sorted().toList();
        return new ImageDetails(
                r.getId(),
                r.getRepoTags() == null ? List.of() : tags(r.getRepoTags().toArray(String[]::new)),
                r.getRepoDigests() == null ? List.of() : r.getRepoDigests(),
                EngineTimes.parseOrEpoch(r.getCreated()),
                r.getSize() == null ? 0 : r.getSize(),
                ContainerMapper.text(r.getOs()),
                ContainerMapper.text(r.getArch()),
                config == null || config.getEntrypoint() == null ? List.of() : List.of(config.getEntrypoint()),
                config == null || config.getCmd() == null ? List.of() : List.of(config.getCmd()),
                ports,
                config == null ? Map.of() : ContainerMapper.orEmpty(config.getLabels()),
                r.getRootFS() == null || r.getRootFS().getLayers() == null ? List.of() : r.getRootFS().getLayers());
    }

    /** The engine lists {@code <none>:<none>} for an image without a name; Orbitr lists no name. */
    private static List<String> tags(String[] tags) {
        return tags == null ? List.of()
                : Arrays.stream(tags).filter(t -> t != null && !t.equals("<none>:<none>")).toList();
    }

}
