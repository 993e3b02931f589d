package io.orbitr.store;

/**
 * Where the platform keeps its data: the embedded H2 database (the default) or a shared PostgreSQL database.
 *
 * <pre>{@code
 * Orbitr.builder().store(StoreSettings.h2());                  // DATA_DIR/orbitr.mv.db
 * Orbitr.builder().store(PostgresqlSettings.builder("jdbc:postgresql://db:5432/orbitr")
 *         .user("orbitr").passwordFile(Path.of("/run/secrets/orbitr-db")).build());
 * }</pre>
 */
public sealed interface StoreSettings permits H2Settings, PostgresqlSettings {

    /** @return the embedded H2 file {@code orbitr.mv.db} under the data directory */
    static StoreSettings h2() {
        return new H2Settings(false);
    }

    /** @return a private in-memory H2 database that lives until the platform closes (for tests) */
    static StoreSettings h2InMemory() {
        return new H2Settings(true);
    }

    /** @return the database's kind, as the CLI and status output name it: {@code h2} or {@code postgresql} */
    String kind();
}
