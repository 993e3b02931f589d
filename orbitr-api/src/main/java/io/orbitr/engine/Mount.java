package io.orbitr.engine;

import io.orbitr.InvalidValueException;
import java.util.Objects;

/**
 * Storage mounted into a container: a host directory (bind), a named volume, or a tmpfs.
 *
 * <pre>{@code
 * Mount.bind("/srv/web", "/www").asReadOnly()
 * Mount.volume("web-data", "/data")
 * }</pre>
 *
 * @param type     what is mounted
 * @param source   the host path for a bind, the volume's name for a volume, empty for a tmpfs (or an anonymous
 *                 volume the engine named)
 * @param target   the absolute path inside the container
 * @param readOnly whether the container may only read it
 */
public record Mount(Type type, String source, String target, boolean readOnly) {

    /** The kinds of mount. */
    public enum Type {
        /** A host directory or file. */
        BIND,
        /** A volume managed by the engine. */
        VOLUME,
        /** Memory-backed scratch space. */
        TMPFS
    }

    /** Validates the paths. */
    public Mount {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        if (!target.startsWith("/")) {
            throw new InvalidValueException("mount target", target, "must be an absolute path inside the container");
        }
        if (type == Type.BIND && !source.startsWith("/")) {
            throw new InvalidValueException("bind source", source, "must be an absolute path on the host");
        }
    }

    /**
     * @param hostPath the host directory or file, absolute
     * @param target   the path inside the container
     * @return a read-write bind mount
     */
    public static Mount bind(String hostPath, String target) {
        return new Mount(Type.BIND, hostPath, target, false);
    }

    /**
     * @param name   the volume's name; created by the engine when it does not exist
     * @param target the path inside the container
     * @return a read-write volume mount
     */
    public static Mount volume(String name, String target) {
        return new Mount(Type.VOLUME, EngineValues.requireName("volume name", name), target, false);
    }

    /**
     * @param target the path inside the container
     * @return a tmpfs mount
     */
    public static Mount tmpfs(String target) {
        return new Mount(Type.TMPFS, "", target, false);
    }

    /** @return a read-only copy */
    public Mount asReadOnly() {
        return new Mount(type, source, target, true);
    }
}
