package dev.parallax.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallax.core.analysis.time.Timex;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.RawArticle;
import dev.parallax.core.pipeline.IngestReport;
import dev.parallax.core.pipeline.Pipelines;
import dev.parallax.core.store.Store;
import dev.parallax.core.testing.Seeds;
import dev.parallax.store.SqliteStore;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The founding seed story through the whole standard pipeline and back out of the store. */
class SeedStoryTest {
    @Test
    void theSeedsBecomeOneStoryWithTheirLayersStored() {
        List<RawArticle> seeds = Seeds.all();
        try (Store store = SqliteStore.temporary()) {
            IngestReport report = Pipelines.standard(store).ingest(seeds, done -> {});
            assertThat(report.outcomes()).extracting(IngestReport.Outcome::storyId).doesNotContainNull()
                    .containsOnly(report.outcomes().get(0).storyId());
            String story = report.outcomes().get(0).storyId();
            List<Article> articles = store.storyArticles(story);
            assertThat(articles).extracting(Article::id).containsExactly("000_6ff38f1c0ac05301",
                    "002_ffa190864f8b1c5b");

            Map<String, String> dated = timexes(articles.get(0));
            assertThat(dated).containsEntry("early May", "2023-05").containsEntry("this week", "2023-W22")
                    .containsEntry("June last year", "2022-06").containsEntry("earlier this month", "2023-05");
            assertThat(articles.get(0).layer(Timex.LAYER)).noneMatch(Timex::anchoredOnInferredDate);

            // Seed 002 has no date: its relative expressions are anchored on its story's date, and say so.
            Article undated = articles.get(1);
            assertThat(undated.published()).isNull();
            assertThat(timexes(undated)).containsEntry("August of last year", "2022-08")
                    .containsEntry("February", "2023-02").containsEntry("early May", "2023-05")
                    .containsEntry("this week", "2023-W22");
            assertThat(undated.layer(Timex.LAYER)).filteredOn(t -> undated.textOf(t).equals("this week"))
                    .allMatch(Timex::anchoredOnInferredDate);
        }
    }

    private static Map<String, String> timexes(Article a) {
        return a.layer(Timex.LAYER).stream().collect(Collectors.toMap(a::textOf, Timex::value, (x, y) -> x));
    }
}
