package dev.parallax.eval.brief;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallax.core.brief.Brief;
import dev.parallax.core.brief.BriefBuilder;
import dev.parallax.core.brief.StoredBrief;
import dev.parallax.core.brief.StoryBriefs;
import dev.parallax.core.brief.UnitVectors;
import dev.parallax.core.embed.Embedder;
import dev.parallax.core.embed.ForwardingEmbedder;
import dev.parallax.core.embed.EmbedderChoice;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.Outlet;
import dev.parallax.core.model.RawArticle;
import dev.parallax.core.model.StorySummary;
import dev.parallax.core.pipeline.Pipeline;
import dev.parallax.core.pipeline.Pipelines;
import dev.parallax.core.store.Store;
import dev.parallax.core.testing.Seeds;
import dev.parallax.eval.LabelledArticles;
import dev.parallax.store.SqliteStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stored brief, kept current article by article at ingest, equals the brief built from scratch from the same
 * articles with freshly embedded sentences; it is served from the store while current; and no article's sentences
 * are embedded twice.
 */
class StoredBriefTest {
    /** The name the shipped embedder's unit vectors and briefs are stored under. */
    private static final String MODEL = StoryBriefs.EMBEDDER.label();
    private static Embedder embedder;

    @BeforeAll
    static void load() {
        embedder = StoryBriefs.EMBEDDER.open(1);
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    /** Counts the texts it embeds (with the shipped embedder unless told another). */
    private static final class Counting extends ForwardingEmbedder {
        int texts;

        Counting() {
            this(embedder);
        }

        Counting(Embedder inner) {
            super(inner);
        }

        @Override
        public float[][] embed(List<String> batch) {
            texts += batch.size();
            return inner.embed(batch);
        }
    }

    /**
     * Ingests the articles one batch of one at a time, refreshing the briefs after each, as `parallax ingest` does:
     * with the brief's unit embedding in the analysis ({@code analysed}), or, as `parallax ingest --no-briefs` leaves
     * them, for the builder to embed.
     */
    private static void ingestOneByOne(SqliteStore store, List<RawArticle> articles, StoryBriefs briefs,
            boolean analysed) {
        Pipeline pipeline = Pipelines.standard(store, analysed ? briefs.unitEmbedding() : java.util.Optional.empty());
        // Read as another process would: the writing store then keeps the parts it saved last, as in a running process,
        // where nothing reads through the ingesting store between two updates.
        try (SqliteStore reader = SqliteStore.open(store.file().getParent())) {
            int followed = 0;
            for (RawArticle a : articles) {
                briefs.refresh(pipeline.ingest(List.of(a), done -> {}).storiesChanged());
                followed += store.lastBriefWrite().followed() ? 1 : 0;
                assertFreshAfterEachUpdate(store, reader, a);
            }
            // The updates above compared each item with the one it continues (what the builder re-derived is written).
            assertThat(followed).as("saves told by the builder where their items come from").isPositive();
        }
    }

    /**
     * After every update, what the store assembles from the parts it wrote (only those that changed) is the brief a
     * fresh build makes (from the stored vectors here; from fresh ones at the end of each test).
     */
    private static void assertFreshAfterEachUpdate(Store store, Store reader, RawArticle a) {
        for (StorySummary s : store.stories()) {
            UnitVectors stored = new UnitVectors() {
                @Override
                public float[][] find(String articleId, int units) {
                    return store.unitVectors(articleId, StoryBriefs.unitVectorsName(MODEL))
                            .filter(v -> v.length == units).orElseThrow();
                }

                @Override
                public void keep(String articleId, float[][] vectors) {
                    throw new AssertionError("every unit vector is stored");
                }
            };
            assertThat(reader.brief(s.id()).map(StoredBrief::brief)).as("stored brief of %s after %s", s.id(), a.id())
                    .contains(new BriefBuilder(embedder, stored).build(store.storyArticles(s.id())));
        }
    }

    /** Every story's stored brief is current and equals a build from scratch with freshly embedded sentences. */
    private static void assertStoredEqualsFresh(SqliteStore store, StoryBriefs briefs) {
        for (StorySummary s : store.stories()) {
            assertThat(briefs.current(s.id())).as("stored brief of %s is current", s.id()).isTrue();
            Brief fresh = new BriefBuilder(embedder).build(store.storyArticles(s.id()));
            // Read through another connection: the saving store serves the brief it kept.
            try (SqliteStore reader = SqliteStore.open(store.file().getParent())) {
                assertThat(reader.brief(s.id()).map(StoredBrief::brief)).as("stored brief of %s", s.id())
                        .contains(fresh);
            }
        }
    }

    /**
     * The unit texts that must be embedded: each distinct text once (an article's sentence that an earlier one carried
     * takes the vector it had, at analysis or in a builder). Every stored unit is in one claim, so the claims' spans
     * are the units; every unit has a stored vector.
     */
    private static int distinctUnitTexts(Store store) {
        java.util.Set<String> texts = new java.util.HashSet<>();
        for (StorySummary s : store.stories()) {
            int units = 0;
            for (Brief.Claim c : store.brief(s.id()).orElseThrow().brief().claims()) {
                for (Brief.Span span : c.spans()) {
                    texts.add(span.text());
                    units++;
                }
            }
            int stored = 0;
            for (String id : store.storyArticleIds(s.id())) {
                stored += store.unitVectors(id, StoryBriefs.unitVectorsName(MODEL)).orElseThrow().length;
            }
            assertThat(stored).as("stored unit vectors of %s", s.id()).isEqualTo(units);
        }
        return texts.size();
    }

    @Test
    void seedsIngestedOneByOneGiveTheFreshBriefServedFromTheStore() {
        try (SqliteStore store = SqliteStore.temporary()) {
            Counting counting = new Counting();
            StoryBriefs briefs = StoryBriefs.with(store, MODEL, counting);
            ingestOneByOne(store, Seeds.all(), briefs, true);

            assertThat(store.stories()).hasSize(1);
            String story = store.stories().get(0).id();
            assertStoredEqualsFresh(store, briefs);
            Brief brief = store.brief(story).orElseThrow().brief();
            assertThat(brief.claimWith("000_6ff38f1c0ac05301", "China rejected a US proposal"))
                    .hasValueSatisfying(c -> assertThat(c.status()).isEqualTo(Brief.Status.CONSENSUS));
            assertThat(counting.texts).as("each distinct unit text embedded once, at analysis")
                    .isEqualTo(distinctUnitTexts(store));

            // Another process: a current stored brief is served as stored, not rebuilt (a marker brief proves it).
            String fingerprint = store.brief(story).orElseThrow().fingerprint();
            // (its coverage follows from its claims, as the store derives it)
            Brief marker = new Brief(brief.voices(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                    Brief.coverage(brief.voices().stream().map(Brief.Voice::name).toList(), List.of()), List.of(),
                    List.of("marker"));
            store.saveBrief(story, new StoredBrief(fingerprint, marker));
            Counting other = new Counting();
            assertThat(StoryBriefs.with(store, MODEL, other).of(story)).isEqualTo(marker);

            // A stale stored brief is rebuilt, from the stored vectors: nothing is embedded again.
            store.saveBrief(story, new StoredBrief("stale", marker));
            assertThat(StoryBriefs.with(store, MODEL, other).of(story)).isEqualTo(brief);
            assertThat(other.texts).isZero();
            assertThat(store.brief(story).orElseThrow().fingerprint()).isEqualTo(fingerprint);
        }
    }

    @Test
    void helsinkiSliceIngestedOneByOneGivesTheFreshBriefOfEveryStory() {
        LabelledArticles labelled = HelsinkiCorpus.read();
        List<RawArticle> slice = new ArrayList<>();
        for (Article a : labelled.articles()) {
            if (slice.size() < 10 && "helsinki-2018".equals(labelled.gold().get(a.id()))) {
                slice.add(new RawArticle(a.id(), a.origin(), a.outlet().equals(Outlet.UNKNOWN) ? null
                        : a.outlet().name(), a.published(), a.url(), a.title(), a.text()));
            }
        }
        try (SqliteStore store = SqliteStore.temporary()) {
            Counting counting = new Counting();
            StoryBriefs briefs = StoryBriefs.with(store, MODEL, counting);
            ingestOneByOne(store, slice, briefs, false);

            assertStoredEqualsFresh(store, briefs);
            assertThat(counting.texts).as("each distinct unit text embedded once, by the builders")
                    .isEqualTo(distinctUnitTexts(store));
            // One story told by many outlets: claims are shared, so the incremental grouping is exercised.
            assertThat(store.stories()).anySatisfy(s -> assertThat(store.brief(s.id()).orElseThrow().brief().claims())
                    .anyMatch(c -> c.status() != Brief.Status.UNIQUE));
        }
    }
    /**
     * A store written by briefs on another embedder (float32 MiniLM, as Parallax shipped before the int8 model) keeps
     * those vectors under that embedder's name: the shipped briefs find no vectors of their own, so they embed every
     * unit again and rebuild the brief (its fingerprint names the embedder), never comparing a float32 vector with an
     * int8 one; the float32 rows are left as they were.
     */
    @Test
    void aStoreWrittenWithAnotherEmbedderIsReEmbeddedAndRebuilt() {
        String before = "all-MiniLM-L6-v2"; // the name float32 briefs stored their vectors and briefs under
        assertThat(before).isNotEqualTo(MODEL);
        try (SqliteStore store = SqliteStore.temporary(); Embedder float32 = EmbedderChoice.MINILM.open(1)) {
            StoryBriefs old = StoryBriefs.with(store, before, float32);
            old.refresh(Pipelines.standard(store, old.unitEmbedding()).ingest(Seeds.all(), done -> {}).storiesChanged());
            String story = store.stories().get(0).id();
            List<String> ids = store.storyArticleIds(story);
            float[][] oldVectors = store.unitVectors(ids.get(0), StoryBriefs.unitVectorsName(before))
                    .orElseThrow();
            assertThat(store.unitVectors(ids.get(0), StoryBriefs.unitVectorsName(MODEL))).isEmpty();

            Counting counting = new Counting();
            StoryBriefs shipped = StoryBriefs.with(store, MODEL, counting);
            assertThat(shipped.current(story)).as("a brief stored under another embedder is stale").isFalse();
            Brief rebuilt = shipped.of(story);

            assertThat(rebuilt).isEqualTo(new BriefBuilder(embedder).build(store.storyArticles(story)));
            assertThat(store.brief(story).orElseThrow().fingerprint())
                    .isEqualTo(StoryBriefs.fingerprint(MODEL, ids));
            assertThat(counting.texts).as("every distinct unit text embedded again by the shipped embedder")
                    .isEqualTo(distinctUnitTexts(store));
            assertThat(store.unitVectors(ids.get(0), StoryBriefs.unitVectorsName(before)).orElseThrow())
                    .as("the other embedder's vectors, untouched").isDeepEqualTo(oldVectors);
            // The new rows are the shipped embedder's vectors of the article's units (its claim spans in text order).
            List<String> units = rebuilt.claims().stream().flatMap(c -> c.spans().stream())
                    .filter(sp -> sp.article().equals(ids.get(0)))
                    .sorted(java.util.Comparator.comparingInt(Brief.Span::start)).map(Brief.Span::text).toList();
            float[][] newVectors = store.unitVectors(ids.get(0), StoryBriefs.unitVectorsName(MODEL)).orElseThrow();
            assertThat(newVectors).isDeepEqualTo(embedder.embed(units));
            assertThat(newVectors[0]).isNotEqualTo(oldVectors[0]);
        }
    }
}
