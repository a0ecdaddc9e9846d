package dev.parallax.store;

import static dev.parallax.store.Fixtures.pentagon;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallax.core.brief.Brief;
import dev.parallax.core.brief.StoredBrief;
import dev.parallax.core.dedup.Deduper;
import dev.parallax.core.embed.Embedding;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.Published;
import dev.parallax.core.model.RawArticle;
import dev.parallax.core.pipeline.IngestReport;
import dev.parallax.core.pipeline.Pipeline;
import dev.parallax.core.pipeline.Pipelines;
import dev.parallax.core.store.Store;
import dev.parallax.core.story.OnlineStoryClusterer;
import dev.parallax.core.story.StoryAssignment;
import dev.parallax.core.story.StoryClusterer;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on SQLite, and what only a store in a file does: its data directory, file checks, old versions. */
class SqliteStoreTest extends StoreContractTest {
    @TempDir
    Path dir;

    private Path db() {
        return dir.resolve(SqliteStore.FILE_NAME);
    }

    @Override
    SqlStore open() {
        return SqliteStore.open(dir);
    }

    @Override
    List<String> query(String sql) throws Exception {
        return Fixtures.query(db(), sql);
    }

    @Override
    void sql(String... statements) throws Exception {
        Fixtures.sql(db(), statements);
    }

    @Override
    List<String> migrations() {
        return List.of("1 init", "2 search", "3 duplicate_links", "4 briefs", "5 brief_parts");
    }

    @Test
    void junkFileIsRejectedWithOneLineMessage() throws IOException {
        byte[] junk = new byte[8192];
        new Random(42).nextBytes(junk);
        Files.write(db(), junk);

        assertThatThrownBy(() -> SqliteStore.open(dir))
                .isInstanceOf(StoreException.class)
                .hasMessage(db() + " is not a Parallax database (not an SQLite file at all):"
                        + " move it away or choose another data directory");
        assertThat(Files.readAllBytes(db())).isEqualTo(junk);
    }

    @Test
    void databaseWithCorruptPagesIsRejected() throws IOException {
        try (SqliteStore store = SqliteStore.open(dir)) {
            store.save(pentagon("pentagon", null), "s1");
        }
        byte[] bytes = Files.readAllBytes(db());
        byte[] junk = new byte[4000];
        new Random(7).nextBytes(junk);
        System.arraycopy(junk, 0, bytes, 100, junk.length); // keep the SQLite header, wreck the schema page
        Files.write(db(), bytes);

        assertThatThrownBy(() -> SqliteStore.open(dir))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith(db() + " is not a Parallax database or is corrupt (")
                .hasMessageEndingWith("): restore it from a backup or move it away")
                .hasMessageNotContaining("\n");
    }

    @Test
    void sqliteDatabaseOfAnotherApplicationIsRejectedAndLeftAlone() throws Exception {
        sql("CREATE TABLE bookmarks (url TEXT)", "INSERT INTO bookmarks VALUES ('https://example.org')");

        assertThatThrownBy(() -> SqliteStore.open(dir))
                .isInstanceOf(StoreException.class)
                .hasMessage(db() + " is an SQLite database of some other application, not a Parallax database:"
                        + " move it away or choose another data directory");
        assertThat(query("SELECT name FROM sqlite_master WHERE type = 'table'")).containsExactly("bookmarks");
    }

    @Test
    void newerSchemaIsRejected() throws Exception {
        SqliteStore.open(dir).close();
        sql("INSERT INTO schema_version VALUES (6, 'from_the_future', 0)");

        assertThatThrownBy(() -> SqliteStore.open(dir))
                .isInstanceOf(StoreException.class)
                .hasMessage(db() + " has schema version 6 but this Parallax knows only up to 5:"
                        + " use a newer Parallax or another data directory");
    }

    @Test
    void dataDirectoryThatIsAFileIsRejected() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "not a directory");

        assertThatThrownBy(() -> SqliteStore.open(file))
                .isInstanceOf(StoreException.class)
                .hasMessage("data directory " + file + " is a file, not a directory: choose another path");
    }

    @Test
    void aVersion4DatabaseServesItsStoredBriefsAndStoresThemInPartsOnceRebuilt() throws Exception {
        Brief.Span a = span("a1", 0, "China declined."), b = span("a2", 0, "China said no.");
        Brief stored = brief(List.of(new Brief.Claim(1, Brief.Status.PARTIAL, List.of("ap", "reuters"), List.of(a, b))),
                List.of(new Brief.QuoteRow("Patrick Ryder", "ap", "a2", 0, 5, "China", "direct", false, 1)),
                List.of(), List.of());
        // The schema as Parallax 4 left it, with a brief it stored whole.
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db());
                java.sql.Statement st = c.createStatement()) {
            for (int v = 1; v <= 4; v++) {
                String name = List.of("V1__init.sql", "V2__search.sql", "V3__duplicate_links.sql", "V4__briefs.sql")
                        .get(v - 1);
                try (var in = SqliteStoreTest.class.getResourceAsStream("/db/migration/" + name)) {
                    for (String sqlText : Migrations.statements(new String(in.readAllBytes(),
                            java.nio.charset.StandardCharsets.UTF_8))) {
                        st.executeUpdate(sqlText);
                    }
                }
                st.executeUpdate("INSERT INTO schema_version VALUES (" + v + ", '" + name + "', 0)");
            }
            st.executeUpdate("PRAGMA application_id = " + Migrations.APPLICATION_ID);
            st.executeUpdate("INSERT INTO stories VALUES ('s1', 0)");
            try (var ps = c.prepareStatement("INSERT INTO story_briefs VALUES ('s1', 'f1', ?, 0)")) {
                ps.setString(1, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(stored));
                ps.executeUpdate();
            }
        }
        try (SqliteStore store = SqliteStore.open(dir)) {
            assertThat(store.brief("s1")).contains(new StoredBrief("f1", stored));
            assertThat(store.briefFingerprint("s1")).contains("f1");
            store.saveBrief("s1", new StoredBrief("f2", stored));
        }
        assertThat(query("SELECT max(version) FROM schema_version")).containsExactly("5");
        assertThat(query("SELECT parts FROM story_briefs")).containsExactly("1");
        try (SqliteStore store = SqliteStore.open(dir)) {
            assertThat(store.brief("s1")).contains(new StoredBrief("f2", stored));
        }
    }

    @Test
    void temporaryStoreWorksAndDeletesItsFilesOnClose() {
        Article a = pentagon("pentagon", Published.ofDate(LocalDate.of(2023, 5, 30)));
        Path file;
        try (SqliteStore store = SqliteStore.temporary()) {
            file = store.file();
            store.save(a, "s1");
            assertThat(store.article("pentagon")).contains(a);
            assertThat(file).exists();
        }
        assertThat(file).doesNotExist();
        assertThat(file.getParent()).doesNotExist();
    }

    @Test
    void aMissingDataDirectoryIsCreatedWithAWalDatabaseMarkedAsParallax() throws Exception {
        Article a = pentagon("pentagon", Published.parse("2023-05-30"));
        try (SqliteStore store = SqliteStore.open(dir.resolve("nested/data"))) {
            store.save(a, "s1");
        }
        Path file = dir.resolve("nested/data").resolve(SqliteStore.FILE_NAME);
        assertThat(file).isRegularFile();
        for (int i = 0; i < 2; i++) {
            try (SqliteStore store = SqliteStore.open(dir.resolve("nested/data"))) {
                assertThat(store.articleCount()).isEqualTo(1);
                assertThat(store.article("pentagon")).contains(a);
                assertThat(store.storyOf("pentagon")).contains("s1");
            }
        }
        assertThat(Fixtures.query(file, "PRAGMA application_id")).containsExactly(String.valueOf(Migrations.APPLICATION_ID));
        assertThat(Fixtures.query(file, "PRAGMA journal_mode")).containsExactly("wal");
    }

    /**
     * A store written when the pipeline embedded with float32 MiniLM: resuming from it, the pipeline re-embeds the
     * stored articles it restores with its own embedder, so the clusterer never compares vectors of two embedders
     * (it refuses them) and the new article of the same event still joins their story.
     */
    @Test
    void storedArticlesOfAnotherEmbedderAreEmbeddedAgainWhenThePipelineResumes() {
        List<RawArticle> event = Fixtures.basil(3); // one event, three outlets, the same day
        String story;
        try (SqliteStore store = SqliteStore.open(dir)) {
            Pipeline float32 = new Pipeline(Pipelines.cleaner(), Pipelines.annotators(Pipelines.referenceEmbedder()),
                    new OnlineStoryClusterer(), new Deduper(), store);
            story = float32.ingest(event.subList(0, 2), done -> {}).outcomes().get(0).storyId();
        }
        try (SqliteStore store = SqliteStore.open(dir)) {
            assertThat(store.article(event.get(0).id()).orElseThrow().layer(Embedding.LAYER).get(0).model())
                    .isEqualTo("minilm");

            IngestReport report = Pipelines.standard(store).ingest(event.subList(2, 3), done -> {});

            assertThat(report.outcomes()).singleElement().satisfies(o -> {
                assertThat(o.status()).isEqualTo(IngestReport.Status.STORED);
                assertThat(o.storyId()).isEqualTo(story);
            });
            assertThat(store.article(event.get(2).id()).orElseThrow().layer(Embedding.LAYER).get(0).model())
                    .isEqualTo("minilm-q");
        }
    }

    /**
     * Placement runs a chunk ahead of the store's writes (Pipeline.placeChunks), so a re-ingest's copy may be in the
     * chunk being placed or in the one before it, neither written yet, or long stored. Copies by id and by outlet and
     * text at distances from 0 to ~2.5 chunks are each found as ingesting one article at a time finds them, and every
     * outcome and story of the one batch is the one of ingesting the same articles one by one.
     */
    @Test
    void oneBatchDecidesAsOneArticleAtATimeWhileItsWritesTrailPlacement(@TempDir Path oneByOne) {
        List<RawArticle> basil = new java.util.ArrayList<>(Fixtures.basil(110));
        basil.sort(java.util.Comparator.comparing(RawArticle::published).thenComparing(RawArticle::id));
        List<RawArticle> batch = new java.util.ArrayList<>(basil);
        int[] distances = {0, 1, 30, 63, 64, 66, 90, 100};
        for (int d = 0; d < distances.length; d++) {
            RawArticle original = basil.get(d);
            RawArticle later = basil.get(d + distances[d]);
            // right after `later` in placement order: the same time, and an id that sorts just after its id
            batch.add(new RawArticle(later.id() + "~text", "copy-by-text-" + d, original.outlet(), later.published(),
                    null, original.title(), original.text()));
            batch.add(new RawArticle(original.id(), "copy-by-id-" + d, "another outlet", later.published(), null,
                    "Another headline", "Another text, which a re-ingest by id may carry."));
        }
        // each item's decision: status, story at the end of the run, stored copy, split (openedStory and merged are
        // relative to the run, so they differ between one run and many)
        java.util.Map<String, List<Object>> together = new java.util.HashMap<>();
        try (SqliteStore store = SqliteStore.open(dir)) {
            IngestReport report = new Pipeline(Pipelines.cleaner(), Pipelines.annotators(), new OnlineStoryClusterer(),
                    new Deduper(), store).ingest(batch, done -> {});
            report.outcomes().forEach(o -> together.put(o.origin(), decision(o, o.storyId())));
            assertThat(report.count(IngestReport.Status.DUPLICATE)).isEqualTo(2L * distances.length);
            assertThat(store.articleCount()).isEqualTo(basil.size());
            assertThat(report.storiesOpened()).isEqualTo(store.stories().size());
        }
        java.util.Map<String, IngestReport.Outcome> single = new java.util.LinkedHashMap<>();
        java.util.Map<String, String> storyOf = new java.util.HashMap<>();
        List<RawArticle> inOrder = new java.util.ArrayList<>(batch);
        inOrder.sort(java.util.Comparator.comparing(RawArticle::published).thenComparing(RawArticle::id));
        long opened = 0;
        long merged = 0;
        try (SqliteStore store = SqliteStore.open(oneByOne)) {
            Pipeline pipeline = new Pipeline(Pipelines.cleaner(), Pipelines.annotators(), new OnlineStoryClusterer(),
                    new Deduper(), store);
            java.util.Map<String, String> originOf = new java.util.HashMap<>();
            for (RawArticle raw : inOrder) {
                IngestReport run = pipeline.ingest(List.of(raw), done -> {});
                opened += run.storiesOpened();
                merged += run.storiesMerged();
                for (IngestReport.Outcome o : run.outcomes()) {
                    // a batch's report names each article's story at the end of the run: follow later merges, then
                    // later splits, as the store did
                    String into = o.split() == null ? o.storyId() : o.split().from();
                    storyOf.replaceAll((origin, story) -> o.merged().contains(story) ? into : story);
                    for (String moved : o.split() == null ? List.<String>of() : o.split().moved()) {
                        storyOf.put(originOf.get(moved), o.storyId());
                    }
                    single.put(o.origin(), o);
                    storyOf.put(o.origin(), o.storyId());
                    if (o.status() == IngestReport.Status.STORED) {
                        originOf.put(o.articleId(), o.origin());
                    }
                }
            }
            assertThat(opened - merged).isEqualTo(store.stories().size());
        }
        assertThat(single.values()).anyMatch(o -> o.split() != null);
        java.util.Map<String, List<Object>> oneByOneDecisions = new java.util.HashMap<>();
        single.forEach((origin, o) -> oneByOneDecisions.put(origin, decision(o, storyOf.get(origin))));
        assertThat(together).isEqualTo(oneByOneDecisions);
    }

    /**
     * On the demo's sample, stories open and later merge as articles link them. One run's report counts the stories
     * there are at its end, and names each article's story by its current id; run one article at a time, the earlier
     * stories each run merged make up the difference.
     */
    @Test
    void aReportCountsTheStoriesThereAreAfterItsMerges(@TempDir Path oneByOne) {
        List<RawArticle> sample = Fixtures.ecbSample();
        try (SqliteStore store = SqliteStore.open(dir)) {
            IngestReport report = Pipelines.standard(store).ingest(sample, done -> {});
            List<String> stories = store.stories().stream().map(s -> s.id()).toList();
            assertThat(report.storiesOpened()).isEqualTo(stories.size());
            assertThat(report.storiesMerged()).isZero();
            assertThat(report.outcomes()).allSatisfy(o -> assertThat(stories).contains(o.storyId()));
            assertThat(report.summary()).startsWith("Ingested 81 articles (" + stories.size() + " new stories); ");
        }
        List<RawArticle> inOrder = new java.util.ArrayList<>(sample);
        inOrder.sort(java.util.Comparator.comparing(RawArticle::published,
                java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())).thenComparing(RawArticle::id));
        long opened = 0;
        long merged = 0;
        try (SqliteStore store = SqliteStore.open(oneByOne)) {
            Pipeline pipeline = Pipelines.standard(store);
            for (RawArticle raw : inOrder) {
                IngestReport run = pipeline.ingest(List.of(raw), done -> {});
                opened += run.storiesOpened();
                merged += run.storiesMerged();
                if (run.storiesMerged() > 0) {
                    assertThat(run.summary()).contains(run.storiesMerged() + " earlier stor");
                }
            }
            assertThat(merged).isPositive();
            assertThat(opened - merged).isEqualTo(store.stories().size());
        }
    }

    /**
     * An undated article is compared with every story the clusterer remembers, however old. A later process's batch
     * of the demo's sample that holds undated articles restores them all, and so makes the stories one batch of the
     * whole sample makes; before, it restored only the week before its earliest dated article, and the undated
     * articles of older events opened stories of their own (8 stories where one batch makes 6).
     */
    @Test
    void aLaterBatchWithUndatedArticlesFindsTheStoriesOfOneBatch(@TempDir Path twoRuns) {
        List<RawArticle> sample = new java.util.ArrayList<>(Fixtures.ecbSample());
        sample.sort(java.util.Comparator.comparing(RawArticle::published,
                java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())).thenComparing(RawArticle::id));
        assertThat(sample.get(20).published()).isNotNull();
        assertThat(sample.get(sample.size() - 1).published()).isNull();
        java.util.Set<java.util.Set<String>> oneBatch;
        try (SqliteStore store = SqliteStore.open(dir)) {
            Pipelines.standard(store).ingest(sample, done -> {});
            oneBatch = stories(store);
        }
        try (SqliteStore store = SqliteStore.open(twoRuns)) {
            Pipelines.standard(store).ingest(sample.subList(0, 20), done -> {});
        }
        try (SqliteStore store = SqliteStore.open(twoRuns)) { // a later process
            Pipelines.standard(store).ingest(sample.subList(20, sample.size()), done -> {});
            assertThat(stories(store)).hasSize(6).isEqualTo(oneBatch);
        }
    }

    /** Each story as the set of its articles' ids. */
    private static java.util.Set<java.util.Set<String>> stories(Store store) {
        return store.stories().stream().map(s -> java.util.Set.copyOf(store.storyArticleIds(s.id())))
                .collect(java.util.stream.Collectors.toSet());
    }

    private static List<Object> decision(IngestReport.Outcome o, String story) {
        return java.util.Arrays.asList(o.articleId(), o.status(), story, o.detail(), o.split());
    }

    /**
     * The writes trail placement by a chunk, so when a save fails the placing thread has already queued the next
     * chunk's writes: those are skipped, and the run ends with the save's error, as when one thread placed and wrote.
     * The failing store is the real one whose save of the 71st article (in placement order) throws.
     */
    @Test
    void aFailedSaveEndsTheRunAndNothingQueuedBehindItIsWritten() {
        List<RawArticle> basil = new java.util.ArrayList<>(Fixtures.basil(200));
        basil.sort(java.util.Comparator.comparing(RawArticle::published).thenComparing(RawArticle::id));
        String failing = basil.get(70).id();
        try (SqliteStore real = SqliteStore.open(dir)) {
            Store store = (Store) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Store.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("save") && ((Article) args[0]).id().equals(failing)) {
                            throw new StoreException("no room for " + failing);
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            Pipeline pipeline = new Pipeline(Pipelines.cleaner(), Pipelines.annotators(), new OnlineStoryClusterer(),
                    new Deduper(), store);

            assertThatThrownBy(() -> pipeline.ingest(basil, done -> {})).isInstanceOf(StoreException.class)
                    .hasMessage("no room for " + failing);
            assertThat(real.articleCount()).isEqualTo(70);
            assertThat(basil.subList(0, 70)).allSatisfy(a -> assertThat(real.article(a.id())).isPresent());
        }
    }

    /**
     * One assignment that merges a story into the one joined and then splits off a group beginning with the absorbed
     * story's founding article (so the new story takes that id back): the merge goes into the story joined, and the
     * split moves the group out again; every id resolves to a story of its own.
     */
    @Test
    void aMergeThenASplitInOneAssignmentMovesTheGroupToTheIdItTakesBack() {
        List<RawArticle> event = Fixtures.basil(3);
        List<String> seen = new java.util.ArrayList<>();
        StoryClusterer scripted = new StoryClusterer() {
            @Override
            public StoryAssignment assign(Article article) {
                seen.add(article.id());
                return switch (seen.size()) {
                    case 1 -> new StoryAssignment(article.id(), "s-a", true, 0);
                    case 2 -> new StoryAssignment(article.id(), "s-x", true, 0);
                    default -> new StoryAssignment(article.id(), "s-x", false, 0.9, List.of("s-x"),
                            new StoryAssignment.Split("s-a", List.of(seen.get(1))));
                };
            }

            @Override
            public void restore(Article article, String storyId) {}

            @Override
            public java.time.Duration activeWindow() {
                return java.time.Duration.ofDays(7);
            }
        };
        try (SqliteStore store = SqliteStore.open(dir)) {
            IngestReport report = new Pipeline(Pipelines.cleaner(), List.of(), scripted, new Deduper(), store)
                    .ingest(event, done -> {});

            assertThat(report.outcomes()).extracting(IngestReport.Outcome::status)
                    .containsOnly(IngestReport.Status.STORED);
            assertThat(store.storyOf(seen.get(0))).contains("s-a");
            assertThat(store.storyOf(seen.get(1))).contains("s-x");
            assertThat(store.storyOf(seen.get(2))).contains("s-x");
            assertThat(store.storyId("s-x")).contains("s-x");
        }
    }
}
