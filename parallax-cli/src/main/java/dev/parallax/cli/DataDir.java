package dev.parallax.cli;

import dev.parallax.core.store.Store;
import dev.parallax.store.PostgresStore;
import dev.parallax.store.SqlStore;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --data DIR|URL} option shared by every command that uses a store: a data directory of the embedded SQLite
 * store, or a PostgreSQL database for a shared deployment.
 */
final class DataDir {
    @Option(names = "--data", paramLabel = "DIR|URL", defaultValue = "parallax-data",
            description = "Data directory of the embedded store (default: ${DEFAULT-VALUE}), or a PostgreSQL database:"
                    + " postgresql://[user[:password]@]host[:port]/database[?currentSchema=NAME]; what the URL leaves"
                    + " out comes from PGHOST, PGPORT, PGDATABASE, PGUSER and PGPASSWORD.")
    String location;

    /** Opens the store, creating an empty one (its directory, or its tables) when there is none. */
    Store open() {
        return SqlStore.open(location);
    }

    /** Opens the store for the read commands, which should not create a data directory by accident. */
    Store openExisting() {
        if (!PostgresStore.isUrl(location) && !Files.isDirectory(Path.of(location))) {
            throw new Failures.UserError(ExitCodes.IO,
                    "no data directory at " + location + ": ingest something first, or pass --data DIR|URL");
        }
        return open();
    }

    /** The location for messages: a PostgreSQL URL without its password. */
    String shown() {
        return PostgresStore.isUrl(location) ? PostgresStore.shown(location) : location;
    }
}
