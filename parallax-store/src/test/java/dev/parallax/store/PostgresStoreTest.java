package dev.parallax.store;

import static dev.parallax.store.Fixtures.article;
import static dev.parallax.store.Fixtures.seedParagraphs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.parallax.core.brief.StoryBriefs;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.Published;
import dev.parallax.core.model.RawArticle;
import dev.parallax.core.model.StorySummary;
import dev.parallax.core.pipeline.IngestReport;
import dev.parallax.core.pipeline.Pipelines;
import dev.parallax.core.testing.Seeds;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store contract on a real PostgreSQL server, each test in a schema of its own, and what only a shared database
 * does: logins, other applications' tables, writers in several processes. The server is the one
 * {@value #SERVER_VARIABLE} names ({@code eval "$(.ci/postgres start)"} starts a throwaway one, as .ci/run does);
 * without it the tests are skipped, except under CI=true, where they fail.
 */
class PostgresStoreTest extends StoreContractTest {
    static final String SERVER_VARIABLE = "PARALLAX_TEST_POSTGRES";

    private static String server;
    private String schema;

    @BeforeAll
    static void server() {
        server = System.getenv(SERVER_VARIABLE);
        if (server == null && "true".equals(System.getenv("CI"))) {
            fail(SERVER_VARIABLE + " is not set: the PostgreSQL store tests need a server under CI=true"
                    + " (.ci/run starts one with .ci/postgres)");
        }
        if (server == null) {
            String why = "PostgreSQL store tests skipped: " + SERVER_VARIABLE + " is not set (eval \"$(.ci/postgres"
                    + " start)\" starts a throwaway server and sets it)";
            System.err.println(why); // surefire does not show why a class was skipped
            Assumptions.abort(why);
        }
    }

    @BeforeEach
    void createSchema() throws SQLException {
        schema = "test_" + UUID.randomUUID().toString().replace("-", "");
        admin("CREATE SCHEMA " + schema);
    }

    @AfterEach
    void dropSchema() throws SQLException {
        admin("DROP SCHEMA " + schema + " CASCADE");
    }

    private String url() {
        return server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    @Override
    SqlStore open() {
        return PostgresStore.open(url());
    }

    private static Connection connect(String url) throws SQLException {
        PostgresStore.Location l = PostgresStore.Location.parse(url, System.getenv());
        return DriverManager.getConnection(l.jdbcUrl(), l.properties());
    }

    private static void admin(String statement) throws SQLException {
        try (Connection c = connect(server); Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }

    @Override
    List<String> query(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = connect(url()); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Override
    void sql(String... statements) throws SQLException {
        try (Connection c = connect(url()); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.executeUpdate(s);
            }
        }
    }

    @Override
    List<String> migrations() {
        return List.of("1 init");
    }

    @Test
    void aSchemaWithAnotherApplicationsTablesIsRejectedAndLeftAlone() throws SQLException {
        sql("CREATE TABLE bookmarks (url TEXT)", "INSERT INTO bookmarks VALUES ('https://example.org')");
        String where = PostgresStore.Location.parse(url(), System.getenv()).shown();

        assertThatThrownBy(this::open)
                .isInstanceOf(StoreException.class)
                .hasMessage(where + " holds tables of some other application in schema " + schema + ", not a"
                        + " Parallax store: use another database, or another schema with ?currentSchema=NAME");
        assertThat(query("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"))
                .containsExactly("bookmarks");
    }

    @Test
    void newerSchemaIsRejected() throws SQLException {
        open().close();
        sql("INSERT INTO schema_version VALUES (2, 'from_the_future', 0)");

        assertThatThrownBy(this::open)
                .isInstanceOf(StoreException.class)
                .hasMessageEndingWith(" has schema version 2 but this Parallax knows only up to 1: use a newer"
                        + " Parallax or another database");
    }

    @Test
    void aMissingSchemaIsNamedInOneLine() {
        String missing = server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema + "_missing";
        assertThatThrownBy(() -> PostgresStore.open(missing))
                .isInstanceOf(StoreException.class)
                .hasMessageEndingWith(" has no schema to use: none on the search path exists; create it or name one"
                        + " with ?currentSchema=NAME");
    }

    @Test
    void aWrongPasswordIsRefusedWithoutShowingEitherPassword() {
        PostgresStore.Location l = PostgresStore.Location.parse(server, System.getenv());
        String password = l.properties().getProperty("password");
        String wrong = "not-" + password;
        String url = "postgresql://" + l.properties().getProperty("user") + ":" + wrong + "@"
                + l.jdbcUrl().substring("jdbc:postgresql://".length());
        assertThatThrownBy(() -> PostgresStore.open(url))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot open the PostgreSQL store postgresql://")
                .hasMessageContaining("password authentication failed")
                .hasMessageNotContaining(wrong)
                .hasMessageNotContaining("\n");
    }

    /**
     * Two processes writing to one store take turns: the second's save waits for the first's batch to commit, so that
     * articles are numbered in the order they were stored, which replays depend on.
     */
    @Test
    void writersInTwoProcessesTakeTurns() throws Exception {
        List<String> p = seedParagraphs(Fixtures.PENTAGON);
        Article first = article("first", "ap", Published.parse("2023-05-30"), "First", p.get(1));
        Article second = article("second", "bbc", Published.parse("2023-05-29"), "Second", p.get(2));
        try (SqlStore one = open(); SqlStore two = open()) {
            List<CompletableFuture<Void>> waiting = new ArrayList<>();
            one.batch(() -> {
                one.save(first, "s1");
                waiting.add(CompletableFuture.runAsync(() -> two.save(second, "s2")));
                try {
                    TimeUnit.MILLISECONDS.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                assertThat(waiting.get(0)).as("the other process's save waits for this batch").isNotDone();
                try {
                    assertThat(query("SELECT count(*) FROM articles")).as("nor do readers see the batch unfinished")
                            .containsExactly("0");
                } catch (SQLException e) {
                    throw new AssertionError(e);
                }
            });
            waiting.get(0).get(10, TimeUnit.SECONDS);
            List<String> stored = new ArrayList<>();
            two.forEachStored(a -> stored.add(a.id()));
            assertThat(stored).containsExactly("first", "second");
            assertThat(one.story("s2")).isPresent();
        }
    }

    /**
     * The same input through the real pipeline gives the same stories, articles, duplicate links and stored briefs in
     * both stores: the seeds and two BASIL events, each told by three outlets.
     */
    @Test
    void theSeedsAndBasilEventsGiveTheSameStoriesAndBriefsAsInSqlite() {
        List<RawArticle> batch = new ArrayList<>(Seeds.all());
        batch.addAll(Fixtures.basil(6));
        try (SqlStore postgres = open(); SqlStore sqlite = SqliteStore.temporary()) {
            for (SqlStore store : List.of(postgres, sqlite)) {
                try (StoryBriefs briefs = StoryBriefs.minilm(store)) {
                    IngestReport report = Pipelines.standard(store, briefs.unitEmbedding()).ingest(batch, done -> {});
                    assertThat(report.count(IngestReport.Status.STORED)).isEqualTo(8);
                    briefs.refresh(report.storiesChanged());
                }
            }
            List<StorySummary> stories = sqlite.stories();
            assertThat(stories).hasSizeGreaterThanOrEqualTo(3);
            assertThat(postgres.stories()).isEqualTo(stories);
            for (StorySummary story : stories) {
                assertThat(postgres.storyArticles(story.id())).isEqualTo(sqlite.storyArticles(story.id()));
                assertThat(postgres.duplicateLinks(story.id())).isEqualTo(sqlite.duplicateLinks(story.id()));
                assertThat(postgres.brief(story.id())).isPresent().isEqualTo(sqlite.brief(story.id()));
            }
        }
    }
}
