package io.orbitr.core.backup;

import io.orbitr.core.store.CoreSchema;
import io.orbitr.core.store.H2Stores;
import io.orbitr.core.store.JdbcStore;
import io.orbitr.core.store.SchemaMigrator;
import io.orbitr.core.store.SettingRows;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A migrated H2 file store in a data directory, and a way to read a table's rows for comparisons. */
final class StoreFixture {
    private StoreFixture() {
    }

    static JdbcStore open(Path dataDirectory, Clock clock) {
        JdbcStore store = H2Stores.file(dataDirectory);
        new SchemaMigrator(store, clock).migrate(Map.of(CoreSchema.COMPONENT, CoreSchema.migrations()));
        return store;
    }

    static void putSetting(JdbcStore store, String key, String value) {
        store.inTransaction(connection -> {
            SettingRows.write(connection, key, value, 1);
            return null;
        });
    }

    /** @return every row of the table, each as its columns' text, in the order of the first column */
    static List<List<String>> rows(JdbcStore store, String table) {
        return store.read(connection -> {
            List<List<String>> rows = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT * FROM " + table + " ORDER BY 1");
                    ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        row.add(result.getString(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        });
    }
}
