package dev.parallax.eval.brief;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallax.core.analysis.Annotator;
import dev.parallax.core.brief.Brief;
import dev.parallax.core.brief.BriefBuilder;
import dev.parallax.core.model.Article;
import dev.parallax.core.pipeline.Pipelines;
import dev.parallax.eval.LabelledArticles;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A brief kept up to date article by article equals the brief built from scratch, on a real slice of the Helsinki
 * story (the first 30 articles, many outlets, repeated claims): the builder reuses units, scores, claims and what the
 * assembly derived from each claim, article and the timeline between builds, and none of that may change the result.
 * Lexical claim model, so the test stays fast.
 */
class BriefIncrementalSliceTest {
    private static final int SLICE = 30;

    @Test
    void buildingArticleByArticleEqualsAFreshBuild() {
        LabelledArticles labelled = HelsinkiCorpus.read();
        List<Annotator> annotators = Pipelines.annotators();
        List<Article> story = new ArrayList<>();
        for (Article a : labelled.articles()) {
            if (story.size() < SLICE && "helsinki-2018".equals(labelled.gold().get(a.id()))) {
                for (Annotator an : annotators) {
                    a = an.annotate(a);
                }
                story.add(a);
            }
        }
        assertThat(story).hasSize(SLICE);

        BriefBuilder incremental = BriefBuilder.lexical();
        Brief last = null;
        for (int n = 1; n <= SLICE; n++) {
            last = incremental.build(story.subList(0, n));
            if (n % 6 == 0) { // on the way too: what the builder keeps must hold after every step, not only the last
                assertThat(last).as("after %d articles", n).isEqualTo(BriefBuilder.lexical().build(story.subList(0, n)));
            }
        }
        Brief fresh = BriefBuilder.lexical().build(story);
        assertThat(last).isEqualTo(fresh);
        // The slice is one story told by many outlets: some claims are shared, so the reuse is exercised.
        assertThat(fresh.claims()).anyMatch(c -> c.status() != Brief.Status.UNIQUE);
        assertThat(fresh.summary()).isNotEmpty();
    }
}
