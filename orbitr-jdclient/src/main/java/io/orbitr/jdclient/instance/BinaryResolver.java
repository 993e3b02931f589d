package io.orbitr.jdclient.instance;

import io.orbitr.jdclient.update.BinaryUpdater;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Says which jd-client executable an instance runs. The default ({@link #updater(BinaryUpdater)}) runs what the
 * {@link BinaryUpdater} installed; {@link #installed(Path, Path)} runs a binary of the host's own; a host that
 * installs binaries some other way supplies its own resolver.
 */
@FunctionalInterface
public interface BinaryResolver {

    /**
     * @param version the release an instance asks for, empty for the current one
     * @return the executable's path (it may not exist; starting the instance then fails and says so)
     * @throws io.orbitr.NotFoundException when the resolver knows the version is not installed (starting the
     *     instance then fails and says so)
     */
    Path resolve(Optional<String> version);

    /**
     * @param updater the updater that installs releases
     * @return a resolver that runs {@link BinaryUpdater#binaryFor(Optional)}: a pinned release's own copy, else the
     *     current release's per-version copy, which no later install replaces
     * @throws io.orbitr.NotFoundException from {@link #resolve(Optional)} when the release is not installed
     */
    static BinaryResolver updater(BinaryUpdater updater) {
        Objects.requireNonNull(updater, "updater");
        return version -> updater.binaryFor(version).path();
    }

    /**
     * @param current     the current binary, by default {@code DATA/jdclient/bin/jd_client_sv2}
     * @param versionsDir where releases live side by side: {@code VERSIONS/<version>/jd_client_sv2}
     * @return the default resolver
     */
    static BinaryResolver installed(Path current, Path versionsDir) {
        return version -> version.map(v -> versionsDir.resolve(v).resolve("jd_client_sv2")).orElse(current);
    }
}
