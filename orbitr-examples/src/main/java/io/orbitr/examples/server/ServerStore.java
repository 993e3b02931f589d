package io.orbitr.examples.server;

import io.orbitr.OrbitrException;
import io.orbitr.core.store.JdbcStore;
import io.orbitr.core.store.Stores;
import io.orbitr.store.StoreSettings;
import java.nio.file.Path;
import java.time.Clock;

/** Opens the data directory's store for the account commands, which need no engine and no providers. */
final class ServerStore {
    private ServerStore() {
    }

    static JdbcStore open(Path dataDirectory) {
        return open(dataDirectory, StoreSettings.h2());
    }

    static JdbcStore open(Path dataDirectory, StoreSettings settings) {
        JdbcStore store;
        try {
            store = Stores.open(settings, dataDirectory);
            ServerSchema.migrate(store, Clock.systemUTC());
        } catch (OrbitrException e) {
            throw new OrbitrException("could not open the store in " + dataDirectory.toAbsolutePath() + " ("
                    + e.getMessage() + "). If 'orbitr serve' is running on it, stop it first, or use the API"
                    + " (POST /api/v1/accounts, POST /api/v1/tokens).", e);
        }
        return store;
    }
}
