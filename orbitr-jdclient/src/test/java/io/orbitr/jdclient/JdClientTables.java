package io.orbitr.jdclient;

import io.orbitr.core.Orbitr;

/** For tests that use the module's classes on a platform assembled without its feature provider. */
public final class JdClientTables {
    private JdClientTables() {
    }

    /**
     * @param orbitr a platform without {@link JdClientFeatureProvider}
     * @return the same platform, with the module's tables ({@link JdClientSchema})
     */
    public static Orbitr added(Orbitr orbitr) {
        JdClientSchema.migrate(orbitr.store(), orbitr.clock());
        return orbitr;
    }
}
