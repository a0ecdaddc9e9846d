package dev.parallax.core.brief;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallax.core.analysis.Annotator;
import dev.parallax.core.brief.Brief.Status;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.RawArticle;
import dev.parallax.core.pipeline.Pipelines;
import dev.parallax.core.testing.Seeds;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The builder's bookkeeping on the seed articles, with the lexical claim model (no embedder, so these tests stay fast;
 * the seed gold test in parallax-eval runs the real pipeline with embeddings).
 */
class BriefBuilderTest {
    private static Article prepared(RawArticle raw) {
        Article a = Pipelines.cleaner().clean(raw);
        for (Annotator an : Pipelines.annotators()) {
            a = an.annotate(a);
        }
        return a;
    }

    private static RawArticle as(RawArticle r, String id, String outlet) {
        return new RawArticle(id, r.origin(), outlet, r.published(), r.url(), r.title(), r.text());
    }

    private static final RawArticle A = Seeds.load("000");
    private static final RawArticle B = Seeds.load("002");

    /**
     * The update's steps run on both cores; a build inside the common pool (whose other workers may be busy, so that
     * one thread runs every step) gives the brief a build on its own thread gives.
     */
    @Test
    void theBriefDoesNotDependOnWhichThreadsRunItsSteps() throws Exception {
        List<Article> story = List.of(prepared(A), prepared(B));
        Brief here = BriefBuilder.lexical().build(story);
        Brief inPool = java.util.concurrent.ForkJoinPool.commonPool().submit(() -> BriefBuilder.lexical().build(story))
                .get();
        assertThat(inPool).isEqualTo(here);
    }

    @Test
    void anIncrementalBuildEqualsAFreshOneInTheSameOrder() {
        List<Article> story = List.of(prepared(A), prepared(B));
        BriefBuilder incremental = BriefBuilder.lexical();
        incremental.build(story.subList(0, 1));
        assertThat(incremental.build(story)).isEqualTo(BriefBuilder.lexical().build(story));
    }

    @Test
    void aBandOfLogOddsHoldsTheCrossArticlePairsScoredInIt() {
        BriefBuilder builder = BriefBuilder.lexical();
        builder.build(List.of(prepared(A), prepared(B)));
        BriefBuilder.Band all = builder.pairsWithin(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        assertThat(all.scored()).isPositive().isEqualTo(all.pairs().size());
        // Two halves of the line split the pairs, and their mutual-best pairs.
        BriefBuilder.Band low = builder.pairsWithin(Double.NEGATIVE_INFINITY, 0),
                high = builder.pairsWithin(0, Double.POSITIVE_INFINITY);
        assertThat(low.pairs().size() + high.pairs().size()).isEqualTo(all.pairs().size());
        assertThat(high.pairs()).isNotEmpty();
        assertThat(all.mutualBest()).isPositive().isLessThan(all.pairs().size())
                .isEqualTo(low.mutualBest() + high.mutualBest());
        // The seeds share their opening claim word for word: such a pair is in the top band, from both articles.
        assertThat(high.pairs()).anyMatch(p -> p[0].contains("Singapore") && p[1].contains("Singapore"));
    }

    @Test
    void unknownOutletsAreSeparateVoicesAndOneOutletIsOneVoice() {
        Brief separate = BriefBuilder.lexical().build(List.of(prepared(A), prepared(B)));
        assertThat(separate.voices()).extracting(Brief.Voice::name).containsExactly(A.id(), B.id());
        assertThat(separate.claims()).anyMatch(c -> c.status() == Status.CONSENSUS);

        Brief one = BriefBuilder.lexical().build(List.of(prepared(as(A, "a", "wire")), prepared(as(B, "b", "wire"))));
        assertThat(one.voices()).singleElement().satisfies(v -> assertThat(v.articles()).containsExactly("a", "b"));
        assertThat(one.claims()).allMatch(c -> c.status() == Status.UNIQUE);
    }

    @Test
    void aSyndicatedCopyCountsWithItsOriginal() {
        Brief b = BriefBuilder.lexical().build(List.of(prepared(as(A, "orig", "ap")), prepared(as(A, "copy", "local")),
                prepared(as(B, "other", "nyt"))));
        assertThat(b.voices()).extracting(Brief.Voice::name).containsExactly("ap", "nyt");
        assertThat(b.voices().get(0).copies()).containsExactly("copy");
        assertThat(b.notes()).anyMatch(n -> n.startsWith("1 article(s) are syndicated copies"));
        // The copy's sentences join the original's claims without adding a voice.
        Brief.Claim opening = b.claimWith("copy", "China rejected a US proposal").orElseThrow();
        assertThat(opening.spans()).extracting(Brief.Span::article).contains("orig", "copy");
        assertThat(opening.outlets()).doesNotContain("local");
    }

    @Test
    void withoutAnEmbedderTheBriefSaysSo() {
        assertThat(BriefBuilder.lexical().build(List.of(prepared(A))).notes())
                .anyMatch(n -> n.startsWith("no sentence embedder"));
        assertThatThrownBy(() -> BriefBuilder.lexical().build(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
