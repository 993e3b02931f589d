package io.orbitr.core.store;

import io.orbitr.store.H2Settings;
import io.orbitr.store.PostgresqlSettings;
import io.orbitr.store.StoreSettings;
import java.nio.file.Path;

/** Opens the store that {@link StoreSettings} describe. */
public final class Stores {
    private Stores() {
    }

    /**
     * @param settings      which database
     * @param dataDirectory where the H2 file lives (ignored by the other stores)
     * @return the open store; the caller closes it
     */
    public static JdbcStore open(StoreSettings settings, Path dataDirectory) {
        if (settings instanceof PostgresqlSettings postgresql) {
            return PostgresqlStores.open(postgresql);
        }
        return ((H2Settings) settings).inMemory() ? H2Stores.inMemory() : H2Stores.file(dataDirectory);
    }
}
