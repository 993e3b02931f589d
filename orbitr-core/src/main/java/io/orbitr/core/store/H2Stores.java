package io.orbitr.core.store;

import io.orbitr.OrbitrException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * Opens the embedded H2 stores: a file under the data directory, or an in-memory database for tests.
 *
 * <p>The file store is opened with {@code WRITE_DELAY=0}: every commit hands its data to the operating system before
 * the committing call returns, so an acknowledged write survives a SIGKILL of the JVM (H2's default keeps commits in
 * memory for up to 500 ms, and a tester lost one call in fifteen that way). It does not force the data to the disk:
 * a power loss may still take the last commits.
 */
public final class H2Stores {
    private static final int MAX_CONNECTIONS = 16;

    private H2Stores() {
    }

    /**
     * Opens (creating when absent) the file database {@code DIR/orbitr.mv.db}.
     *
     * @param dataDirectory the data directory, created when absent
     * @return the store
     */
    public static JdbcStore file(Path dataDirectory) {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new OrbitrException("cannot create the data directory " + directory + ": " + e.getMessage(), e);
        }
        String url = "jdbc:h2:file:" + directory.resolve("orbitr") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
        return pooled(url, url);
    }

    /**
     * Opens a private in-memory database that lives until the store closes.
     *
     * @return the store
     */
    public static JdbcStore inMemory() {
        String url = "jdbc:h2:mem:orbitr-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        return pooled(url, "jdbc:h2:mem (in memory)");
    }

    private static JdbcStore pooled(String url, String description) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
        pool.setMaxConnections(MAX_CONNECTIONS);
        return new JdbcStore(pool, description, () -> {
            try (var connection = pool.getConnection(); var statement = connection.createStatement()) {
                // SHUTDOWN releases the file lock and, for memory, the data, even if a caller leaked a connection.
                statement.execute("SHUTDOWN");
            } finally {
                pool.dispose();
            }
        });
    }
}
