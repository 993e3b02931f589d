package io.orbitr.core.store;

import io.orbitr.OrbitrException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;

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
            // The pool's connections are closed first: a SHUTDOWN run through one of them closed the database under
            // the others, and the pool's dispose then wrote a "Database is already closed" stack trace into
            // orbitr.trace.db at every close. SHUTDOWN still runs, on a connection of its own, because it releases
            // the file lock and, for memory, the data, even if a caller leaked a connection.
            pool.dispose();
            JdbcDataSource direct = new JdbcDataSource();
            direct.setURL(url + ";IFEXISTS=TRUE");
            direct.setUser("sa");
            direct.setPassword("");
            try (Connection connection = direct.getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            } catch (SQLException e) {
                // IFEXISTS: the database closed itself with its last connection, so there is nothing to shut down.
                if (e.getErrorCode() != ErrorCode.DATABASE_NOT_FOUND_WITH_IF_EXISTS_1) {
                    throw e;
                }
            }
        });
    }
}
