package dev.parallax.cli;

import dev.parallax.core.store.Store;
import dev.parallax.store.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the store of a data directory for the read commands, which should not create one by accident. */
final class Stores {
    private Stores() {}

    static Store openExisting(Path dataDir) {
        if (!Files.isDirectory(dataDir)) {
            throw new Failures.UserError(ExitCodes.IO,
                    "no data directory at " + dataDir + ": ingest something first, or pass --data DIR");
        }
        return SqliteStore.open(dataDir);
    }
}
