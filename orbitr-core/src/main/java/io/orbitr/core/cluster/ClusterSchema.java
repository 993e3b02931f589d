package io.orbitr.core.cluster;

import io.orbitr.store.Migration;
import java.util.List;

/** The schema component {@code orbitr-cluster}: the lease table. */
public final class ClusterSchema {
    /** The component name under which these migrations are recorded. */
    public static final String COMPONENT = "orbitr-cluster";

    private ClusterSchema() {
    }

    /** @return the migrations, in version order */
    public static List<Migration> migrations() {
        return List.of(Migration.of(1, "leases",
                "CREATE TABLE IF NOT EXISTS orbitr_leases (name VARCHAR(200) PRIMARY KEY, holder VARCHAR(200) NOT NULL,"
                        + " expires_at BIGINT NOT NULL, acquired_at BIGINT NOT NULL)"));
    }
}
