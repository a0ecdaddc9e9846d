package dev.parallax.store;

import dev.parallax.core.model.Article;
import dev.parallax.core.store.SearchHit;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The {@link dev.parallax.core.store.Store} for a shared deployment: a PostgreSQL database, brought to the current
 * schema by {@link PostgresMigrations} when opened. Its tables live in the connection's current schema ({@code public}
 * unless the URL says {@code ?currentSchema=NAME}), so that one database can hold several stores.
 *
 * <p>Thread-safety as {@link SqlStore}'s: one connection, calls one at a time. Other processes may use the same store
 * at once: they read freely, and writers take turns, as with SQLite: every write transaction first takes an advisory
 * lock of the schema, so that articles are numbered in the order they commit and a brief's revision check sees the
 * last save.
 */
public final class PostgresStore extends SqlStore {
    /** What a location must look like to be read as a PostgreSQL URL (a mistyped one then fails, not a directory). */
    private static final Pattern SCHEME = Pattern.compile("(?i)(jdbc:)?postgres(ql)?:.*");
    private static final Pattern URL = Pattern.compile("(?i)(jdbc:)?postgres(ql)?://.*");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    /** Rows a replay fetches at a time. */
    private static final int FETCH_SIZE = 256;

    private final Lock lock;
    private final PreparedStatement indexArticle;
    private Savepoint savepoint;
    /** Whether {@link #beginStreaming} opened the transaction a cursor needs (and {@link #endStreaming} ends it). */
    private boolean streaming;

    /** The advisory lock writers of one schema take turns on: Parallax's key, and the schema's. */
    record Lock(int schemaKey) {
        private static final int PARALLAX = 0x50524c58; // "PRLX"

        void take(Connection c) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
                ps.setInt(1, PARALLAX);
                ps.setInt(2, schemaKey);
                ps.executeQuery().close();
            }
        }
    }

    /**
     * Whether {@code location} names a PostgreSQL database: {@code postgresql://…} or {@code jdbc:postgresql://…},
     * or something in that scheme that {@link #open} will reject as malformed.
     */
    public static boolean isUrl(String location) {
        return SCHEME.matcher(location).matches();
    }

    /** The URL for messages: without its password, with what the environment fills in. */
    public static String shown(String url) {
        return Location.parse(url, System.getenv()).shown();
    }

    /**
     * Opens the store in the database {@code url} names, creating its tables when the schema holds none. The URL is
     * libpq's form, {@code postgresql://[user[:password]@][host][:port][/database][?param=value&…]}, or the JDBC
     * driver's, {@code jdbc:postgresql://…}; what it leaves out comes from the environment variables libpq reads
     * ({@code PGHOST}, {@code PGPORT}, {@code PGDATABASE}, {@code PGUSER}, {@code PGPASSWORD}), then libpq's
     * defaults (localhost, 5432, the user's name). Parameters go to the JDBC driver ({@code sslmode},
     * {@code currentSchema}, …).
     *
     * @throws StoreException when the URL is not one, the server cannot be reached or refuses the login, or the schema
     *     holds another application's tables or a newer Parallax schema; the message never holds the password
     */
    public static PostgresStore open(String url) {
        return open(url, System.getenv());
    }

    static PostgresStore open(String url, Map<String, String> env) {
        Location location = Location.parse(url, env);
        Connection c = null;
        try {
            c = DriverManager.getConnection(location.jdbcUrl(), location.properties());
            Lock lock;
            try (PreparedStatement ps = c.prepareStatement("SELECT hashtext(current_schema())");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                lock = new Lock(rs.getInt(1));
            }
            PostgresMigrations.apply(c, lock, location.shown());
            return new PostgresStore(c, location.shown(), lock);
        } catch (SQLException | RuntimeException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreException("cannot open the PostgreSQL store " + location.shown() + ": " + why(e), e);
        }
    }

    /** The driver's message, with its cause's when it only says that something failed (an unknown host). */
    private static String why(Exception e) {
        String why = oneLine(e);
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !why.contains(cause.getMessage())) {
            why += " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage().strip() + ")";
        }
        return why;
    }

    private PostgresStore(Connection c, String where, Lock lock) throws SQLException {
        super(c, where);
        this.lock = lock;
        indexArticle = c.prepareStatement("INSERT INTO article_search (seq, terms)"
                + " SELECT seq, to_tsvector('simple', ?) FROM articles WHERE id = ?");
    }

    /**
     * A database location from a URL and the libpq environment variables.
     *
     * @param shown the location without password, for messages
     */
    record Location(String jdbcUrl, Properties properties, String shown) {
        static Location parse(String url, Map<String, String> env) {
            String usage = ": expected postgresql://[user[:password]@]host[:port]/database[?param=value&...]";
            if (!URL.matcher(url).matches()) {
                throw new StoreException("not a PostgreSQL URL" + usage);
            }
            String spec = url.regionMatches(true, 0, "jdbc:", 0, 5) ? url.substring(5) : url;
            URI uri;
            try {
                uri = new URI(spec.endsWith("://") ? spec + "/" : spec); // java.net.URI wants something after "//"
            } catch (URISyntaxException e) {
                // the URL may hold a password: name only the position, not the text
                throw new StoreException("the PostgreSQL URL does not parse (at character " + (e.getIndex() + 1)
                        + "; characters such as @ : / in a password are written %40 %3A %2F)" + usage);
            }
            // Java reads an authority without a host (postgresql://user@:5433/db) as "registry-based": no port either.
            String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
            String hostPart = authority.substring(authority.lastIndexOf('@') + 1);
            int authorityPort = uri.getPort();
            if (uri.getHost() == null && !hostPart.isEmpty()) {
                if (!hostPart.matches(":\\d{1,5}")) {
                    throw new StoreException("the PostgreSQL URL names no usable host (several hosts, or a malformed"
                            + " one)" + usage);
                }
                authorityPort = Integer.parseInt(hostPart.substring(1));
            }
            Properties props = new Properties();
            String query = uri.getRawQuery();
            if (query != null) {
                for (String pair : query.split("&")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        throw new StoreException("the PostgreSQL URL parameter '" + decode(pair.split("=")[0])
                                + "' has no value" + usage);
                    }
                    props.setProperty(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
                }
            }
            String userInfo = uri.getRawUserInfo();
            if (userInfo == null && uri.getHost() == null && authority.contains("@")) {
                userInfo = authority.substring(0, authority.lastIndexOf('@'));
            }
            if (userInfo != null) {
                int colon = userInfo.indexOf(':');
                props.setProperty("user", decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
                if (colon >= 0) {
                    props.setProperty("password", decode(userInfo.substring(colon + 1)));
                }
            }
            String user = props.getProperty("user", env.getOrDefault("PGUSER", System.getProperty("user.name")));
            props.setProperty("user", user);
            if (!props.containsKey("password") && env.containsKey("PGPASSWORD")) {
                props.setProperty("password", env.get("PGPASSWORD"));
            }
            props.putIfAbsent("ApplicationName", "parallax");
            String host = uri.getHost() != null ? uri.getHost() : env.getOrDefault("PGHOST", "localhost");
            if (host.startsWith("/")) {
                throw new StoreException("PGHOST names a socket directory (" + host + "), which the JDBC driver"
                        + " cannot use: give a host name, such as localhost");
            }
            int port;
            try {
                port = authorityPort >= 0 ? authorityPort : Integer.parseInt(env.getOrDefault("PGPORT", "5432"));
            } catch (NumberFormatException e) {
                throw new StoreException("PGPORT is not a port number: " + env.get("PGPORT"));
            }
            String path = uri.getPath() == null ? "" : uri.getPath();
            String database = path.length() > 1 ? path.substring(1) : env.getOrDefault("PGDATABASE", user);
            String hostPort = (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
            String jdbcUrl = "jdbc:postgresql://" + hostPort + "/"
                    + URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
            String schema = props.getProperty("currentSchema");
            String shown = "postgresql://" + user + "@" + hostPort + "/" + database
                    + (schema == null ? "" : "?currentSchema=" + schema);
            return new Location(jdbcUrl, props, shown);
        }

        private static String decode(String s) {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        }
    }

    /**
     * What search reads of a text: its words with their accents taken off, separated by single spaces. Both the
     * indexed text and the query pass through it before PostgreSQL's parser, which then finds the same words in both.
     */
    static String words(String text) {
        String bare = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        return NON_WORD.matcher(bare).replaceAll(" ").strip();
    }

    @Override
    protected void begin() throws SQLException {
        conn.setAutoCommit(false);
        lock.take(conn);
    }

    @Override
    protected void commit() throws SQLException {
        conn.commit();
        conn.setAutoCommit(true);
    }

    @Override
    protected void rollback() throws SQLException {
        conn.rollback();
        conn.setAutoCommit(true);
    }

    @Override
    protected void savepoint() throws SQLException {
        savepoint = conn.setSavepoint();
    }

    @Override
    protected void release() throws SQLException {
        conn.releaseSavepoint(savepoint);
        savepoint = null;
    }

    @Override
    protected void rollbackToSavepoint() throws SQLException {
        conn.rollback(savepoint);
    }

    @Override
    protected void index(Article article) throws SQLException {
        indexArticle.setString(1, words(article.title() == null ? article.text() : article.title() + " "
                + article.text()));
        indexArticle.setString(2, article.id());
        indexArticle.executeUpdate();
    }

    @Override
    protected boolean isStoredId(SQLException e) {
        ServerErrorMessage m = e instanceof PSQLException pe ? pe.getServerErrorMessage() : null;
        return "23505".equals(e.getSQLState()) && m != null && "articles_pkey".equals(m.getConstraint());
    }

    /** PostgreSQL sends a result set whole unless a transaction holds a cursor for it. */
    @Override
    protected void beginStreaming(PreparedStatement ps) throws SQLException {
        if (conn.getAutoCommit()) {
            conn.setAutoCommit(false);
            streaming = true;
        }
        ps.setFetchSize(FETCH_SIZE);
    }

    /** Ends the read-only transaction {@link #beginStreaming} opened, if it did. */
    @Override
    protected void endStreaming() throws SQLException {
        if (streaming) {
            streaming = false;
            conn.rollback();
            conn.setAutoCommit(true);
        }
    }

    /**
     * {@inheritDoc} The words of the query (see {@link #words}) must all occur; hits are ranked by cover density
     * ({@code ts_rank_cd}), then in storing order. The snippet is {@code ts_headline}'s best passage of the title and
     * text, which reads the stored text with its accents: it marks a word spelt as in the query, with or without its
     * accents, but not one that matched only once its accents were taken off (query "Pena", text "Peña").
     */
    @Override
    public synchronized List<SearchHit> search(String query, int limit) {
        ensureOpen();
        String words = words(query);
        if (words.isEmpty()) {
            return List.of();
        }
        String options = "StartSel=\"" + SearchHit.MATCH_START + "\", StopSel=\"" + SearchHit.MATCH_END
                + "\", MaxWords=24, MinWords=12, MaxFragments=1, FragmentDelimiter=\"…\"";
        try (PreparedStatement ps = conn.prepareStatement("SELECT a.id, ts_headline('simple', coalesce(a.title || '"
                + "\n\n', '') || a.text, hit.q || plainto_tsquery('simple', ?), ?) FROM (SELECT s.seq, q,"
                + " ts_rank_cd(s.terms, q) AS rank"
                + " FROM article_search s, plainto_tsquery('simple', ?) q WHERE s.terms @@ q"
                + " ORDER BY rank DESC, s.seq LIMIT ?) hit JOIN articles a ON a.seq = hit.seq"
                + " ORDER BY hit.rank DESC, hit.seq")) {
            ps.setString(1, NON_WORD.matcher(query).replaceAll(" ")); // the query's words as spelt
            ps.setString(2, options);
            ps.setString(3, words);
            ps.setInt(4, limit);
            return hits(ps);
        } catch (SQLException e) {
            throw failure("cannot search for '" + query + "'", e);
        }
    }
}
