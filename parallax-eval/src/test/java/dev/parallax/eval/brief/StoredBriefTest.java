package dev.parallax.eval.brief;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallax.core.brief.Brief;
import dev.parallax.core.brief.BriefBuilder;
import dev.parallax.core.brief.StoredBrief;
import dev.parallax.core.brief.StoryBriefs;
import dev.parallax.core.embed.Embedder;
import dev.parallax.core.embed.OnnxEmbedder;
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
    private static OnnxEmbedder embedder;

    @BeforeAll
    static void load() {
        embedder = OnnxEmbedder.miniLm();
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    /** Counts the texts it embeds. */
    private static final class Counting implements Embedder {
        int texts;

        @Override
        public float[][] embed(List<String> batch) {
            texts += batch.size();
            return embedder.embed(batch);
        }

        @Override
        public int dimension() {
            return embedder.dimension();
        }
    }

    /** Ingests the articles one batch of one at a time, refreshing the briefs after each, as `parallax ingest` does. */
    private static void ingestOneByOne(Store store, List<RawArticle> articles, StoryBriefs briefs) {
        Pipeline pipeline = Pipelines.standard(store);
        for (RawArticle a : articles) {
            briefs.refresh(pipeline.ingest(List.of(a), done -> {}).storiesChanged());
        }
    }

    /** Every story's stored brief is current and equals a build from scratch with freshly embedded sentences. */
    private static void assertStoredEqualsFresh(Store store, StoryBriefs briefs) {
        for (StorySummary s : store.stories()) {
            assertThat(briefs.current(s.id())).as("stored brief of %s is current", s.id()).isTrue();
            Brief fresh = new BriefBuilder(embedder).build(store.storyArticles(s.id()));
            assertThat(store.brief(s.id()).map(StoredBrief::brief)).as("stored brief of %s", s.id()).contains(fresh);
        }
    }

    private static int storedUnits(Store store) {
        int n = 0;
        for (StorySummary s : store.stories()) {
            for (String id : store.storyArticleIds(s.id())) {
                n += store.unitVectors(id, StoryBriefs.unitVectorsName(StoryBriefs.MINILM)).orElseThrow().length;
            }
        }
        return n;
    }

    @Test
    void seedsIngestedOneByOneGiveTheFreshBriefServedFromTheStore() {
        try (Store store = SqliteStore.temporary()) {
            Counting counting = new Counting();
            StoryBriefs briefs = StoryBriefs.with(store, StoryBriefs.MINILM, counting);
            ingestOneByOne(store, Seeds.all(), briefs);

            assertThat(store.stories()).hasSize(1);
            String story = store.stories().get(0).id();
            assertStoredEqualsFresh(store, briefs);
            Brief brief = store.brief(story).orElseThrow().brief();
            assertThat(brief.claimWith("000_6ff38f1c0ac05301", "China rejected a US proposal"))
                    .hasValueSatisfying(c -> assertThat(c.status()).isEqualTo(Brief.Status.CONSENSUS));
            assertThat(counting.texts).as("each article's units embedded once").isEqualTo(storedUnits(store));

            // Another process: a current stored brief is served as stored, not rebuilt (a marker brief proves it).
            String fingerprint = store.brief(story).orElseThrow().fingerprint();
            // (its coverage follows from its claims, as the store derives it)
            Brief marker = new Brief(brief.voices(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                    Brief.coverage(brief.voices().stream().map(Brief.Voice::name).toList(), List.of()), List.of(),
                    List.of("marker"));
            store.saveBrief(story, new StoredBrief(fingerprint, marker));
            Counting other = new Counting();
            assertThat(StoryBriefs.with(store, StoryBriefs.MINILM, other).of(story)).isEqualTo(marker);

            // A stale stored brief is rebuilt, from the stored vectors: nothing is embedded again.
            store.saveBrief(story, new StoredBrief("stale", marker));
            assertThat(StoryBriefs.with(store, StoryBriefs.MINILM, other).of(story)).isEqualTo(brief);
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
        try (Store store = SqliteStore.temporary()) {
            Counting counting = new Counting();
            StoryBriefs briefs = StoryBriefs.with(store, StoryBriefs.MINILM, counting);
            ingestOneByOne(store, slice, briefs);

            assertStoredEqualsFresh(store, briefs);
            assertThat(counting.texts).as("each article's units embedded once").isEqualTo(storedUnits(store));
            // One story told by many outlets: claims are shared, so the incremental grouping is exercised.
            assertThat(store.stories()).anySatisfy(s -> assertThat(store.brief(s.id()).orElseThrow().brief().claims())
                    .anyMatch(c -> c.status() != Brief.Status.UNIQUE));
        }
    }
}
