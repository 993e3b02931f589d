package io.orbitr.core.backup;

import io.orbitr.NotFoundException;
import io.orbitr.OrbitrException;
import io.orbitr.backup.BackupVolume;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.ContainerSpec;
import io.orbitr.engine.LabelFilter;
import io.orbitr.engine.Mount;
import io.orbitr.Page;
import io.orbitr.PageRequest;
import io.orbitr.engine.VolumeDetails;
import io.orbitr.engine.VolumeSpec;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes volumes through a short-lived helper container, as {@code docker run --volumes-from ... tar}
 * backups do: the helper mounts the volume at {@value #MOUNT}, is created but never started (the engine copies
 * archives in and out of a created container's mounts), and is removed at once. Its image must be present; nothing
 * is pulled.
 */
final class VolumeCopier {
    /** Where the helper mounts the volume; a volume's tar stream names its entries {@code orbitr-volume/...}. */
    static final String MOUNT = "/orbitr-volume";
    /** The helper containers carry this label, to be recognised (and cleaned up) if a host dies mid-copy. */
    static final String HELPER_LABEL = "io.orbitr.backup.helper";
    private static final Logger log = LoggerFactory.getLogger(VolumeCopier.class);
    private static final int PAGE = 500;

    private final ContainerEngine engine;
    private final String image;

    VolumeCopier(ContainerEngine engine, String image) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.image = Objects.requireNonNull(image, "image");
    }

    /**
     * @param labels which volumes
     * @return the engine's volumes that carry them, by name
     */
    List<VolumeDetails> select(LabelFilter labels) {
        List<VolumeDetails> selected = new ArrayList<>();
        Page<VolumeDetails> page = engine.volumes().list(PageRequest.first(PAGE));
        while (true) {
            page.items().stream().filter(v -> labels.matches(v.labels())).forEach(selected::add);
            if (!page.hasNext()) {
                return selected;
            }
            page = engine.volumes().list(page.nextRequest(PAGE));
        }
    }

    /**
     * Checks that the helper image is present, before anything is written.
     *
     * @throws NotFoundException naming the image and what to do
     */
    void requireImage() {
        try {
            engine.images().inspect(image);
        } catch (NotFoundException e) {
            throw new NotFoundException("image", image + " (the helper image that reads and writes volumes: load it"
                    + " into the engine, or choose another with the backup settings' helperImage)", e);
        }
    }

    /**
     * Streams a volume's contents, as a tar stream, into {@code out}.
     *
     * @param volume the volume's name
     * @param out    where the tar goes
     */
    void copyOut(String volume, OutputStream out) {
        String helper = createHelper(volume, true);
        try {
            engine.containers().copyFrom(helper, MOUNT, out);
        } finally {
            removeHelper(helper);
        }
    }

    /**
     * Creates the volume with its driver and labels and unpacks its contents into it.
     *
     * @param volume what to create
     * @param tar    its contents as {@link #copyOut} wrote them
     */
    void copyIn(BackupVolume volume, InputStream tar) {
        VolumeSpec.Builder spec = VolumeSpec.builder().name(volume.name()).driver(volume.driver());
        volume.driverOptions().forEach(spec::driverOption);
        volume.labels().forEach(spec::label);
        engine.volumes().create(spec.build());
        String helper = createHelper(volume.name(), false);
        try {
            engine.containers().copyTo(helper, "/", tar);
        } finally {
            removeHelper(helper);
        }
    }

    private String createHelper(String volume, boolean readOnly) {
        Mount mount = Mount.volume(volume, MOUNT);
        String name = "orbitr-backup-" + UUID.randomUUID().toString().substring(0, 12);
        engine.containers().create(ContainerSpec.builder(image).name(name).command("true")
                .mount(readOnly ? mount.asReadOnly() : mount).label(HELPER_LABEL, volume).build());
        return name;
    }

    private void removeHelper(String helper) {
        try {
            engine.containers().remove(helper, true, false);
        } catch (OrbitrException e) {
            log.warn("could not remove the backup helper container {}: {}", helper, e.getMessage());
        }
    }
}
