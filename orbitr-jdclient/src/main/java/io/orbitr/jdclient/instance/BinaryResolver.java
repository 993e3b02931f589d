package io.orbitr.jdclient.instance;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Says which jd-client executable an instance runs. The default ({@link #installed(Path, Path)}) runs the
 * installed binary, or a release installed side by side when the instance names a version; a host whose updater
 * lays binaries out differently supplies its own.
 */
@FunctionalInterface
public interface BinaryResolver {

    /**
     * @param version the release an instance asks for, empty for the current one
     * @return the executable's path (it may not exist; starting the instance then fails and says so)
     */
    Path resolve(Optional<String> version);

    /**
     * @param current     the current binary, by default {@code DATA/jdclient/bin/jd_client_sv2}
     * @param versionsDir where releases live side by side: {@code VERSIONS/<version>/jd_client_sv2}
     * @return the default resolver
     */
    static BinaryResolver installed(Path current, Path versionsDir) {
        return version -> version.map(v -> versionsDir.resolve(v).resolve("jd_client_sv2")).orElse(current);
    }
}
