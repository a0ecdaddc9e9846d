package dev.parallax.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brings a database file to the schema this code knows by applying the versioned SQL scripts under
 * {@code db/migration/}, each in its own transaction, recording each in {@code schema_version}.
 */
final class Migrations {
    /** In version order. A schema change is a new script appended here, never an edit of a released one. */
    private static final List<String> SCRIPTS = List.of("V1__init.sql", "V2__search.sql", "V3__duplicate_links.sql",
            "V4__briefs.sql", "V5__brief_parts.sql");

    /** "PRLX" in the SQLite file header: marks the file as a Parallax database. */
    static final int APPLICATION_ID = 0x50524c58;

    private static final Pattern NAME = Pattern.compile("V(\\d+)__(\\w+)\\.sql");

    private record Script(int version, String description, String name) {}

    private Migrations() {}

    static int latestVersion() {
        return SCRIPTS.size();
    }

    /** Applies the scripts the file lacks; a file already at the latest version is left untouched. */
    static void apply(Connection c, Path file) throws SQLException {
        List<Script> scripts = scripts();
        if (version(c, file) == scripts.size()) {
            return;
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false); // transactions are IMMEDIATE: another process migrating the same file waits here
        try {
            // Re-read inside the write lock: another process may have migrated meanwhile.
            for (int v = version(c, file) + 1; v <= scripts.size(); v++) {
                Script s = scripts.get(v - 1);
                try (Statement st = c.createStatement()) {
                    for (String sql : statements(load(s.name()))) {
                        st.executeUpdate(sql);
                    }
                    if (v == 1) {
                        st.executeUpdate("PRAGMA application_id = " + APPLICATION_ID);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
                    ps.setInt(1, s.version());
                    ps.setString(2, s.description());
                    ps.setLong(3, System.currentTimeMillis());
                    ps.executeUpdate();
                }
                c.commit();
            }
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /**
     * The file's schema version: 0 for an empty file.
     *
     * @throws StoreException when the file holds some other application's data, or a newer schema than this code knows
     */
    static int version(Connection c, Path file) throws SQLException {
        int applicationId;
        int tables;
        boolean versioned;
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA application_id")) {
                applicationId = rs.next() ? rs.getInt(1) : 0;
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*), coalesce(sum(name = 'schema_version'), 0)"
                    + " FROM sqlite_master WHERE type = 'table'")) {
                rs.next();
                tables = rs.getInt(1);
                versioned = rs.getInt(2) == 1;
            }
            if (tables == 0 && applicationId == 0) {
                return 0;
            }
            if (!versioned || applicationId != APPLICATION_ID) {
                throw new StoreException(file + " is an SQLite database of some other application, not a Parallax"
                        + " database: move it away or choose another data directory");
            }
            try (ResultSet rs = st.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
                rs.next();
                int version = rs.getInt(1);
                if (version > latestVersion()) {
                    throw new StoreException(file + " has schema version " + version + " but this Parallax knows"
                            + " only up to " + latestVersion() + ": use a newer Parallax or another data directory");
                }
                return version;
            }
        }
    }

    private static List<Script> scripts() {
        List<Script> out = new ArrayList<>();
        for (String name : SCRIPTS) {
            Matcher m = NAME.matcher(name);
            if (!m.matches() || Integer.parseInt(m.group(1)) != out.size() + 1) {
                throw new IllegalStateException("migration " + name + " is not V" + (out.size() + 1) + "__name.sql");
            }
            out.add(new Script(out.size() + 1, m.group(2), name));
        }
        return out;
    }

    private static String load(String name) {
        try (InputStream in = Migrations.class.getResourceAsStream("/db/migration/" + name)) {
            if (in == null) {
                throw new IllegalStateException("migration resource db/migration/" + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits a script into statements: drops {@code --} comments, then cuts at each {@code ;}. */
    static List<String> statements(String script) {
        String uncommented = script.replaceAll("--[^\n]*", "");
        List<String> out = new ArrayList<>();
        for (String s : uncommented.split(";")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }
}
