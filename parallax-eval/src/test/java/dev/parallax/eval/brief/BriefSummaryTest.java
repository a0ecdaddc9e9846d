package dev.parallax.eval.brief;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallax.core.brief.Brief;
import dev.parallax.core.brief.BriefBuilder;
import dev.parallax.core.brief.StoryBriefs;
import dev.parallax.core.embed.Embedder;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.RawArticle;
import dev.parallax.core.pipeline.Pipelines;
import dev.parallax.core.store.Store;
import dev.parallax.eval.LabelledArticles;
import dev.parallax.store.SqliteStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The summary speaks in the brief's voice, so a sentence of it must not be a piece of someone's quotation. In the
 * demo's largest story ({@link SampleStory}) three outlets carry Mark Heller's "She's in rehab right now. Nothing bad
 * is going to happen."; the splitter cuts it in two, and the summary opened with the second half, its closing
 * quotation mark dangling: `Nothing bad is going to happen."`, a lawyer's assurance stated as fact.
 */
class BriefSummaryTest {
    @Test
    void noSummarySentenceIsACutQuotation() {
        Brief brief = SampleStory.brief();
        assertThat(brief.claimWith("ecbplus-1_21ecbplus", "Nothing bad is going to happen")).isPresent();
        assertThat(brief.summary()).hasSize(5).allSatisfy(s -> assertThat(balanced(s.text()))
                .as("quotation marks of \"%s\"", s.text()).isTrue());
    }

    /**
     * BASIL's Blumenthal triplet (nyt, fox, hpo): all three carry the end of his Norwalk speech, cut by the splitter
     * from its opening ("Whatever we think about the war, … we owe our military men and women unconditional
     * support.”"). Carried by every outlet, that claim outranked the others however its span was voiced; a claim
     * that only a piece of a quotation can voice is no summary sentence.
     */
    @Test
    void aClaimOnlyACutQuotationVoicesIsLeftOut() {
        LabelledArticles basil = LabelledArticles.read(Path.of(System.getProperty("parallax.shared"), "data",
                "basil", "basil.articles.jsonl"));
        List<RawArticle> raw = basil.articles().stream()
                .filter(a -> a.id().startsWith("basil-85475456-f38e-4c30-895d-ca2c819c6af1_"))
                .map(a -> new RawArticle(a.id(), a.origin(), a.outlet().name(), a.published(), a.url(), a.title(),
                        a.rawText()))
                .toList();
        assertThat(raw).hasSize(3);
        List<Article> articles;
        try (Store store = SqliteStore.temporary()) {
            Pipelines.standard(store).ingest(raw, done -> {});
            articles = store.storyArticles(store.storyOf(raw.get(0).id()).orElseThrow());
        }
        assertThat(articles).hasSize(3);
        Brief brief;
        try (Embedder embedder = StoryBriefs.EMBEDDER.open(1)) {
            brief = new BriefBuilder(embedder).build(articles);
        }
        assertThat(brief.claimWith(raw.get(0).id(), "we owe our military men and women unconditional support"))
                .isPresent();
        assertThat(brief.summary()).isNotEmpty().allSatisfy(s -> assertThat(balanced(s.text()))
                .as("quotation marks of \"%s\"", s.text()).isTrue());
    }

    private static boolean balanced(String t) {
        long straight = t.chars().filter(c -> c == '"').count();
        return straight % 2 == 0 && t.chars().filter(c -> c == '“').count() == t.chars().filter(c -> c == '”').count();
    }
}
