package dev.parallax.eval.brief;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallax.core.analysis.time.Timex;
import dev.parallax.core.brief.Brief;
import dev.parallax.core.brief.Brief.Discrepancy;
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
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A date discrepancy says what two outlets state. The demo's largest story, ECB+ topic 1 (Lindsay Lohan's rehab),
 * holds three undated articles; the time annotator anchors their "Thursday" on the story's latest date (2013-06-14) and marks the value
 * inferred. The brief set one of them against an outlet's own date: "nydailynews.com says 2013-05-02 (late Thursday),
 * ktla.com says 2013-06-13 (Thursday)", though ktla.com stated no such date; the timeline already marks such points.
 */
class BriefDateDiscrepancyTest {
    @Test
    void aDateInferredFromTheStoryIsNoOutletsStatement() {
        LabelledArticles ecb = LabelledArticles.read(Path.of(System.getProperty("parallax.shared"), "data", "ecbplus",
                "ecbplus-train.articles.jsonl"));
        // the six events of the bundled sample (samples/ecbplus-sample.articles.jsonl), as `parallax demo` ingests them
        Set<String> events = Set.of("1_ecbplus", "4_ecbplus", "9_ecbplus", "22_ecbplus", "27_ecbplus", "28_ecbplus");
        List<RawArticle> raw = ecb.articles().stream().filter(a -> events.contains(ecb.gold().get(a.id())))
                .map(a -> new RawArticle(a.id(), a.origin(), a.outlet().name(), a.published(), a.url(), a.title(),
                        a.rawText()))
                .toList();
        assertThat(raw).hasSize(81);
        List<Article> articles;
        try (Store store = SqliteStore.temporary()) {
            Pipelines.standard(store).ingest(raw, done -> {});
            articles = store.storyArticles(store.storyOf("ecbplus-1_9ecbplus").orElseThrow());
        }
        Map<String, Article> byId = articles.stream().collect(Collectors.toMap(Article::id, Function.identity()));
        assertThat(byId.get("ecbplus-1_9ecbplus").layer(Timex.LAYER)).as("ktla.com's inferred times")
                .anyMatch(Timex::anchoredOnInferredDate);
        Brief brief;
        try (Embedder embedder = StoryBriefs.EMBEDDER.open(1)) {
            brief = new BriefBuilder(embedder).build(articles);
        }
        // the case: ktla.com's inferred "Thursday" and nydailynews.com's own "late Thursday" in one claim
        assertThat(brief.claimWith("ecbplus-1_9ecbplus", "Newport Beach on Thursday"))
                .isEqualTo(brief.claimWith("ecbplus-1_11ecbplus", "Betty Ford Center late Thursday")).isPresent();
        List<Discrepancy> dates = brief.discrepancies().stream().filter(d -> d.kind().equals("date")).toList();
        assertThat(dates).as("the story's date discrepancies").allSatisfy(d -> {
            for (Brief.Span s : List.of(d.a(), d.b())) {
                assertThat(byId.get(s.article()).layer(Timex.LAYER))
                        .filteredOn(t -> t.start() == s.start() && t.end() == s.end())
                        .as("%s: the timex %s", d, s).singleElement()
                        .matches(t -> !t.anchoredOnInferredDate(), "stated, not inferred");
            }
        });
    }
}

