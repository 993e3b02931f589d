package io.orbitr.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closing an H2 store releases the database cleanly. */
class H2StoresTest {

    @Test
    void closingAFileStoreLeavesNoTraceOfADoubleClose(@TempDir Path dir) throws Exception {
        for (int run = 0; run < 2; run++) {
            JdbcStore store = H2Stores.file(dir);
            try (Connection a = store.dataSource().getConnection(); Connection b = store.dataSource().getConnection();
                    Statement statement = a.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS t (x INT)");
                assertThat(b.isValid(1)).isTrue();
            }
            store.close();
        }
        assertThat(dir.resolve("orbitr.trace.db")).doesNotExist();
        assertThat(Files.exists(dir.resolve("orbitr.mv.db"))).isTrue();
    }

    @Test
    void closingAnInMemoryStoreDropsItsData() throws Exception {
        JdbcStore store = H2Stores.inMemory();
        try (Connection connection = store.dataSource().getConnection()) {
            assertThat(connection.isValid(1)).isTrue();
        }
        store.close();
    }
}
