package dev.parallax.store;

import dev.parallax.core.model.Article;
import dev.parallax.core.store.SearchHit;
import dev.parallax.core.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The default {@link Store}: one SQLite file, {@value #FILE_NAME}, in a data directory, brought to the current schema
 * by {@link Migrations} when opened.
 *
 * <p>Thread-safety as {@link SqlStore}'s (calls run one at a time: a single writer, which is what SQLite allows
 * anyway). Other processes may open the same file: WAL lets them read while one writes, and a writer waits up to
 * {@value #BUSY_TIMEOUT_MS} ms for another.
 */
public final class SqliteStore extends SqlStore {
    public static final String FILE_NAME = "parallax.db";
    static final int BUSY_TIMEOUT_MS = 10_000;

    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private final Path file;
    /** The directory a {@link #temporary()} store deletes on close; null for a store the caller keeps. */
    private final Path temporaryDir;
    // Transactions as statements: JDBC's setAutoCommit/commit make sqlite-jdbc issue two BEGINs and COMMITs a save.
    private final PreparedStatement begin;
    private final PreparedStatement commit;
    private final PreparedStatement rollback;
    private final PreparedStatement savepoint;
    private final PreparedStatement release;
    private final PreparedStatement rollbackToSavepoint;
    private final PreparedStatement indexArticle;

    /**
     * Opens the store in {@code dataDir}, creating the directory and an empty store when they do not exist.
     *
     * @throws StoreException when the directory cannot be used, or its {@value #FILE_NAME} is not a Parallax
     *     database, is corrupt, or was written by a newer Parallax
     */
    public static SqliteStore open(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new StoreException("data directory " + dir + " is a file, not a directory: choose another path");
        } catch (AccessDeniedException e) {
            throw new StoreException("cannot create data directory " + dir + ": permission denied");
        } catch (IOException e) {
            throw new StoreException("cannot create data directory " + dir + ": " + e.getMessage());
        }
        if (!Files.isWritable(dir)) {
            throw new StoreException("data directory " + dir + " is not writable: fix its permissions or choose another");
        }
        Path file = dir.resolve(FILE_NAME);
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new StoreException(file + " is read-only: fix its permissions or choose another data directory");
        }
        checkHeader(file);
        return open(file, null);
    }

    /** A store in a fresh temporary directory that {@link #close()} deletes: for evaluations and tests. */
    public static SqliteStore temporary() {
        Path dir;
        try {
            dir = Files.createTempDirectory("parallax-store-");
        } catch (IOException e) {
            throw new StoreException("cannot create a temporary store directory: " + e.getMessage());
        }
        return open(dir.resolve(FILE_NAME), dir);
    }

    private static SqliteStore open(Path file, Path temporaryDir) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL); // in WAL mode a crash may lose the last commits, never corrupt
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE); // for Migrations, as in begin()
        config.setGetGeneratedKeys(false); // nothing reads them, and fetching them costs a query per INSERT
        Connection c = null;
        try {
            c = config.createConnection("jdbc:sqlite:" + file);
            Migrations.apply(c, file);
            return new SqliteStore(c, file, temporaryDir);
        } catch (SQLException | RuntimeException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            deleteTemporary(temporaryDir);
            throw e instanceof StoreException se ? se : openFailure(file, e);
        }
    }

    private SqliteStore(Connection c, Path file, Path temporaryDir) throws SQLException {
        super(c, file.toString());
        this.file = file;
        this.temporaryDir = temporaryDir;
        begin = c.prepareStatement("BEGIN IMMEDIATE"); // take the write lock up front: no upgrade deadlocks
        commit = c.prepareStatement("COMMIT");
        rollback = c.prepareStatement("ROLLBACK");
        savepoint = c.prepareStatement("SAVEPOINT write");
        release = c.prepareStatement("RELEASE write");
        rollbackToSavepoint = c.prepareStatement("ROLLBACK TO write");
        indexArticle = c.prepareStatement(
                "INSERT INTO articles_fts (rowid, title, text) SELECT seq, title, text FROM articles WHERE id = ?");
    }

    /** Rejects a file that is not SQLite before SQLite opens it, with a message saying so. */
    private static void checkHeader(Path file) {
        if (!Files.exists(file)) {
            return;
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SQLITE_HEADER.length);
        } catch (IOException e) {
            throw new StoreException("cannot read " + file + ": " + e.getMessage());
        }
        if (head.length > 0 && !Arrays.equals(head, SQLITE_HEADER)) {
            throw new StoreException(file + " is not a Parallax database (not an SQLite file at all):"
                    + " move it away or choose another data directory");
        }
    }

    private static StoreException openFailure(Path file, Exception e) {
        if (e instanceof SQLiteException se) {
            SQLiteErrorCode code = se.getResultCode();
            if (code == SQLiteErrorCode.SQLITE_NOTADB || code == SQLiteErrorCode.SQLITE_CORRUPT
                    || code.name().startsWith("SQLITE_CORRUPT_")) {
                return new StoreException(file + " is not a Parallax database or is corrupt (" + code.message
                        + "): restore it from a backup or move it away", e);
            }
            if (code == SQLiteErrorCode.SQLITE_BUSY || code.name().startsWith("SQLITE_BUSY_")) {
                return new StoreException(file + " stayed locked by another process for " + BUSY_TIMEOUT_MS
                        + " ms: stop the other Parallax using it, then retry", e);
            }
        }
        return new StoreException("cannot open " + file + ": " + oneLine(e), e);
    }

    /** The file this store lives in. */
    public Path file() {
        return file;
    }

    @Override
    protected void begin() throws SQLException {
        begin.executeUpdate();
    }

    @Override
    protected void commit() throws SQLException {
        commit.executeUpdate();
    }

    @Override
    protected void rollback() throws SQLException {
        rollback.executeUpdate();
    }

    @Override
    protected void savepoint() throws SQLException {
        savepoint.executeUpdate();
    }

    @Override
    protected void release() throws SQLException {
        release.executeUpdate();
    }

    @Override
    protected void rollbackToSavepoint() throws SQLException {
        rollbackToSavepoint.executeUpdate();
    }

    /** An external-content FTS5 index (V2): the row holds only terms, keyed by the article's seq. */
    @Override
    protected void index(Article article) throws SQLException {
        indexArticle.setString(1, article.id());
        indexArticle.executeUpdate();
    }

    @Override
    protected boolean isStoredId(SQLException e) {
        return e instanceof SQLiteException se && se.getResultCode().name().startsWith("SQLITE_CONSTRAINT")
                && String.valueOf(e.getMessage()).contains("articles.id");
    }

    /** Each word of the query becomes a quoted FTS5 term, so that no input is read as FTS5 query syntax. */
    @Override
    public synchronized List<SearchHit> search(String query, int limit) {
        ensureOpen();
        String match = Arrays.stream(query.split("[^\\p{L}\\p{N}]+"))
                .filter(w -> !w.isEmpty())
                .map(w -> '"' + w + '"')
                .collect(Collectors.joining(" "));
        if (match.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement ps = conn.prepareStatement("SELECT a.id, snippet(articles_fts, -1, char(2), char(3),"
                + " '…', 24) FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid"
                + " WHERE articles_fts MATCH ? ORDER BY rank, a.seq LIMIT ?")) {
            ps.setString(1, match);
            ps.setInt(2, limit);
            return hits(ps);
        } catch (SQLException e) {
            throw failure("cannot search for '" + query + "'", e);
        }
    }

    @Override
    protected void beforeClose() throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("PRAGMA optimize"); // refreshes planner statistics where they went stale; cheap
        }
    }

    /** A temporary store's directory goes with its connection. */
    @Override
    protected void afterClose() {
        deleteTemporary(temporaryDir);
    }

    private static void deleteTemporary(Path temporaryDir) {
        if (temporaryDir == null) {
            return;
        }
        try (Stream<Path> files = Files.list(temporaryDir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(temporaryDir);
        } catch (IOException e) {
            throw new StoreException("cannot delete the temporary store " + temporaryDir + ": " + e.getMessage());
        }
    }
}
