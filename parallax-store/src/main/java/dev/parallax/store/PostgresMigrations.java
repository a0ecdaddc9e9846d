package dev.parallax.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Brings a PostgreSQL schema to the version this code knows by applying the scripts under {@code db/postgresql/}, each
 * in its own transaction (PostgreSQL's DDL is transactional), recording each in {@code schema_version}. Processes
 * migrating the same schema at once take turns on the store's advisory lock.
 */
final class PostgresMigrations {
    /** In version order. A schema change is a new script appended here, never an edit of a released one. */
    private static final List<String> SCRIPTS = List.of("V1__init");

    /** The comment on {@code schema_version} that marks a schema as Parallax's, as SQLite's application id does. */
    static final String MARK = "parallax";

    private PostgresMigrations() {}

    static int latestVersion() {
        return SCRIPTS.size();
    }

    /**
     * Applies the scripts the current schema lacks, holding the advisory lock {@code lock} while it does.
     *
     * @throws StoreException when the schema holds some other application's tables, or a newer schema than this code
     *     knows
     */
    static void apply(Connection c, PostgresStore.Lock lock, String where) throws SQLException {
        if (version(c, where) == latestVersion()) {
            return;
        }
        c.setAutoCommit(false);
        try {
            for (int v = lockedVersion(c, lock, where) + 1; v <= latestVersion();
                    v = lockedVersion(c, lock, where) + 1) {
                String name = SCRIPTS.get(v - 1);
                try (Statement st = c.createStatement()) {
                    for (String sql : Migrations.statements(load(name))) {
                        st.executeUpdate(sql);
                    }
                    if (v == 1) {
                        st.executeUpdate("COMMENT ON TABLE schema_version IS '" + MARK + "'");
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
                    ps.setInt(1, v);
                    ps.setString(2, name.substring(name.indexOf("__") + 2));
                    ps.setLong(3, System.currentTimeMillis());
                    ps.executeUpdate();
                }
                c.commit();
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** The version once this transaction holds the lock: another process may have migrated meanwhile. */
    private static int lockedVersion(Connection c, PostgresStore.Lock lock, String where) throws SQLException {
        lock.take(c);
        return version(c, where);
    }

    /**
     * The current schema's version: 0 when it holds no table.
     *
     * @throws StoreException when the connection has no current schema, the schema holds some other application's
     *     tables, or a newer schema than this code knows
     */
    static int version(Connection c, String where) throws SQLException {
        String schema;
        int tables;
        String mark;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT current_schema(),"
                + " (SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()),"
                + " obj_description(to_regclass(quote_ident(current_schema()) || '.schema_version'), 'pg_class')")) {
            rs.next();
            schema = rs.getString(1);
            tables = rs.getInt(2);
            mark = rs.getString(3);
        }
        if (schema == null) {
            throw new StoreException(where + " has no schema to use: none on the search path exists; create it or"
                    + " name one with ?currentSchema=NAME");
        }
        if (tables == 0) {
            return 0;
        }
        if (!MARK.equals(mark)) {
            throw new StoreException(where + " holds tables of some other application in schema " + schema
                    + ", not a Parallax store: use another database, or another schema with ?currentSchema=NAME");
        }
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
            rs.next();
            int version = rs.getInt(1);
            if (version > latestVersion()) {
                throw new StoreException(where + " has schema version " + version + " but this Parallax knows only up"
                        + " to " + latestVersion() + ": use a newer Parallax or another database");
            }
            return version;
        }
    }

    private static String load(String name) {
        try (InputStream in = PostgresMigrations.class.getResourceAsStream("/db/postgresql/" + name + ".sql")) {
            if (in == null) {
                throw new IllegalStateException("migration resource db/postgresql/" + name + ".sql is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
