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
import java.util.Set;

/**
 * The largest story of `parallax demo`: the six ECB+ events of the bundled sample
 * (samples/ecbplus-sample.articles.jsonl, the same 81 records as in the shared ECB+ train file) ingested through the
 * real pipeline, and the story of ECB+ topic 1 (Lindsay Lohan's rehab, 21 articles from 21 outlets), with its brief by the shipped embedder.
 */
final class SampleStory {
    private static List<Article> articles;
    private static Brief brief;

    private SampleStory() {}

    static synchronized List<Article> articles() {
        if (articles == null) {
            LabelledArticles ecb = LabelledArticles.read(Path.of(System.getProperty("parallax.shared"), "data",
                    "ecbplus", "ecbplus-train.articles.jsonl"));
            Set<String> events = Set.of("1_ecbplus", "4_ecbplus", "9_ecbplus", "22_ecbplus", "27_ecbplus",
                    "28_ecbplus");
            List<RawArticle> raw = ecb.articles().stream().filter(a -> events.contains(ecb.gold().get(a.id())))
                    .map(a -> new RawArticle(a.id(), a.origin(), a.outlet().name(), a.published(), a.url(),
                            a.title(), a.rawText()))
                    .toList();
            assertThat(raw).hasSize(81);
            try (Store store = SqliteStore.temporary()) {
                Pipelines.standard(store).ingest(raw, done -> {});
                articles = store.storyArticles(store.storyOf("ecbplus-1_9ecbplus").orElseThrow());
            }
        }
        return articles;
    }

    static synchronized Brief brief() {
        if (brief == null) {
            try (Embedder embedder = StoryBriefs.EMBEDDER.open(1)) {
                brief = new BriefBuilder(embedder).build(articles());
            }
        }
        return brief;
    }
}
