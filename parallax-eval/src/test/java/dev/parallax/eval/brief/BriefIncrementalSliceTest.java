package dev.parallax.eval.brief;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallax.core.analysis.Annotator;
import dev.parallax.core.brief.Brief;
import dev.parallax.core.brief.BriefBuilder;
import dev.parallax.core.model.Article;
import dev.parallax.core.pipeline.Pipelines;
import dev.parallax.eval.LabelledArticles;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A brief kept up to date article by article equals the brief built from scratch, on a real slice of the Helsinki
 * story (the first 30 articles, many outlets, repeated claims): the builder reuses units, scores, claims and what the
 * assembly derived from each claim, article and the timeline between builds, and none of that may change the result.
 * Lexical claim model, so the test stays fast.
 */
class BriefIncrementalSliceTest {
    private static final int SLICE = 30;
    /** A longer slice, whose last {@link #TAIL} articles are each checked. */
    private static final int LONGER = 70, TAIL = 10;

    /** The first {@code n} articles of the Helsinki story, through the standard annotators. */
    private static List<Article> slice(int n) {
        LabelledArticles labelled = HelsinkiCorpus.read();
        List<Annotator> annotators = Pipelines.annotators();
        List<Article> story = new ArrayList<>();
        for (Article a : labelled.articles()) {
            if (story.size() < n && "helsinki-2018".equals(labelled.gold().get(a.id()))) {
                for (Annotator an : annotators) {
                    a = an.annotate(a);
                }
                story.add(a);
            }
        }
        assertThat(story).hasSize(n);
        return story;
    }

    @Test
    void buildingArticleByArticleEqualsAFreshBuild() {
        List<Article> story = slice(SLICE);
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
        // and attributions, whose grid continues the last build's when its earlier rows are unchanged
        assertThat(fresh.quotes()).isNotEmpty();
        assertThat(fresh.speakers()).anyMatch(s -> s.outlets().size() > 1);
    }

    /**
     * Further into the story, after every one of {@value #TAIL} articles: there syndicated copies arrive (a new
     * article's own lineage must not drop what the builder keeps for the others, nor leave a stale voice) and new
     * articles join claims holding earlier time expressions (the timeline re-places only the values concerned), so
     * each incremental brief must still equal the fresh one.
     */
    @Test
    void eachOfTheLaterArticlesGivesTheFreshBrief() {
        List<Article> story = slice(LONGER);
        BriefBuilder incremental = BriefBuilder.lexical();
        incremental.build(story.subList(0, LONGER - TAIL));
        Set<String> copies = new HashSet<>();
        for (int n = LONGER - TAIL + 1; n <= LONGER; n++) {
            Brief built = incremental.build(story.subList(0, n));
            Brief fresh = BriefBuilder.lexical().build(story.subList(0, n));
            assertThat(built).as("after %d articles", n).isEqualTo(fresh);
            copies.add(fresh.notes().stream().filter(x -> x.contains("syndicated copies of another")).findFirst()
                    .orElse("none"));
        }
        assertThat(copies).as("the syndicated copies among the articles change on the way").hasSizeGreaterThan(1);
    }
}
