package dev.parallax.store;

import dev.parallax.core.brief.BriefChanges;
import dev.parallax.core.brief.Parallel;
import dev.parallax.core.brief.StoredBrief;
import dev.parallax.core.brief.UnitEmbedding;
import dev.parallax.core.dedup.DuplicateLink;
import dev.parallax.core.dedup.Relation;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.LayerKey;
import dev.parallax.core.model.Layers;
import dev.parallax.core.model.Outlet;
import dev.parallax.core.model.Published;
import dev.parallax.core.model.Spanned;
import dev.parallax.core.model.StorySummary;
import dev.parallax.core.store.SearchHit;
import dev.parallax.core.store.Store;
import dev.parallax.core.text.TextFingerprint;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A {@link Store} over one JDBC connection, in SQL that SQLite and PostgreSQL both run: {@link SqliteStore} and
 * {@link PostgresStore} add opening, write transactions, the full-text index and search, which differ.
 *
 * <p>Thread-safety: one connection serves every call and every public method holds this store's lock, so any thread
 * may call it but calls run one at a time. {@link #forEachPlaced} holds the lock for the whole replay; its consumer may
 * read from this store but must not write to it.
 */
public abstract sealed class SqlStore implements Store permits SqliteStore, PostgresStore {

    /**
     * The store at {@code location}, as every command names it: a {@code postgresql://} URL, else the data directory
     * of the embedded store (created, with its tables, when there is none).
     */
    public static SqlStore open(String location) {
        return PostgresStore.isUrl(location) ? PostgresStore.open(location)
                : SqliteStore.open(java.nio.file.Path.of(location));
    }
    /** Publication order: dated articles by instant, then undated ones; ties in insertion order. */
    private static final String PUBLICATION_ORDER = "a.published_s IS NULL, a.published_s, a.published_ns, a.seq";

    private static final String ARTICLE_COLUMNS = "a.id, a.origin, a.outlet, a.published_s, a.published_ns,"
            + " a.published_date, a.date_only, a.url, a.title, a.text, a.raw_text, a.removals";
    private static final int STORY_COLUMN = 13; // after ARTICLE_COLUMNS, in queries that add sa.story_id

    private static final String SUMMARY_QUERY = "SELECT sa.story_id, a.id, a.outlet, a.published_s, a.published_ns,"
            + " a.published_date, a.date_only, a.title FROM story_articles sa JOIN articles a ON a.id = sa.article_id";

    /** Where the store lives, for messages: a file, or a server and database (never its credentials). */
    private final String where;
    protected final Connection conn;
    private final LayerCodec codec = new LayerCodec();
    private final BriefCodec briefs = new BriefCodec();
    private final BriefParts briefParts = new BriefParts();
    /**
     * The parts of the briefs this store wrote or read last, by story, with the revision of their row: a save compares
     * the new brief with them. A few stories, since a large story's parts hold megabytes.
     */
    private final Map<String, BriefParts.State> partsCache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, BriefParts.State> eldest) {
            return size() > 4;
        }
    };
    private BriefWrite lastBriefWrite = new BriefWrite(0, 0, 0, 0, 0, 0, 0, false);

    /** Whether a {@link #batch} transaction is open: writes then nest in it as savepoints. */
    private boolean batchOpen;
    private final PreparedStatement insertArticle;
    private final PreparedStatement insertLayer;
    private final PreparedStatement insertStory;
    private final PreparedStatement insertMembership;
    private final PreparedStatement upsertLink;
    private final PreparedStatement selectById;
    private final PreparedStatement selectSeq;
    private final PreparedStatement selectByFingerprint;
    private final PreparedStatement selectArticle;
    private final PreparedStatement selectLayers;
    private final PreparedStatement selectStoryOf;
    private final PreparedStatement selectAlias;
    private final PreparedStatement countArticles;
    private boolean closed;

    /** Prepares the statements on {@code conn}, whose database is at the current schema. */
    SqlStore(Connection conn, String where) throws SQLException {
        this.conn = conn;
        this.where = where;
        insertArticle = conn.prepareStatement("INSERT INTO articles (id, origin, outlet, published_s, published_ns,"
                + " published_date, date_only, url, title, text, raw_text, fingerprint, removals, ingested_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        insertLayer = conn.prepareStatement(
                "INSERT INTO layers (article_id, ord, name, type, spans) VALUES (?, ?, ?, ?, ?)");
        insertStory = conn.prepareStatement(
                "INSERT INTO stories (id, created_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING");
        insertMembership = conn.prepareStatement("INSERT INTO story_articles (article_id, story_id) VALUES (?, ?)");
        upsertLink = conn.prepareStatement("INSERT INTO duplicate_links (article_id, original_id, relation, jaccard,"
                + " containment) VALUES (?, ?, ?, ?, ?) ON CONFLICT (article_id) DO UPDATE SET"
                + " original_id = excluded.original_id, relation = excluded.relation, jaccard = excluded.jaccard,"
                + " containment = excluded.containment");
        selectById = conn.prepareStatement("SELECT id FROM articles WHERE id = ?");
        selectSeq = conn.prepareStatement("SELECT seq FROM articles WHERE id = ?");
        selectByFingerprint = conn.prepareStatement(
                "SELECT id FROM articles WHERE fingerprint = ? AND outlet = ? ORDER BY seq LIMIT 1");
        selectArticle = conn.prepareStatement("SELECT " + ARTICLE_COLUMNS + " FROM articles a WHERE a.id = ?");
        selectLayers = conn.prepareStatement("SELECT name, type, spans FROM layers WHERE article_id = ? ORDER BY ord");
        selectStoryOf = conn.prepareStatement("SELECT story_id FROM story_articles WHERE article_id = ?");
        selectAlias = conn.prepareStatement("SELECT new_id FROM story_aliases WHERE old_id = ?");
        countArticles = conn.prepareStatement("SELECT count(*) FROM articles");
    }

    /** Opens a write transaction, taking the database's write lock up front (one writer at a time). */
    protected abstract void begin() throws SQLException;

    protected abstract void commit() throws SQLException;

    protected abstract void rollback() throws SQLException;

    /** Opens a savepoint for one write inside an open {@link #batch}. */
    protected abstract void savepoint() throws SQLException;

    protected abstract void release() throws SQLException;

    protected abstract void rollbackToSavepoint() throws SQLException;

    /** Adds the just inserted article to the full-text index, in its transaction. */
    protected abstract void index(Article article) throws SQLException;

    /**
     * Readies a query whose rows a replay reads one by one (the whole store), so that they are not all held in memory
     * at once; {@link #endStreaming} follows it, after the rows or a failure.
     */
    protected void beginStreaming(PreparedStatement ps) throws SQLException {}

    protected void endStreaming() throws SQLException {}

    /** Whether the failed insert of an article failed because its id is stored. */
    protected abstract boolean isStoredId(SQLException e);

    /** Where the store lives, for messages: a file, or a server and database (never its credentials). */
    public String where() {
        return where;
    }

    @Override
    public synchronized Optional<String> findDuplicate(Article article) {
        ensureOpen();
        try {
            selectById.setString(1, article.id());
            try (ResultSet rs = selectById.executeQuery()) {
                if (rs.next()) {
                    return Optional.of(rs.getString(1));
                }
            }
            selectByFingerprint.setString(1, TextFingerprint.of(article.text()));
            selectByFingerprint.setString(2, article.outlet().name());
            try (ResultSet rs = selectByFingerprint.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("cannot look up duplicates of article '" + article.id() + "'", e);
        }
    }

    /**
     * Stores the article, its layers, its membership of {@code storyId} (opening the story when new, following an
     * alias when the story was merged) and the duplicate links in one transaction.
     *
     * @throws StoreException when the article id is already stored, a layer cannot be stored or a link names an
     *     article that is not stored; nothing of the article is then stored and everything stored before stays intact
     */
    @Override
    public synchronized void save(Article article, String storyId, List<DuplicateLink> links) {
        Objects.requireNonNull(storyId, "storyId");
        Objects.requireNonNull(links, "links");
        ensureOpen();
        // Everything that can fail without the database is done before the transaction opens.
        String fingerprint = TextFingerprint.of(article.text());
        String removals = codec.removals(article.removals());
        // Brief unit vectors go to unit_vectors (float32 blobs), not into the layers table.
        List<LayerKey<?>> keys = article.layers().keys().stream().filter(k -> !k.equals(UnitEmbedding.LAYER)).toList();
        List<UnitEmbedding> unitVectors = article.layer(UnitEmbedding.LAYER);
        List<String> spans = new ArrayList<>(keys.size());
        for (LayerKey<?> key : keys) {
            spans.add(codec.spans(key, article.layer(key)));
        }
        long now = System.currentTimeMillis();
        try {
            inWrite(() -> {
                String story = resolve(storyId);
                insertStory.setString(1, story);
                insertStory.setLong(2, now);
                insertStory.executeUpdate();
                bindArticle(article, fingerprint, removals, now);
                insertArticle.executeUpdate();
                index(article);
                for (int i = 0; i < keys.size(); i++) {
                    insertLayer.setString(1, article.id());
                    insertLayer.setInt(2, i);
                    insertLayer.setString(3, keys.get(i).name());
                    insertLayer.setString(4, keys.get(i).type().getName());
                    insertLayer.setString(5, spans.get(i));
                    insertLayer.executeUpdate();
                }
                insertMembership.setString(1, article.id());
                insertMembership.setString(2, story);
                insertMembership.executeUpdate();
                for (UnitEmbedding u : unitVectors) {
                    upsertUnitVectors(article.id(), u.model(), u.vectors());
                }
                for (DuplicateLink link : links) {
                    upsertLink.setString(1, link.articleId());
                    upsertLink.setString(2, link.originalId());
                    upsertLink.setString(3, link.relation().name());
                    upsertLink.setDouble(4, link.jaccard());
                    upsertLink.setDouble(5, link.containment());
                    upsertLink.executeUpdate();
                }
                return null;
            });
        } catch (SQLException e) {
            if (isStoredId(e)) {
                throw new StoreException("article '" + article.id() + "' is already stored: check findDuplicate"
                        + " before saving", e);
            }
            throw failure("cannot save article '" + article.id() + "'", e);
        }
    }

    /**
     * {@inheritDoc} In one transaction: the memberships move, {@code from} becomes an alias of {@code into}, aliases
     * that pointed at {@code from} now point at {@code into} (so chains stay one step long), and the absorbed story's
     * row goes.
     */
    @Override
    public synchronized void mergeStories(String from, String into) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(into, "into");
        ensureOpen();
        try {
            inWrite(() -> {
                String source = resolve(from);
                String target = resolve(into);
                if (source.equals(target)) {
                    throw new StoreException("cannot merge story '" + from + "' into '" + into
                            + "': they are the same story");
                }
                try (PreparedStatement move = conn.prepareStatement(
                                "UPDATE story_articles SET story_id = ? WHERE story_id = ?");
                        PreparedStatement repoint = conn.prepareStatement(
                                "UPDATE story_aliases SET new_id = ? WHERE new_id = ?");
                        PreparedStatement alias = conn.prepareStatement(
                                "INSERT INTO story_aliases (old_id, new_id) VALUES (?, ?)");
                        PreparedStatement drop = conn.prepareStatement("DELETE FROM stories WHERE id = ?")) {
                    move.setString(1, target);
                    move.setString(2, source);
                    move.executeUpdate();
                    repoint.setString(1, target);
                    repoint.setString(2, source);
                    repoint.executeUpdate();
                    alias.setString(1, source);
                    alias.setString(2, target);
                    alias.executeUpdate();
                    drop.setString(1, source);
                    drop.executeUpdate();
                }
                return null;
            });
        } catch (SQLException e) {
            throw failure("cannot merge story '" + from + "' into '" + into + "'", e);
        }
    }

    /** {@inheritDoc} In one transaction: the alias {@code into} goes if there is one, the story row comes, the memberships move. */
    @Override
    public synchronized void splitStory(String from, String into, List<String> articleIds) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(into, "into");
        List<String> moved = List.copyOf(articleIds);
        ensureOpen();
        try {
            inWrite(() -> {
                String source = resolve(from);
                try (PreparedStatement unalias = conn.prepareStatement("DELETE FROM story_aliases WHERE old_id = ?");
                        PreparedStatement move = conn.prepareStatement(
                                "UPDATE story_articles SET story_id = ? WHERE article_id = ? AND story_id = ?")) {
                    unalias.setString(1, into);
                    unalias.executeUpdate();
                    insertStory.setString(1, into);
                    insertStory.setLong(2, System.currentTimeMillis());
                    insertStory.executeUpdate();
                    for (String article : moved) {
                        move.setString(1, into);
                        move.setString(2, article);
                        move.setString(3, source);
                        if (move.executeUpdate() != 1) {
                            throw new StoreException("cannot split story '" + from + "': article '" + article
                                    + "' is not one of its articles");
                        }
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            throw failure("cannot split story '" + from + "' into '" + into + "'", e);
        }
    }

    /**
     * {@inheritDoc} One transaction, each write in it a savepoint: a commit writes every page it touched to the log
     * (and, in SQLite, flushes the full-text index), so 64 saves in one commit cost far less than 64 commits. Holds
     * this store's lock throughout, so no other thread's write joins the transaction, nor does its read see it
     * unfinished.
     */
    @Override
    public synchronized void batch(Runnable writes) {
        Objects.requireNonNull(writes, "writes");
        ensureOpen();
        if (batchOpen) {
            writes.run();
            return;
        }
        try {
            begin();
        } catch (SQLException e) {
            throw failure("cannot open a transaction", e);
        }
        batchOpen = true;
        try {
            writes.run();
        } catch (RuntimeException | Error e) {
            // the writes that succeeded before the failure stay stored, as they would have without the batch
            try {
                commit();
            } catch (SQLException notCommitted) {
                e.addSuppressed(notCommitted);
                try {
                    rollback();
                } catch (SQLException notActive) {
                    e.addSuppressed(notActive);
                }
            }
            throw e;
        } finally {
            batchOpen = false;
        }
        try {
            commit();
        } catch (SQLException e) {
            try {
                rollback();
            } catch (SQLException notActive) {
                e.addSuppressed(notActive);
            }
            throw failure("cannot commit a batch of writes", e);
        }
    }

    /** A write's statements, and what they give the caller once committed (null when nothing). */
    @FunctionalInterface
    private interface Write<T> {
        T run() throws SQLException;
    }

    /**
     * Runs a write in its transaction (or its savepoint inside an open {@link #batch}) and commits it; on a failure
     * undoes it alone ({@link #rollBackAfter}) and rethrows.
     */
    private <T> T inWrite(Write<T> write) throws SQLException {
        beginWrite();
        try {
            T result = write.run();
            commitWrite();
            return result;
        } catch (SQLException | RuntimeException e) {
            rollBackAfter(e);
            throw e;
        }
    }

    /** Opens a write's transaction, or its savepoint inside an open {@link #batch}. */
    private void beginWrite() throws SQLException {
        if (batchOpen) {
            savepoint();
        } else {
            begin();
        }
    }

    private void commitWrite() throws SQLException {
        if (batchOpen) {
            release();
        } else {
            commit();
        }
    }

    /**
     * Undoes the write that {@code failure} ended, alone: inside a batch, the writes before it stay. The database may
     * have rolled back already (a full disk, I/O), which is noted on {@code failure}.
     */
    private void rollBackAfter(Exception failure) {
        try {
            if (batchOpen) {
                rollbackToSavepoint();
                release();
            } else {
                rollback();
            }
        } catch (SQLException notActive) {
            failure.addSuppressed(notActive);
        }
    }

    private void bindArticle(Article a, String fingerprint, String removals, long now) throws SQLException {
        PreparedStatement ps = insertArticle;
        ps.setString(1, a.id());
        ps.setString(2, a.origin());
        ps.setString(3, a.outlet().name());
        Published p = a.published();
        if (p == null) {
            for (int i = 4; i <= 7; i++) {
                ps.setObject(i, null);
            }
        } else {
            ps.setLong(4, p.instant().getEpochSecond());
            ps.setInt(5, p.instant().getNano());
            ps.setString(6, p.date().toString());
            ps.setInt(7, p.dateOnly() ? 1 : 0);
        }
        ps.setString(8, a.url());
        ps.setString(9, a.title());
        ps.setString(10, a.text());
        ps.setString(11, a.rawText());
        ps.setString(12, fingerprint);
        ps.setString(13, removals);
        ps.setLong(14, now);
    }

    @Override
    public synchronized Optional<Article> article(String id) {
        ensureOpen();
        try {
            selectArticle.setString(1, id);
            try (ResultSet rs = selectArticle.executeQuery()) {
                return rs.next() ? Optional.of(readArticle(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("cannot read article '" + id + "'", e);
        }
    }

    @Override
    public synchronized List<Article> storyArticles(String storyId) {
        ensureOpen();
        try (PreparedStatement ps = conn.prepareStatement("SELECT " + ARTICLE_COLUMNS + " FROM story_articles sa"
                + " JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = ? ORDER BY " + PUBLICATION_ORDER)) {
            ps.setString(1, resolve(storyId));
            List<Article> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(readArticle(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("cannot read story '" + storyId + "'", e);
        }
    }

    /** The hits of a prepared search: each row's article id and snippet, in the query's order. */
    static List<SearchHit> hits(PreparedStatement search) throws SQLException {
        List<SearchHit> out = new ArrayList<>();
        try (ResultSet rs = search.executeQuery()) {
            while (rs.next()) {
                out.add(new SearchHit(rs.getString(1), rs.getString(2)));
            }
        }
        return out;
    }

    @Override
    public synchronized List<String> storyArticleIds(String storyId) {
        ensureOpen();
        try (PreparedStatement ps = conn.prepareStatement("SELECT a.id FROM story_articles sa JOIN articles a"
                + " ON a.id = sa.article_id WHERE sa.story_id = ? ORDER BY " + PUBLICATION_ORDER)) {
            ps.setString(1, resolve(storyId));
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("cannot read story '" + storyId + "'", e);
        }
    }

    /** All stories, latest publication first; stories without a dated article last; ties by id. */
    @Override
    public synchronized List<StorySummary> stories() {
        ensureOpen();
        try (PreparedStatement ps = conn.prepareStatement(
                SUMMARY_QUERY + " ORDER BY sa.story_id, " + PUBLICATION_ORDER)) {
            List<StorySummary> out = summaries(ps);
            out.sort(Comparator.comparing(StorySummary::last, Comparator.nullsLast(Comparator.reverseOrder()))
                    .thenComparing(StorySummary::id));
            return out;
        } catch (SQLException e) {
            throw failure("cannot list stories", e);
        }
    }

    /** The story with this id, or with the id it was merged into. */
    @Override
    public synchronized Optional<StorySummary> story(String id) {
        ensureOpen();
        try (PreparedStatement ps = conn.prepareStatement(
                SUMMARY_QUERY + " WHERE sa.story_id = ? ORDER BY " + PUBLICATION_ORDER)) {
            ps.setString(1, resolve(id));
            return summaries(ps).stream().findFirst();
        } catch (SQLException e) {
            throw failure("cannot read story '" + id + "'", e);
        }
    }

    @Override
    public synchronized Optional<String> storyId(String id) {
        ensureOpen();
        try (PreparedStatement ps = conn.prepareStatement("SELECT 1 FROM story_articles WHERE story_id = ? LIMIT 1")) {
            String resolved = resolve(id);
            ps.setString(1, resolved);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(resolved) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("cannot read story '" + id + "'", e);
        }
    }

    /** Streams membership rows grouped by story, each group in publication order, into summaries. */
    private List<StorySummary> summaries(PreparedStatement ps) throws SQLException {
        List<StorySummary> out = new ArrayList<>();
        Map<String, String> untitled = new HashMap<>(); // story id -> its earliest article, which has no title
        try (ResultSet rs = ps.executeQuery()) {
            SummaryBuilder current = null;
            while (rs.next()) {
                String story = rs.getString(1);
                if (current == null || !current.id.equals(story)) {
                    if (current != null) {
                        out.add(current.build());
                    }
                    current = new SummaryBuilder(story, rs.getString(2), rs.getString(8));
                    if (current.title == null || current.title.isBlank()) {
                        untitled.put(story, current.firstArticle);
                    }
                }
                current.add(new Outlet(rs.getString(3)), published(rs, 4));
            }
            if (current != null) {
                out.add(current.build());
            }
        }
        if (untitled.isEmpty()) {
            return out;
        }
        // Headlines from sentences or text need the whole article; only untitled earliest articles are loaded.
        List<StorySummary> titled = new ArrayList<>(out.size());
        for (StorySummary s : out) {
            String articleId = untitled.get(s.id());
            String title = articleId == null ? s.title() : article(articleId).map(Article::headline).orElseThrow();
            titled.add(new StorySummary(s.id(), s.articleCount(), s.outlets(), s.first(), s.last(), title));
        }
        return titled;
    }

    private static final class SummaryBuilder {
        final String id;
        final String firstArticle;
        final String title;
        final Map<Outlet, Integer> outlets = new HashMap<>();
        int count;
        Published first;
        Published last;

        SummaryBuilder(String id, String firstArticle, String title) {
            this.id = id;
            this.firstArticle = firstArticle;
            this.title = title;
        }

        /** Rows come in publication order, so the first dated one is the earliest and the last dated the latest. */
        void add(Outlet outlet, Published published) {
            count++;
            outlets.merge(outlet, 1, Integer::sum);
            if (published != null) {
                if (first == null) {
                    first = published;
                }
                last = published;
            }
        }

        StorySummary build() {
            List<Outlet> ranked = outlets.keySet().stream()
                    .sorted(Comparator.comparing((Outlet o) -> outlets.get(o)).reversed()
                            .thenComparing(Outlet::name))
                    .toList();
            return new StorySummary(id, count, ranked, first, last, title == null ? null : title.strip());
        }
    }

    @Override
    public synchronized Optional<String> storyOf(String articleId) {
        ensureOpen();
        try {
            selectStoryOf.setString(1, articleId);
            try (ResultSet rs = selectStoryOf.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("cannot read the story of article '" + articleId + "'", e);
        }
    }

    @Override
    public synchronized int articleCount() {
        ensureOpen();
        try (ResultSet rs = countArticles.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw failure("cannot count articles", e);
        }
    }

    @Override
    public synchronized List<DuplicateLink> duplicateLinks(String storyId) {
        ensureOpen();
        try (PreparedStatement ps = conn.prepareStatement("SELECT dl.article_id, dl.original_id, dl.relation,"
                + " dl.jaccard, dl.containment FROM story_articles sa JOIN duplicate_links dl ON dl.article_id ="
                + " sa.article_id JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = ? ORDER BY a.seq")) {
            ps.setString(1, resolve(storyId));
            List<DuplicateLink> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DuplicateLink(rs.getString(1), rs.getString(2), Relation.valueOf(rs.getString(3)),
                            rs.getDouble(4), rs.getDouble(5)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("cannot read the duplicate links of story '" + storyId + "'", e);
        }
    }

    /**
     * {@inheritDoc} A brief stored in parts (V5) is assembled from its header and parts; one stored whole by a V4
     * Parallax is read as it is (it is stored in parts when next rebuilt). A brief this store saved or read at the
     * revision the row still has is the one it kept, not read again (a large story's brief is ~20 M characters of
     * JSON); keeping it also lets the next update follow the builder's brief ({@link BriefChanges}).
     */
    @Override
    public synchronized Optional<StoredBrief> brief(String storyId) {
        ensureOpen();
        try {
            String id = resolve(storyId);
            BriefParts.State kept = partsCache.get(id);
            if (kept != null) {
                try (PreparedStatement ps = conn.prepareStatement(
                        "SELECT fingerprint, revision FROM story_briefs WHERE story_id = ? AND parts = 1")) {
                    ps.setString(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next() && rs.getLong(2) == kept.revision()) {
                            return Optional.of(new StoredBrief(rs.getString(1), kept.brief()));
                        }
                    }
                }
            }
            return readBrief(id, storyId);
        } catch (SQLException e) {
            throw failure("cannot read the brief of story '" + storyId + "'", e);
        }
    }

    /** The brief as stored: assembled from its header and parts, or read whole (V4). */
    private Optional<StoredBrief> readBrief(String id, String storyId) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT fingerprint, brief, parts, revision FROM story_briefs WHERE story_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                if (rs.getInt(3) == 0) {
                    return Optional.of(new StoredBrief(rs.getString(1), briefs.brief(rs.getString(2), storyId)));
                }
                String fingerprint = rs.getString(1), header = rs.getString(2);
                long revision = rs.getLong(4);
                BriefParts.Stored stored = briefParts.join(header, parts(id), revision, storyId);
                partsCache.put(id, stored.state());
                return Optional.of(new StoredBrief(fingerprint, stored.brief()));
            }
        }
    }

    private Map<String, Map<Integer, BriefParts.Part>> parts(String storyId) throws SQLException {
        Map<String, Map<Integer, BriefParts.Part>> out = new HashMap<>();
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT kind, no, part_key, body FROM brief_parts WHERE story_id = ?")) {
            ps.setString(1, storyId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String kind = rs.getString(1);
                    int no = rs.getInt(2);
                    out.computeIfAbsent(kind, k -> new HashMap<>())
                            .put(no, briefParts.part(kind, no, rs.getString(3), rs.getString(4), storyId));
                }
            }
        }
        return out;
    }

    @Override
    public synchronized Optional<String> briefFingerprint(String storyId) {
        ensureOpen();
        try (PreparedStatement ps = conn.prepareStatement("SELECT fingerprint FROM story_briefs WHERE story_id = ?")) {
            ps.setString(1, resolve(storyId));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("cannot read the brief of story '" + storyId + "'", e);
        }
    }

    /**
     * {@inheritDoc} In parts (V5), in one transaction: when this store wrote or read the story's brief at the revision
     * it still has, only the parts that differ from then are written and those no longer in the brief deleted (after
     * one more article, a small share of a large story's brief); otherwise every part is written anew.
     */
    @Override
    public void saveBrief(String storyId, StoredBrief brief) {
        saveBrief(storyId, brief, null);
    }

    /**
     * {@inheritDoc} With {@code changes} that start from the brief this store saved last (at the revision the row still
     * has), each item is compared with the stored part of the item it continues, so that a large story's update costs
     * what changed rather than a lookup of every part by key.
     */
    @Override
    public synchronized void saveBrief(String storyId, StoredBrief brief, BriefChanges changes) {
        ensureOpen();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long t0 = System.nanoTime(), c0 = cpu.getCurrentThreadCpuTime(), b0 = Parallel.allocatedBytes();
        try {
            String id = resolve(storyId);
            record Saved(BriefParts.Change change, long chars) {}
            try {
                Saved saved = inWrite(() -> {
                    long revision = -1, chars = 0;
                    try (PreparedStatement ps = conn.prepareStatement(
                            "SELECT revision, parts FROM story_briefs WHERE story_id = ?")) {
                        ps.setString(1, id);
                        try (ResultSet rs = ps.executeQuery()) {
                            if (rs.next() && rs.getInt(2) == 1) {
                                revision = rs.getLong(1);
                            }
                        }
                    }
                    BriefParts.State last = partsCache.get(id);
                    if (last != null && last.revision() != revision) {
                        last = null; // another process saved it since, or it was deleted by a merge
                    }
                    BriefParts.Change change = briefParts.change(brief.brief(), last, revision + 1, changes);
                    if (last == null) {
                        try (PreparedStatement ps = conn.prepareStatement("DELETE FROM brief_parts WHERE story_id = ?")) {
                            ps.setString(1, id);
                            ps.executeUpdate();
                        }
                    }
                    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO story_briefs (story_id, fingerprint,"
                            + " brief, built_at, parts, revision) VALUES (?, ?, ?, ?, 1, ?) ON CONFLICT (story_id) DO"
                            + " UPDATE SET fingerprint = excluded.fingerprint, brief = excluded.brief, built_at ="
                            + " excluded.built_at, parts = 1, revision = excluded.revision")) {
                        ps.setString(1, id);
                        ps.setString(2, brief.fingerprint());
                        String header = briefParts.json(change.header());
                        chars += header.length();
                        ps.setString(3, header);
                        ps.setLong(4, System.currentTimeMillis());
                        ps.setLong(5, revision + 1);
                        ps.executeUpdate();
                    }
                    try (PreparedStatement ps = conn.prepareStatement(
                            "DELETE FROM brief_parts WHERE story_id = ? AND kind = ? AND no = ?")) {
                        for (var e : change.delete().entrySet()) {
                            for (int no : e.getValue()) {
                                ps.setString(1, id);
                                ps.setString(2, e.getKey());
                                ps.setInt(3, no);
                                ps.addBatch();
                            }
                        }
                        ps.executeBatch();
                    }
                    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO brief_parts (story_id, kind, no,"
                            + " part_key, body) VALUES (?, ?, ?, ?, ?) ON CONFLICT (story_id, kind, no) DO UPDATE SET"
                            + " part_key = excluded.part_key, body = excluded.body")) {
                        for (BriefParts.Row r : change.write()) {
                            ps.setString(1, id);
                            ps.setString(2, r.kind());
                            ps.setInt(3, r.part().no());
                            ps.setString(4, r.part().key());
                            String body = briefParts.json(r.part().value());
                            chars += body.length();
                            ps.setString(5, body);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                    return new Saved(change, chars);
                });
                BriefParts.Change change = saved.change();
                partsCache.put(id, change.state());
                lastBriefWrite = new BriefWrite(change.write().size(),
                        change.delete().values().stream().mapToInt(List::size).sum(), saved.chars(),
                        System.nanoTime() - t0, cpu.getCurrentThreadCpuTime() - c0 + change.offThreadNanos(),
                        change.offThreadNanos(), Parallel.allocatedBytes() - b0 + change.offThreadBytes(),
                        change.followed());
            } catch (SQLException | RuntimeException e) {
                partsCache.remove(id); // the cache may be ahead of a write that did not commit
                throw e;
            }
        } catch (SQLException e) {
            throw failure("cannot save the brief of story '" + storyId + "'", e);
        }
    }

    /**
     * What the last {@link #saveBrief} did: for the brief benchmark, which reports the store's share of an update.
     *
     * @param written parts written (all of them when the store did not know the stored ones)
     * @param deleted parts deleted
     * @param chars JSON characters written: the header and the parts written
     * @param nanos wall-clock time of the save, cutting, comparing and JSON included
     * @param cpuNanos CPU time of the save: the saving thread's, and the comparison's on other threads
     * @param offThreadCpuNanos of it, the comparison's on other threads
     * @param allocatedBytes heap the save allocated: the saving thread's and the comparison's on other threads
     * @param followed whether the items were compared with those they continue in the brief saved before
     *     ({@link BriefChanges}), not looked up by key
     */
    public record BriefWrite(int written, int deleted, long chars, long nanos, long cpuNanos, long offThreadCpuNanos,
            long allocatedBytes, boolean followed) {}

    public synchronized BriefWrite lastBriefWrite() {
        return lastBriefWrite;
    }

    @Override
    public synchronized Optional<float[][]> unitVectors(String articleId, String model) {
        ensureOpen();
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT units, vectors FROM unit_vectors WHERE article_id = ? AND model = ?")) {
            ps.setString(1, articleId);
            ps.setString(2, model);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(BriefCodec.vectors(rs.getBytes(2), rs.getInt(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("cannot read the unit vectors of article '" + articleId + "'", e);
        }
    }

    @Override
    public synchronized void saveUnitVectors(String articleId, String model, float[][] vectors) {
        ensureOpen();
        try {
            upsertUnitVectors(articleId, model, vectors);
        } catch (SQLException e) {
            throw failure("cannot save the unit vectors of article '" + articleId + "'", e);
        }
    }

    private void upsertUnitVectors(String articleId, String model, float[][] vectors) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO unit_vectors (article_id, model, units, vectors)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (article_id, model) DO UPDATE SET units = excluded.units,"
                + " vectors = excluded.vectors")) {
            ps.setString(1, articleId);
            ps.setString(2, model);
            ps.setInt(3, vectors.length);
            ps.setBytes(4, BriefCodec.blob(vectors));
            ps.executeUpdate();
        }
    }

    /**
     * Streams the articles row by row in insertion order. Only what a replay needs is read: the raw text stands in for
     * itself (it is the clean text), and removals and layers are left out, which halves the time a replay takes.
     */
    @Override
    public synchronized void forEachStored(Consumer<Article> consumer) {
        ensureOpen();
        try (PreparedStatement ps = conn.prepareStatement("SELECT a.id, a.origin, a.outlet, a.published_s,"
                + " a.published_ns, a.published_date, a.date_only, a.url, a.title, a.text FROM articles a"
                + " ORDER BY a.seq")) {
            beginStreaming(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String text = rs.getString(10);
                    consumer.accept(new Article(rs.getString(1), rs.getString(2), new Outlet(rs.getString(3)),
                            published(rs, 4), rs.getString(8), rs.getString(9), text, text, List.of(),
                            Layers.empty()));
                }
            } finally {
                endStreaming();
            }
        } catch (SQLException e) {
            throw failure("cannot replay stored articles", e);
        }
    }

    @Override
    public synchronized List<Article> articles(String afterId, int limit) {
        ensureOpen();
        try {
            long before = Long.MAX_VALUE;
            if (afterId != null) {
                selectSeq.setString(1, afterId);
                try (ResultSet rs = selectSeq.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalArgumentException("no article '" + afterId + "' is stored");
                    }
                    before = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = conn.prepareStatement("SELECT " + ARTICLE_COLUMNS
                    + " FROM articles a WHERE a.seq < ? ORDER BY a.seq DESC LIMIT ?")) {
                ps.setLong(1, before);
                ps.setInt(2, limit);
                List<Article> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(readArticle(rs));
                    }
                }
                return out;
            }
        } catch (SQLException e) {
            throw failure("cannot list articles", e);
        }
    }

    /**
     * Streams the articles row by row (one article in memory at a time), dated ones through the publication index,
     * then undated ones in insertion order.
     */
    @Override
    public synchronized void forEachPlaced(Instant since, BiConsumer<Article, String> consumer) {
        ensureOpen();
        String select = "SELECT " + ARTICLE_COLUMNS + ", sa.story_id FROM articles a"
                + " JOIN story_articles sa ON sa.article_id = a.id";
        try (PreparedStatement dated = conn.prepareStatement(select
                + " WHERE (a.published_s, a.published_ns) >= (?, ?) ORDER BY a.published_s, a.published_ns, a.seq");
                PreparedStatement undated = conn.prepareStatement(select
                        // published_ns is null too, so this is insertion order, read straight off the index
                        + " WHERE a.published_s IS NULL ORDER BY a.published_ns, a.seq")) {
            dated.setLong(1, since.getEpochSecond());
            dated.setInt(2, since.getNano());
            for (PreparedStatement ps : List.of(dated, undated)) {
                beginStreaming(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        consumer.accept(readArticle(rs), rs.getString(STORY_COLUMN));
                    }
                } finally {
                    endStreaming();
                }
            }
        } catch (SQLException e) {
            throw failure("cannot replay stored articles", e);
        }
    }

    /** Follows merge aliases to the story that now holds the articles. */
    private String resolve(String storyId) throws SQLException {
        String id = storyId;
        Set<String> seen = new HashSet<>();
        while (seen.add(id)) {
            selectAlias.setString(1, id);
            try (ResultSet rs = selectAlias.executeQuery()) {
                if (!rs.next()) {
                    return id;
                }
                id = rs.getString(1);
            }
        }
        throw new StoreException("story aliases of '" + storyId + "' form a cycle through '" + id + "' in " + where);
    }

    private Article readArticle(ResultSet rs) throws SQLException {
        String id = rs.getString(1);
        return new Article(id, rs.getString(2), new Outlet(rs.getString(3)), published(rs, 4), rs.getString(8),
                rs.getString(9), rs.getString(10), rs.getString(11), codec.removals(rs.getString(12), id),
                layers(id));
    }

    /** The publication time stored in the four columns from {@code col}, or null when undated. */
    private static Published published(ResultSet rs, int col) throws SQLException {
        long seconds = rs.getLong(col);
        if (rs.wasNull()) {
            return null;
        }
        return new Published(Instant.ofEpochSecond(seconds, rs.getInt(col + 1)), LocalDate.parse(rs.getString(col + 2)),
                rs.getInt(col + 3) == 1);
    }

    private Layers layers(String articleId) throws SQLException {
        Layers layers = Layers.empty();
        selectLayers.setString(1, articleId);
        try (ResultSet rs = selectLayers.executeQuery()) {
            while (rs.next()) {
                LayerCodec.LoadedLayer l = codec.layer(articleId, rs.getString(1), rs.getString(2), rs.getString(3));
                layers = with(layers, l.key(), l.spans());
            }
        }
        return layers;
    }

    @SuppressWarnings("unchecked")
    private static <T extends Spanned> Layers with(Layers layers, LayerKey<T> key, List<? extends Spanned> spans) {
        return layers.with(key, (List<? extends T>) spans); // the codec read the spans as key.type()
    }

    protected final void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the store at " + where + " is closed");
        }
    }

    protected final StoreException failure(String what, SQLException e) {
        return new StoreException(what + " in " + where + ": " + oneLine(e), e);
    }

    static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s+", " ").strip();
    }

    /** Closes the connection. Closing twice is harmless. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (Connection c = conn) {
            beforeClose();
        } catch (SQLException e) {
            throw failure("cannot close the store", e);
        } finally {
            afterClose();
        }
    }

    /** What the database should do before its connection closes. */
    protected void beforeClose() throws SQLException {}

    /** What to clean up once the connection is closed. */
    protected void afterClose() {}
}
