package io.orbitr.core.process;

import io.orbitr.store.Migration;
import java.util.List;

/**
 * The supervisor's schema component ({@code orbitr-process}): one row per program the supervisor has started and
 * not yet seen end, so that the next start can find the programs a crashed host left running. {@code Orbitr}
 * applies it; a host that gives a {@link LocalProcessSupervisor} a store of its own applies it with the
 * {@code SchemaMigrator} first.
 */
public final class ProcessSchema {
    /** The component name under which these migrations are recorded. */
    public static final String COMPONENT = "orbitr-process";

    private ProcessSchema() {
    }

    /** @return the migrations, in version order */
    public static List<Migration> migrations() {
        return List.of(Migration.of(1, "supervised programs",
                "CREATE TABLE IF NOT EXISTS supervised_processes (name VARCHAR(128) PRIMARY KEY,"
                        + " run_token VARCHAR(36) NOT NULL, pid BIGINT NOT NULL, process_group BIGINT NOT NULL,"
                        + " start_ticks BIGINT NOT NULL, boot_id VARCHAR(64) NOT NULL, stop_signal VARCHAR(8) NOT NULL,"
                        + " grace_ms BIGINT NOT NULL, started_at BIGINT NOT NULL, host_pid BIGINT NOT NULL,"
                        + " host_start_ticks BIGINT NOT NULL)"));
    }
}
