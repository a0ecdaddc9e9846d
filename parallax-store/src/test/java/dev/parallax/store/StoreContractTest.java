package dev.parallax.store;

import static dev.parallax.store.Fixtures.article;
import static dev.parallax.store.Fixtures.pentagon;
import static dev.parallax.store.Fixtures.seed;
import static dev.parallax.store.Fixtures.seedParagraphs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallax.core.brief.Brief;
import dev.parallax.core.brief.BriefChanges;
import dev.parallax.core.brief.StoredBrief;
import dev.parallax.core.dedup.DuplicateLink;
import dev.parallax.core.dedup.Relation;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.LayerKey;
import dev.parallax.core.model.Outlet;
import dev.parallax.core.model.Published;
import dev.parallax.core.model.Sentence;
import dev.parallax.core.model.Spanned;
import dev.parallax.core.model.StorySummary;
import dev.parallax.core.store.SearchHit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SqlStore} does, on the shared seed texts: {@link SqliteStoreTest} and {@link PostgresStoreTest}
 * run it against a fresh store each, and add what only their database does.
 */
abstract class StoreContractTest {
    /** A span type defined outside core, as later annotators will: the store needs no change to keep it. */
    record Tagged(int start, int end, String label, List<String> notes) implements Spanned {
        static final LayerKey<Tagged> LAYER = new LayerKey<>("tagged", Tagged.class);
    }

    /** Opens the test's store: the same one each time within a test, a fresh one for every test. */
    abstract SqlStore open();

    /** The first column of each row of a query on the store's database, run as another program would. */
    abstract List<String> query(String sql) throws Exception;

    /** Runs statements on the store's database directly, as another program (or an attacker) could. */
    abstract void sql(String... statements) throws Exception;

    /** "version description" of every migration the store applies, in order. */
    abstract List<String> migrations();

    /**
     * A story's brief as stored, read through another connection: the store that saved it keeps the brief it saved and
     * serves that while the row is at the revision it wrote.
     */
    Optional<StoredBrief> stored(String storyId) {
        try (SqlStore reader = open()) {
            return reader.brief(storyId);
        }
    }

    @Test
    void reopeningKeepsDataAndAppliesEachMigrationOnce() throws Exception {
        Article a = pentagon("pentagon", Published.parse("2023-05-30"));
        try (SqlStore store = open()) {
            store.save(a, "s1");
        }
        for (int i = 0; i < 2; i++) {
            try (SqlStore store = open()) {
                assertThat(store.articleCount()).isEqualTo(1);
                assertThat(store.article("pentagon")).contains(a);
                assertThat(store.storyOf("pentagon")).contains("s1");
            }
        }
        assertThat(query("SELECT version || ' ' || description FROM schema_version ORDER BY version"))
                .containsExactlyElementsOf(migrations());
    }

    @Test
    void searchIgnoresAccentsAndCase() {
        // BASIL's NYT account of Trump's visit to Mexico: real text with an accented name.
        String text = Fixtures.basilText("basil-8abec8d9-50a2-480e-969a-157f94954f4d_3");
        String lead = text.substring(0, text.indexOf("\n\n", text.indexOf("Peña")));
        assertThat(lead).contains("President Enrique Peña Nieto");
        try (SqlStore store = open()) {
            store.save(article("visit", "nyt", null, "Trump visits Mexico", lead), "s");
            store.save(article("pentagon", "ap", null, "Austin snubbed", seedParagraphs(Fixtures.PENTAGON).get(1)),
                    "t");
            for (String query : List.of("pena nieto", "PEÑA", "peña-nieto", "enrique PENA")) {
                assertThat(store.search(query, 10)).as(query).extracting(SearchHit::articleId)
                        .containsExactly("visit");
            }
            assertThat(store.search("Pen", 10)).isEmpty();
            assertThat(store.search("trump", 10).get(0).snippet())
                    .contains(SearchHit.MATCH_START + "Trump" + SearchHit.MATCH_END);
            assertThat(store.search("Peña", 10).get(0).snippet())
                    .contains(SearchHit.MATCH_START + "Peña" + SearchHit.MATCH_END);
        }
    }

    @Test
    void roundTripGivesEqualArticlesWithLayersAndRemovals() {
        Article pentagon = pentagon("pentagon", Published.parse("2023-05-30T14:05:07.123456789Z"));
        String ryder = "Brigadier General Pat Ryder";
        int at = pentagon.text().indexOf(ryder);
        pentagon = pentagon.with(Tagged.LAYER,
                List.of(new Tagged(at, at + ryder.length(), "PERSON", List.of("Pentagon spokesman", "\"Pat\"")),
                        new Tagged(0, 5, "PLACE", List.of())));
        Article dateOnly = article("shangri-la", "Reuters", Published.parse("2023-06-01"), null, seed(Fixtures.SHANGRI_LA));
        // Late evening in New York is the next day in UTC: the outlet's calendar date must survive.
        Article offset = article("evening", "nyt", Published.parse("2023-05-30T23:13:00-04:00"), "Evening",
                seedParagraphs(Fixtures.PENTAGON).get(1));
        Article undated = new Article("bare", null, Outlet.UNKNOWN, null, null, null, "Just a line.", "Just a line.",
                List.of(), dev.parallax.core.model.Layers.empty());

        try (SqlStore store = open()) {
            store.save(pentagon, "s1");
            store.save(dateOnly, "s1");
            store.save(undated, "s2");
            store.save(offset, "s2");
            assertThat(store.article("pentagon")).contains(pentagon);
        }
        try (SqlStore store = open()) {
            Article back = store.article("pentagon").orElseThrow();
            assertThat(back).isEqualTo(pentagon);
            assertThat(back.removals()).hasSize(3).extracting(r -> r.text())
                    .containsExactly(" date 2023-05-30", "Pentagon spokesman Air Force Brig. Gen. Patrick Ryder.",
                            "Photo via AP/Andrew Harnik");
            assertThat(back.layers().keys()).containsExactly(LayerKey.PARAGRAPHS, LayerKey.SENTENCES, Tagged.LAYER);
            assertThat(back.layer(Tagged.LAYER).get(0).notes()).containsExactly("Pentagon spokesman", "\"Pat\"");
            assertThat(back.textOf(back.layer(Tagged.LAYER).get(0))).isEqualTo(ryder);
            assertThat(back.published().instant().getNano()).isEqualTo(123456789);
            assertThat(store.article("shangri-la")).contains(dateOnly);
            assertThat(store.article("bare")).contains(undated);
            assertThat(store.article("evening")).contains(offset);
            assertThat(store.article("evening").orElseThrow().published().date()).isEqualTo("2023-05-30");
            assertThat(store.article("missing")).isEmpty();
        }
    }

    @Test
    void findsReingestsBySameIdAndBySameOutletWithSameTextUpToPunctuationAndCase() {
        List<String> paragraphs = seedParagraphs(Fixtures.PENTAGON);
        String text = paragraphs.get(1);
        try (SqlStore store = open()) {
            store.save(article("a", "reuters", null, null, text), "s1");

            String retyped = text.toUpperCase().replace(",", "").replace(".", " .").replace("’", "'");
            assertThat(retyped).isNotEqualTo(text);
            assertThat(store.findDuplicate(article("b", "reuters", null, null, retyped))).contains("a");
            assertThat(store.findDuplicate(article("a", "ap", null, null, paragraphs.get(2)))).contains("a");
            assertThat(store.findDuplicate(article("c", "reuters", null, null, paragraphs.get(2)))).isEmpty();
            // The same text from another outlet is a syndicated reprint: stored, and linked by the Deduper.
            assertThat(store.findDuplicate(article("b", "ap", null, null, retyped))).isEmpty();
            // One word changed is not an exact duplicate.
            assertThat(store.findDuplicate(article("d", "reuters", null, null, text.replace("Singapore", "Jakarta"))))
                    .isEmpty();
        }
    }

    @Test
    void duplicateLinksAreSavedWithTheArticleAndReplacedOnRelink() throws Exception {
        List<String> paragraphs = seedParagraphs(Fixtures.SHANGRI_LA);
        String text = paragraphs.get(0);
        try (SqlStore store = open()) {
            store.save(article("reprint", "example", Published.parse("2023-06-01T11:00:00Z"), null, text), "s1");
            store.save(article("other", "example", Published.parse("2023-06-01T12:00:00Z"), null, paragraphs.get(1)),
                    "s2");
            store.save(article("copy", "daily", Published.parse("2023-06-01T12:00:00Z"), null, text), "s1",
                    List.of(new DuplicateLink("copy", "reprint", Relation.EXACT, 1, 1)));
            assertThat(store.duplicateLinks("s1"))
                    .containsExactly(new DuplicateLink("copy", "reprint", Relation.EXACT, 1, 1));

            // The wire copy arrives last and becomes the family's original: both earlier links are replaced with it.
            List<DuplicateLink> relinked = List.of(new DuplicateLink("reprint", "wire", Relation.NEAR, 0.9, 0.95),
                    new DuplicateLink("copy", "wire", Relation.NEAR, 0.9, 0.95));
            store.save(article("wire", "reuters", Published.parse("2023-06-01T10:00:00Z"), null, text + " Reuters"),
                    "s1", relinked);
            assertThat(store.duplicateLinks("s1")).containsExactlyInAnyOrderElementsOf(relinked);
            assertThat(store.duplicateLinks("s2")).isEmpty();
        }
        assertThat(query("SELECT article_id || ' ' || original_id || ' ' || relation FROM duplicate_links"
                + " ORDER BY article_id")).containsExactly("copy wire NEAR", "reprint wire NEAR");
    }

    @Test
    void forEachStoredReplaysInStoredOrderNotPublicationOrder() {
        List<String> paragraphs = seedParagraphs(Fixtures.SHANGRI_LA);
        try (SqlStore store = open()) {
            store.save(article("late", "ap", Published.parse("2023-06-03T10:00:00Z"), "Late", paragraphs.get(0)), "s1");
            store.save(article("undated", "ap", null, null, paragraphs.get(1)), "s1");
            store.save(article("early", "ap", Published.parse("2023-06-01T10:00:00Z"), "Early", paragraphs.get(2)),
                    "s2");
            List<Article> replayed = new ArrayList<>();
            store.forEachStored(replayed::add);
            assertThat(replayed).extracting(Article::id).containsExactly("late", "undated", "early");
            Article early = replayed.get(2);
            assertThat(early.text()).isEqualTo(paragraphs.get(2));
            assertThat(early.published()).isEqualTo(Published.parse("2023-06-01T10:00:00Z"));
            assertThat(early.outlet()).isEqualTo(Outlet.of("ap"));
        }
    }

    @Test
    void failedSaveDoesNotKeepItsLinks() {
        List<String> paragraphs = seedParagraphs(Fixtures.SHANGRI_LA);
        try (SqlStore store = open()) {
            store.save(article("a", "reuters", null, null, paragraphs.get(0)), "s1");
            // A link to an article that is not stored breaks the foreign key: the article goes with it.
            assertThatThrownBy(() -> store.save(article("b", "ap", null, null, paragraphs.get(0)), "s1",
                    List.of(new DuplicateLink("b", "missing", Relation.EXACT, 1, 1))))
                    .isInstanceOf(StoreException.class);
            assertThat(store.articleCount()).isEqualTo(1);
            assertThat(store.duplicateLinks("s1")).isEmpty();
        }
    }

    @Test
    void failedSaveRollsBackAndLeavesEarlierDataIntact() throws Exception {
        List<String> paragraphs = seedParagraphs(Fixtures.SHANGRI_LA);
        Article first = article("a", "reuters", Published.parse("2023-06-01T10:00:00Z"), "First", paragraphs.get(0));
        try (SqlStore store = open()) {
            store.save(first, "s1");
            Article sameId = article("a", "ap", Published.parse("2023-06-02T10:00:00Z"), "Other", paragraphs.get(1));

            assertThatThrownBy(() -> store.save(sameId, "s2"))
                    .isInstanceOf(StoreException.class)
                    .hasMessage("article 'a' is already stored: check findDuplicate before saving");

            assertThat(store.articleCount()).isEqualTo(1);
            assertThat(store.article("a")).contains(first);
            assertThat(store.story("s2")).isEmpty();
            assertThat(store.stories()).extracting(StorySummary::id).containsExactly("s1");
            // Still usable: the next save commits.
            Article next = article("b", "ap", Published.parse("2023-06-02T10:00:00Z"), "Next", paragraphs.get(1));
            store.save(next, "s2");
            assertThat(store.article("b")).contains(next);
            assertThat(store.storyOf("b")).contains("s2");
        }
        // The story row s2 opened inside the failed transaction was rolled back with it, then made by the next save.
        assertThat(query("SELECT id FROM stories ORDER BY id")).containsExactly("s1", "s2");
        assertThat(query("SELECT count(*) FROM layers")).containsExactly("4");
    }

    @Test
    void aBatchCommitsItsWritesTogetherAndAFailedSaveInsideKeepsTheOnesBeforeIt() throws Exception {
        List<String> paragraphs = seedParagraphs(Fixtures.SHANGRI_LA);
        Article first = article("a", "reuters", Published.parse("2023-06-01T10:00:00Z"), "First", paragraphs.get(0));
        Article second = article("b", "ap", Published.parse("2023-06-01T11:00:00Z"), "Second", paragraphs.get(1));
        Article sameId = article("a", "ap", Published.parse("2023-06-02T10:00:00Z"), "Other", paragraphs.get(2));
        Article third = article("c", "afp", Published.parse("2023-06-02T11:00:00Z"), "Third", paragraphs.get(2));
        try (SqlStore store = open()) {
            store.batch(() -> {
                store.save(first, "s1");
                store.save(second, "s2");
                store.mergeStories("s2", "s1");
                // inside the batch, its own writes are visible to the next decision's reads
                assertThat(store.storyOf("b")).contains("s1");
            });
            assertThat(query("SELECT count(*) FROM articles")).containsExactly("2");

            assertThatThrownBy(() -> store.batch(() -> {
                store.save(third, "s3");
                store.save(sameId, "s4");
            })).isInstanceOf(StoreException.class).hasMessageContaining("article 'a' is already stored");

            assertThat(store.article("c")).contains(third);
            assertThat(store.article("a")).contains(first);
            assertThat(store.story("s4")).isEmpty();
            store.save(article("d", "ap", Published.parse("2023-06-03T10:00:00Z"), "Next", paragraphs.get(3)), "s4");
        }
        // another connection sees every committed write, and nothing of the failed save
        assertThat(query("SELECT id FROM articles ORDER BY id")).containsExactly("a", "b", "c", "d");
        assertThat(query("SELECT id FROM stories ORDER BY id")).containsExactly("s1", "s3", "s4");
        assertThat(query("SELECT old_id || '>' || new_id FROM story_aliases")).containsExactly("s2>s1");
    }

    @Test
    void storiesAreListedLatestFirstWithOutletsByCountAndTheEarliestHeadline() {
        List<String> p = seedParagraphs(Fixtures.PENTAGON);
        List<String> q = seedParagraphs(Fixtures.SHANGRI_LA);
        try (SqlStore store = open()) {
            // Story "talks": saved out of publication order, so the earliest article is not the first saved.
            store.save(article("t3", "reuters", Published.parse("2023-05-31T09:00:00Z"), "Later take", p.get(1)), "talks");
            store.save(article("t1", "bbc", Published.parse("2023-05-30T08:00:00Z"), "  China rejects Austin talks ",
                    p.get(2)), "talks");
            store.save(article("t2", "reuters", Published.parse("2023-05-30T12:00:00Z"), "Mid", p.get(3)), "talks");
            store.save(article("t4", "bbc", Published.parse("2023-05-31T07:00:00Z"), "Also", p.get(4)), "talks");
            store.save(article("t5", "apnews", null, "Undated", p.get(5)), "talks");
            // Story "forum": latest of all; its earliest article has no title, so its first sentence stands in.
            store.save(article("f2", "ap", Published.parse("2023-06-02T10:00:00Z"), "Forum opens", q.get(1)), "forum");
            store.save(article("f1", "ap", Published.parse("2023-06-01"), " ", q.get(0)), "forum");
            // Story "quiet": nothing dated, listed last.
            store.save(article("x1", "local", null, null, q.get(2)), "quiet");

            List<StorySummary> stories = store.stories();

            assertThat(stories).extracting(StorySummary::id).containsExactly("forum", "talks", "quiet");
            StorySummary talks = stories.get(1);
            assertThat(talks.articleCount()).isEqualTo(5);
            assertThat(talks.outlets()).extracting(Outlet::name).containsExactly("bbc", "reuters", "apnews");
            assertThat(talks.first()).isEqualTo(Published.parse("2023-05-30T08:00:00Z"));
            assertThat(talks.last()).isEqualTo(Published.parse("2023-05-31T09:00:00Z"));
            assertThat(talks.title()).isEqualTo("China rejects Austin talks");

            StorySummary forum = stories.get(0);
            Article f1 = store.article("f1").orElseThrow();
            // Headline rules are Article's: its first sentence, cut at a word boundary within 120 characters.
            assertThat(forum.title()).isEqualTo(f1.headline())
                    .isEqualTo("China has outrightly declined a request by US Defence Secretary Lloyd Austin to hold a "
                            + "meeting with his Chinese…");
            assertThat(forum.first()).isEqualTo(Published.parse("2023-06-01"));

            StorySummary quiet = stories.get(2);
            assertThat(quiet.first()).isNull();
            assertThat(quiet.last()).isNull();
            assertThat(quiet.outlets()).containsExactly(new Outlet("local"));

            assertThat(store.story("talks")).contains(talks);
            assertThat(store.story("nope")).isEmpty();
        }
    }

    @Test
    void articlesArePagedNewestStoredFirst() {
        List<String> p = seedParagraphs(Fixtures.PENTAGON);
        try (SqlStore store = open()) {
            // Stored out of publication order: paging follows storing order, which new articles only extend.
            store.save(article("a1", "bbc", Published.parse("2023-05-31"), "One", p.get(1)), "s");
            store.save(article("a2", "bbc", Published.parse("2023-05-29"), "Two", p.get(2)), "s");
            store.save(article("a3", "ap", null, "Three", p.get(3)), "t");

            assertThat(store.articles(null, 2)).extracting(Article::id).containsExactly("a3", "a2");
            assertThat(store.articles("a2", 2)).extracting(Article::id).containsExactly("a1");
            assertThat(store.articles("a1", 2)).isEmpty();
            assertThat(store.articles(null, 5).get(1)).isEqualTo(store.article("a2").orElseThrow());
            assertThatThrownBy(() -> store.articles("nope", 2))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("no article 'nope' is stored");
        }
    }

    @Test
    void searchFindsWholeWordsInTitlesAndTextsAndMarksThem() {
        List<String> p = seedParagraphs(Fixtures.PENTAGON);
        List<String> q = seedParagraphs(Fixtures.SHANGRI_LA);
        try (SqlStore store = open()) {
            store.save(article("pentagon", "ap", null, "Austin snubbed", p.get(1)), "s");
            store.save(article("forum", "bbc", null, "Forum", q.get(0)), "t");
        }
        // Reopened: what was indexed in save() survives.
        try (SqlStore store = open()) {
            assertThat(p.get(1)).contains("Singapore");
            assertThat(q.get(0)).contains("Singapore");
            assertThat(store.search("singapore", 10)).extracting(SearchHit::articleId)
                    .containsExactlyInAnyOrder("pentagon", "forum");
            // Every word must occur: "Shangri-La" is only in the forum article, and its hyphen is no syntax.
            List<SearchHit> hits = store.search("Singapore Shangri-La", 10);
            assertThat(hits).extracting(SearchHit::articleId).containsExactly("forum");
            assertThat(hits.get(0).snippet()).contains(SearchHit.MATCH_START + "Singapore" + SearchHit.MATCH_END);
            assertThat(store.search("SNUBBED", 10)).extracting(SearchHit::articleId).containsExactly("pentagon");
            assertThat(store.search("Singapor", 10)).isEmpty();
            // FTS5 operators and quotes in the input are just punctuation.
            assertThat(store.search("\"Austin\" ( * ^ NEAR(", 10)).extracting(SearchHit::articleId).isEmpty();
            assertThat(store.search("\"Austin\" ( * ^", 10)).extracting(SearchHit::articleId)
                    .containsExactlyInAnyOrder("pentagon", "forum");
            assertThat(store.search(" ,;* ", 10)).isEmpty();
            assertThat(store.search("singapore", 1)).hasSize(1);
        }
    }

    @Test
    void storyArticlesComeInPublicationOrderWithUndatedLast() {
        List<String> p = seedParagraphs(Fixtures.PENTAGON);
        try (SqlStore store = open()) {
            store.save(article("u1", "a", null, "u1", p.get(1)), "s");
            store.save(article("d2", "a", Published.parse("2023-05-30T12:00:00Z"), "d2", p.get(2)), "s");
            store.save(article("u2", "a", null, "u2", p.get(3)), "s");
            store.save(article("d1", "a", Published.parse("2023-05-30"), "d1", p.get(4)), "s");
            store.save(article("d3", "a", Published.parse("2023-05-30T12:00:00Z"), "d3", p.get(5)), "s");
            store.save(article("other", "a", Published.parse("2023-05-29"), "other", p.get(6)), "t");

            assertThat(store.storyArticles("s")).extracting(Article::id).containsExactly("d1", "d2", "d3", "u1", "u2");
            assertThat(store.storyArticles("missing")).isEmpty();
            assertThat(store.storyOf("d3")).contains("s");
            assertThat(store.storyOf("other")).contains("t");
            assertThat(store.storyOf("missing")).isEmpty();
            assertThat(store.articleCount()).isEqualTo(6);
        }
    }

    @Test
    void mergingStoriesMovesTheArticlesAndTheOldIdsKeepResolving() {
        List<String> p = seedParagraphs(Fixtures.PENTAGON);
        try (SqlStore store = open()) {
            store.save(article("a1", "reuters", Published.parse("2023-05-30"), "Talks refused", p.get(1)), "s1");
            store.save(article("a2", "ap", Published.parse("2023-05-31"), "Talks off", p.get(2)), "s2");
            store.save(article("a3", "afp", Published.parse("2023-06-01"), "No talks", p.get(3)), "s3");

            store.mergeStories("s3", "s2");
            store.mergeStories("s2", "s1");

            assertThat(store.storyOf("a2")).contains("s1");
            assertThat(store.storyOf("a3")).contains("s1");
            assertThat(store.storyArticles("s3")).extracting(Article::id).containsExactly("a1", "a2", "a3");
            assertThat(store.story("s2")).map(StorySummary::id).contains("s1");
            assertThat(store.storyId("s3")).as("the id without the summary").contains("s1");
            assertThat(store.storyId("s1")).contains("s1");
            assertThat(store.storyId("nope")).isEmpty();
            assertThat(store.stories()).extracting(StorySummary::id).containsExactly("s1");
            store.save(article("a4", "bbc", Published.parse("2023-06-02"), "Talks", p.get(4)), "s3");
            assertThat(store.storyOf("a4")).contains("s1");
            assertThatThrownBy(() -> store.mergeStories("s3", "s1")).isInstanceOf(StoreException.class)
                    .hasMessageContaining("same story");
        }
        // the aliases are stored: a reopened store resolves them too
        try (SqlStore store = open()) {
            assertThat(store.story("s3")).map(StorySummary::id).contains("s1");
        }
    }

    @Test
    void aSplitMovesTheGroupToTheNewStoryAndAMergedAwayIdBecomesAStoryAgain() throws Exception {
        List<String> p = seedParagraphs(Fixtures.PENTAGON);
        try (SqlStore store = open()) {
            store.save(article("a1", "reuters", Published.parse("2023-05-30"), "Talks refused", p.get(1)), "s1");
            store.save(article("a2", "ap", Published.parse("2023-05-31"), "Talks off", p.get(2)), "s2");
            store.save(article("a3", "afp", Published.parse("2023-06-01"), "No talks", p.get(3)), "s1");
            store.mergeStories("s2", "s1");
            // a2's group leaves s1 under the id a2 once opened: the alias goes, s2 is a story again
            store.splitStory("s1", "s2", List.of("a2"));
            store.save(article("a4", "bbc", Published.parse("2023-06-02"), "Talks", p.get(4)), "s2");

            assertThat(store.storyArticleIds("s1")).containsExactly("a1", "a3");
            assertThat(store.storyArticleIds("s2")).containsExactly("a2", "a4");
            assertThat(store.storyOf("a2")).contains("s2");
            assertThat(store.storyId("s2")).contains("s2");
            assertThat(store.stories()).extracting(StorySummary::id).containsExactlyInAnyOrder("s1", "s2");
            assertThatThrownBy(() -> store.splitStory("s1", "s5", List.of("a4")))
                    .isInstanceOf(StoreException.class).hasMessageContaining("'a4' is not one of its articles");
            assertThat(store.storyOf("a4")).contains("s2");
            assertThat(store.story("s5")).as("a failed split writes nothing").isEmpty();
        }
        assertThat(query("SELECT count(*) FROM story_aliases")).containsExactly("0");
    }

    @Test
    void briefsAndUnitVectorsRoundTripAndAMergeDropsTheAbsorbedBrief() throws Exception {
        List<String> p = seedParagraphs(Fixtures.PENTAGON);
        Brief.Span span = new Brief.Span("a1", 0, 5, "China");
        Brief brief = new Brief(List.of(new Brief.Voice("reuters", List.of("a1"), List.of())),
                List.of(new Brief.Claim(1, Brief.Status.UNIQUE, List.of("reuters"), List.of(span))), List.of(),
                List.of(), List.of(), List.of(new Brief.TimePoint("2023-05", "early May", "a1", "It was May.", false,
                        List.of(new Brief.TimeCitation("a1", "reuters", 0, 5, "China", span)))),
                List.of(), List.of(new Brief.Coverage("reuters", List.of(1), List.of())),
                List.of(new Brief.SummarySentence("China", 1, List.of(new Brief.Citation("a1", "reuters", 0, 5)))),
                List.of("a note"));
        // Values that a decimal text form would round: stored vectors must be bit for bit what was embedded.
        float[][] vectors = {{0.1f, -1e-7f, Float.MIN_VALUE}, {1f / 3, 2f / 7, -0f}};
        try (SqlStore store = open()) {
            store.save(article("a1", "reuters", Published.parse("2023-05-30"), "Talks refused", p.get(1)), "s1");
            store.save(article("a2", "ap", Published.parse("2023-05-31"), "Talks off", p.get(2)), "s2");
            store.saveBrief("s1", new StoredBrief("f1", brief));
            store.saveBrief("s2", new StoredBrief("f2", brief));
            store.saveUnitVectors("a1", "m", vectors);
            store.saveBrief("s1", new StoredBrief("f3", brief));
        }
        try (SqlStore store = open()) {
            assertThat(stored("s1")).contains(new StoredBrief("f3", brief));
            assertThat(store.briefFingerprint("s1")).contains("f3");
            assertThat(store.briefFingerprint("s3")).isEmpty();
            assertThat(store.unitVectors("a1", "m")).hasValueSatisfying(v -> assertThat(v).isDeepEqualTo(vectors));
            assertThat(store.unitVectors("a1", "other")).isEmpty();
            assertThat(store.unitVectors("a2", "m")).isEmpty();

            store.mergeStories("s2", "s1");

            assertThat(stored("s2")).as("the absorbed id reaches the merged story's brief")
                    .contains(new StoredBrief("f3", brief));
            assertThat(query("SELECT story_id FROM story_briefs")).containsExactly("s1");
        }
    }

    /** A brief over claims of three outlets, whose quotes, discrepancies, framing and summary refer to claims. */
    static Brief brief(List<Brief.Claim> claims, List<Brief.QuoteRow> quotes,
            List<Brief.Discrepancy> discrepancies, List<Brief.TimePoint> timeline) {
        List<Brief.Voice> voices = List.of(new Brief.Voice("ap", List.of("a2"), List.of()),
                new Brief.Voice("nyt", List.of("a3"), List.of()), new Brief.Voice("reuters", List.of("a1"), List.of()));
        Brief.Span first = claims.get(0).spans().get(0), last = claims.get(claims.size() - 1).spans().get(0);
        return new Brief(voices, claims, quotes,
                List.of(new Brief.Speaker("Patrick Ryder", List.of("ap", "nyt"), quotes.size(), true, List.of())),
                discrepancies, timeline,
                List.of(new Brief.Framing(claims.size(), "ap", List.of("rejected"), List.of(), last, "nyt",
                        List.of("declined"), List.of("Su-35"), last)),
                Brief.coverage(voices.stream().map(Brief.Voice::name).toList(), claims),
                List.of(new Brief.SummarySentence(first.text(), 1,
                        List.of(new Brief.Citation(first.article(), "reuters", first.start(), first.end())))),
                List.of("a note"));
    }

    static Brief.Span span(String article, int start, String text) {
        return new Brief.Span(article, start, start + text.length(), text);
    }

    @Test
    void briefIsStoredInPartsAndAnUpdateWritesOnlyWhatChanged() throws Exception {
        Brief.Span a = span("a1", 0, "China declined."), b = span("a2", 0, "China said no."),
                c = span("a3", 0, "Austin will go."), d = span("a3", 20, "The balloon was shot down."),
                e = span("a2", 30, "Li was sanctioned in 2018."), f = span("a3", 40, "Li was sanctioned in 2019.");
        // A date many sentences cite: its citations are stored in chunks of BriefParts.CHUNK.
        List<Brief.TimeCitation> cites = new ArrayList<>();
        for (int i = 0; i <= BriefParts.CHUNK; i++) {
            cites.add(new Brief.TimeCitation("a1", "reuters", 3 + i, 6 + i, "May", a));
        }
        Brief.TimePoint may = new Brief.TimePoint("2023-05", "May", "a1", "In May.", false, cites);
        List<Brief.TimeCitation> more = new ArrayList<>(cites);
        more.add(new Brief.TimeCitation("a3", "nyt", 3, 6, "May", c));
        Brief before = brief(List.of(new Brief.Claim(1, Brief.Status.PARTIAL, List.of("ap", "reuters"), List.of(a, b)),
                        new Brief.Claim(2, Brief.Status.UNIQUE, List.of("nyt"), List.of(c)),
                        new Brief.Claim(3, Brief.Status.UNIQUE, List.of("nyt"), List.of(d)),
                        new Brief.Claim(4, Brief.Status.UNIQUE, List.of("ap"), List.of(e))),
                List.of(new Brief.QuoteRow("Patrick Ryder", "nyt", "a3", 0, 10, "Austin will", "direct", false, 2),
                        new Brief.QuoteRow("Patrick Ryder", "ap", "a2", 30, 40, "Li was", "indirect", false, 4)),
                List.of(), List.of(may));
        // One more article: claim 4 gains a voice and moves up (the claims between are renumbered), claim 2 joins
        // claim 1 (its part goes), a discrepancy and a timeline citation appear.
        Brief after = brief(List.of(new Brief.Claim(1, Brief.Status.CONSENSUS, List.of("ap", "nyt", "reuters"),
                                List.of(a, b, c)),
                        new Brief.Claim(2, Brief.Status.PARTIAL, List.of("ap", "nyt"), List.of(e, f)),
                        new Brief.Claim(3, Brief.Status.UNIQUE, List.of("nyt"), List.of(d))),
                List.of(new Brief.QuoteRow("Patrick Ryder", "nyt", "a3", 0, 10, "Austin will", "direct", false, 1),
                        new Brief.QuoteRow("Patrick Ryder", "ap", "a2", 30, 40, "Li was", "indirect", false, 2)),
                List.of(new Brief.Discrepancy("date", 2, "ap", "2018", e, "nyt", "2019", f)),
                List.of(new Brief.TimePoint("2023-05", "May", "a1", "In May.", false, more)));
        try (SqlStore store = open()) {
            sql("INSERT INTO stories VALUES ('s1', 0)");
            store.saveBrief("s1", new StoredBrief("f1", before));
            assertThat(store.lastBriefWrite().written()).as("every part of a new brief").isEqualTo(4 + 2 + 1 + 1 + 2);
            assertThat(stored("s1")).contains(new StoredBrief("f1", before));

            store.saveBrief("s1", new StoredBrief("f2", after));
            // claims a… and e… (grown; d's part is unchanged under its new id), the quote in c (now in claim a…), the
            // discrepancy, the May point (its count) and its last chunk of citations; the other quote's claim part,
            // the speaker and the first chunk of citations are unchanged
            assertThat(store.lastBriefWrite().written()).isEqualTo(2 + 1 + 1 + 2);
            assertThat(store.lastBriefWrite().deleted()).as("the part of the claim that joined another").isOne();
            assertThat(query("SELECT count(*) FROM brief_parts WHERE kind = 'claim'")).containsExactly("3");
            assertThat(stored("s1")).contains(new StoredBrief("f2", after));
        }
        try (SqlStore store = open(); SqlStore other = open()) {
            assertThat(store.brief("s1")).contains(new StoredBrief("f2", after));
            other.saveBrief("s1", new StoredBrief("f3", before)); // another process: this store's parts are stale
            store.saveBrief("s1", new StoredBrief("f4", after));
            assertThat(store.lastBriefWrite().written()).as("all parts written when another process saved since")
                    .isEqualTo(3 + 2 + 1 + 1 + 1 + 2);
            assertThat(other.brief("s1")).contains(new StoredBrief("f4", after));
            store.saveBrief("s1", new StoredBrief("f5", after));
            assertThat(store.lastBriefWrite().written()).isZero();
            // Made of the same objects as the brief saved last (found by identity), yet with another status: written.
            Brief.Claim kept = after.claims().get(2);
            Brief changed = brief(List.of(after.claims().get(0), after.claims().get(1),
                    new Brief.Claim(3, Brief.Status.PARTIAL, kept.outlets(), kept.spans())), after.quotes(),
                    after.discrepancies(), after.timeline());
            store.saveBrief("s1", new StoredBrief("f6", changed));
            assertThat(store.lastBriefWrite().written()).isOne();
            assertThat(stored("s1")).contains(new StoredBrief("f6", changed));
            assertThat(other.brief("s1")).contains(new StoredBrief("f6", changed));
        }
    }

    @Test
    void aHeaderGivesThePartOrderAsRunsAndOneThatListsItIsReadToo() throws Exception {
        assertThat(BriefParts.runs(new int[] {4, 5, 6, 1, 9, 10, 2})).containsExactly(4, 3, 1, 1, 9, 2, 2, 1);
        assertThat(BriefParts.expand(new int[] {4, 3, 1, 1, 9, 2, 2, 1})).containsExactly(4, 5, 6, 1, 9, 10, 2);
        Brief.Span a = span("a1", 0, "China declined."), b = span("a2", 0, "China said no.");
        Brief brief = brief(List.of(new Brief.Claim(1, Brief.Status.PARTIAL, List.of("ap", "reuters"), List.of(a, b)),
                new Brief.Claim(2, Brief.Status.UNIQUE, List.of("nyt"), List.of(span("a3", 0, "Austin will go.")))),
                List.of(new Brief.QuoteRow("Patrick Ryder", "nyt", "a3", 0, 10, "Austin will", "direct", false, 2)),
                List.of(), List.of());
        try (SqlStore store = open()) {
            sql("INSERT INTO stories VALUES ('s1', 0)");
            store.saveBrief("s1", new StoredBrief("f1", brief));
        }
        // The header as written before runs: each kind's part numbers listed.
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        var header = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(
                query("SELECT brief FROM story_briefs").get(0));
        assertThat(header.get("order").isNull()).isTrue();
        var order = header.putObject("order");
        header.get("runs").fields().forEachRemaining(e -> {
            var listed = order.putArray(e.getKey());
            int[] r = new int[e.getValue().size()];
            for (int i = 0; i < r.length; i++) {
                r[i] = e.getValue().get(i).asInt();
            }
            for (int no : BriefParts.expand(r)) {
                listed.add(no);
            }
        });
        header.remove("runs");
        sql("UPDATE story_briefs SET brief = '" + json.writeValueAsString(header).replace("'", "''") + "'");
        assertThat(stored("s1")).contains(new StoredBrief("f1", brief));
    }

    @Test
    void anUpdateToldWhereItsItemsComeFromStoresWhatAFullSaveStores() throws Exception {
        Brief.Span a = span("a1", 0, "China declined."), b = span("a2", 0, "China said no."),
                c = span("a3", 0, "Austin will go."), d = span("a3", 20, "The balloon was shot down."),
                e = span("a2", 30, "Li was sanctioned in 2018."), f = span("a3", 40, "Li was sanctioned in 2019.");
        List<Brief.TimeCitation> cites = new ArrayList<>();
        for (int i = 0; i <= BriefParts.CHUNK; i++) {
            cites.add(new Brief.TimeCitation("a1", "reuters", 3 + i, 6 + i, "May", a));
        }
        Brief.TimePoint may = new Brief.TimePoint("2023-05", "May", "a1", "In May.", false, cites);
        Brief.TimePoint y2018 = new Brief.TimePoint("2018", "2018", "a2", "In 2018.", false,
                List.of(new Brief.TimeCitation("a2", "ap", 50, 54, "2018", e)));
        Brief.Claim d3 = new Brief.Claim(3, Brief.Status.UNIQUE, List.of("nyt"), List.of(d));
        Brief before = brief(List.of(new Brief.Claim(1, Brief.Status.PARTIAL, List.of("ap", "reuters"), List.of(a, b)),
                        new Brief.Claim(2, Brief.Status.UNIQUE, List.of("nyt"), List.of(c)), d3,
                        new Brief.Claim(4, Brief.Status.UNIQUE, List.of("ap"), List.of(e))),
                List.of(new Brief.QuoteRow("Patrick Ryder", "nyt", "a3", 0, 10, "Austin will", "direct", false, 2),
                        new Brief.QuoteRow("Patrick Ryder", "ap", "a2", 30, 40, "Li was", "indirect", false, 4)),
                List.of(), List.of(y2018, may));
        List<Brief.TimeCitation> more = new ArrayList<>(cites);
        more.add(new Brief.TimeCitation("a3", "nyt", 3, 6, "May", c));
        // Claim 4 gains a voice and moves up, claim 2 joins claim 1, claim 3 keeps its parts under id 3, the May
        // point gains a citation and a point of 2019 comes before it; the 2018 point is the same object.
        Brief after = brief(List.of(new Brief.Claim(1, Brief.Status.CONSENSUS, List.of("ap", "nyt", "reuters"),
                                List.of(a, b, c)),
                        new Brief.Claim(2, Brief.Status.PARTIAL, List.of("ap", "nyt"), List.of(e, f)), d3),
                List.of(new Brief.QuoteRow("Patrick Ryder", "nyt", "a3", 0, 10, "Austin will", "direct", false, 1),
                        new Brief.QuoteRow("Patrick Ryder", "ap", "a2", 30, 40, "Li was", "indirect", false, 2)),
                List.of(new Brief.Discrepancy("date", 2, "ap", "2018", e, "nyt", "2019", f)),
                List.of(y2018, new Brief.TimePoint("2019", "2019", "a3", "In 2019.", false,
                        List.of(new Brief.TimeCitation("a3", "nyt", 40, 44, "2019", f))),
                        new Brief.TimePoint("2023-05", "May", "a1", "In May.", false, more)));
        int[] none = {-1, -1, -1};
        BriefChanges told = new BriefChanges(before, new int[] {0, 3, 2}, new int[] {0, 1}, new int[] {0},
                new int[] {-1}, new int[] {0, -1, 1});
        // Every hint wrong: each item is then found by key, as without hints.
        BriefChanges wrong = new BriefChanges(before, new int[] {2, 2, 0}, new int[] {1, 0}, new int[] {5},
                new int[] {0}, new int[] {1, 1, 0});
        for (BriefChanges changes : List.of(told, wrong)) {
            try (SqlStore store = open()) {
                sql("DELETE FROM brief_parts", "DELETE FROM story_briefs", "DELETE FROM stories",
                        "INSERT INTO stories VALUES ('s1', 0)");
                store.saveBrief("s1", new StoredBrief("f1", before));
                store.saveBrief("s1", new StoredBrief("f2", after), changes);
                assertThat(store.lastBriefWrite().followed()).isTrue();
                // As the comparison by key finds: claims a… and e…, the quote in c, the discrepancy, the new 2019
                // point with its citations, the May point and its last chunk; claim c's part goes.
                assertThat(store.lastBriefWrite().written()).isEqualTo(2 + 1 + 1 + 2 + 2);
                assertThat(store.lastBriefWrite().deleted()).isOne();
                assertThat(stored("s1")).contains(new StoredBrief("f2", after));
                // Read through the saving store: the brief it kept, so that the next save still follows the builder.
                assertThat(store.brief("s1").orElseThrow().brief()).isSameAs(after);
                // The same brief again, told that every item continues itself: nothing is written.
                store.saveBrief("s1", new StoredBrief("f3", after), new BriefChanges(after, new int[] {0, 1, 2},
                        new int[] {0, 1}, new int[] {0}, new int[] {0}, new int[] {0, 1, 2}));
                assertThat(store.lastBriefWrite().followed()).isTrue();
                assertThat(store.lastBriefWrite().written()).isZero();
                // Hints from a brief this store did not save are not followed.
                store.saveBrief("s1", new StoredBrief("f4", after), new BriefChanges(before, new int[] {0, 1, 2},
                        new int[] {0, 1}, new int[] {0}, new int[] {0}, none));
                assertThat(store.lastBriefWrite().followed()).isFalse();
                assertThat(store.lastBriefWrite().written()).isZero();
                assertThat(stored("s1")).contains(new StoredBrief("f4", after));
            }
        }
    }

    @Test
    void mergedStoryIdsResolveThroughAliases() throws Exception {
        List<String> p = seedParagraphs(Fixtures.PENTAGON);
        try (SqlStore store = open()) {
            store.save(article("a1", "reuters", Published.parse("2023-05-30"), "Talks refused", p.get(1)), "s1");
        }
        // What a merge leaves behind: s0 was absorbed by old, which was absorbed by s1.
        sql("INSERT INTO stories VALUES ('old', 0), ('s0', 0)",
                "INSERT INTO story_aliases VALUES ('old', 's1'), ('s0', 'old')");
        try (SqlStore store = open()) {
            assertThat(store.story("old")).map(StorySummary::id).contains("s1");
            assertThat(store.story("s0")).isEqualTo(store.story("s1"));
            assertThat(store.storyArticles("s0")).extracting(Article::id).containsExactly("a1");

            store.save(article("a2", "ap", Published.parse("2023-05-31"), "Talks still off", p.get(2)), "s0");

            assertThat(store.storyOf("a2")).contains("s1");
            assertThat(store.stories()).extracting(StorySummary::id).containsExactly("s1");
        }
        sql("INSERT INTO stories VALUES ('loop', 0)", "UPDATE story_aliases SET new_id = 'loop' WHERE old_id = 'old'",
                "INSERT INTO story_aliases VALUES ('loop', 's0')");
        try (SqlStore store = open()) {
            assertThatThrownBy(() -> store.story("old"))
                    .isInstanceOf(StoreException.class)
                    .hasMessageStartingWith("story aliases of 'old' form a cycle");
        }
    }

    @Test
    void forEachPlacedReplaysFromSinceInPublicationOrderThenUndated() {
        List<String> p = seedParagraphs(Fixtures.PENTAGON);
        try (SqlStore store = open()) {
            store.save(article("u", "a", null, "u", p.get(1)), "s3");
            store.save(article("late", "a", Published.parse("2023-06-02T00:00:00Z"), "late", p.get(2)), "s1");
            store.save(article("edge", "a", Published.parse("2023-06-01T00:00:00.5Z"), "edge", p.get(3)), "s2");
            store.save(article("early", "a", Published.parse("2023-05-01"), "early", p.get(4)), "s1");
            store.save(article("before", "a", Published.parse("2023-06-01T00:00:00.499Z"), "before", p.get(5)), "s2");

            List<String> seen = new ArrayList<>();
            store.forEachPlaced(Instant.parse("2023-06-01T00:00:00.5Z"),
                    (article, story) -> seen.add(article.id() + "@" + story));
            assertThat(seen).containsExactly("edge@s2", "late@s1", "u@s3");

            List<Article> all = new ArrayList<>();
            store.forEachPlaced(Instant.EPOCH, (article, story) -> all.add(article));
            assertThat(all).extracting(Article::id).containsExactly("early", "before", "edge", "late", "u");
            assertThat(all.get(0)).isEqualTo(store.article("early").orElseThrow());
        }
    }

    @Test
    void layerNamingAForeignClassIsRefusedOnLoad() throws Exception {
        try (SqlStore store = open()) {
            store.save(pentagon("pentagon", null), "s1");
        }
        sql("UPDATE layers SET type = 'java.lang.ProcessBuilder' WHERE name = 'sentences'");
        try (SqlStore store = open()) {
            assertThatThrownBy(() -> store.article("pentagon"))
                    .isInstanceOf(StoreException.class)
                    .hasMessage("layer 'sentences' of article 'pentagon' names span type java.lang.ProcessBuilder,"
                            + " which is outside dev.parallax.*: refusing to load it (the file was not written by"
                            + " Parallax or was altered)");
        }
        sql("UPDATE layers SET type = 'dev.parallax.core.model.Outlet' WHERE name = 'sentences'");
        try (SqlStore store = open()) {
            assertThatThrownBy(() -> store.article("pentagon"))
                    .isInstanceOf(StoreException.class)
                    .hasMessage("layer 'sentences' of article 'pentagon' has span type dev.parallax.core.model.Outlet,"
                            + " but a stored layer needs a concrete Spanned class under dev.parallax.*");
        }
        sql("UPDATE layers SET type = 'dev.parallax.core.model.Sentence', spans = '[{\"begin\": 3}]'"
                + " WHERE name = 'sentences'");
        try (SqlStore store = open()) {
            assertThatThrownBy(() -> store.article("pentagon"))
                    .isInstanceOf(StoreException.class)
                    .hasMessageStartingWith("layer 'sentences' of article 'pentagon' does not read as"
                            + " dev.parallax.core.model.Sentence: ")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void layerWhoseSpanTypeCannotBeReadBackIsRejectedBeforeAnythingIsStored() {
        LayerKey<Spanned> anySpans = new LayerKey<>("any", Spanned.class);
        Article a = article("a", "reuters", null, "A", "One sentence. Another one.")
                .with(anySpans, List.of(new Sentence(0, 3)));
        try (SqlStore store = open()) {
            assertThatThrownBy(() -> store.save(a, "s1"))
                    .isInstanceOf(StoreException.class)
                    .hasMessage("layer 'any' has span type dev.parallax.core.model.Spanned, but a stored layer needs a"
                            + " concrete Spanned class under dev.parallax.*");
            assertThat(store.articleCount()).isZero();
            assertThat(store.stories()).isEmpty();
        }
    }

    @Test
    void closedStoreRefusesCalls() {
        SqlStore store = open();
        store.close();
        store.close();
        assertThatThrownBy(store::articleCount)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the store at " + store.where() + " is closed");
    }
}
