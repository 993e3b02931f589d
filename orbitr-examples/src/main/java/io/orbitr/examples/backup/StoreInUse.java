package io.orbitr.examples.backup;

import io.orbitr.OrbitrException;
import java.nio.file.Path;

/** Says in the user's words that another Orbitr holds the data directory's database. */
final class StoreInUse {
    private StoreInUse() {
    }

    static RuntimeException explain(OrbitrException e, Path dataDirectory) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        if (String.valueOf(root.getMessage()).contains("already in use")) {
            return new OrbitrException("the data directory " + dataDirectory.toAbsolutePath() + " is in use by a"
                    + " running Orbitr: a running platform backs itself up (scheduled backups, or"
                    + " orbitr.backups().create() in its host); stop it to use this command", e);
        }
        return e;
    }
}
