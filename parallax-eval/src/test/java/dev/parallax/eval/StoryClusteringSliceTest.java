package dev.parallax.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallax.core.story.OnlineStoryClusterer;
import dev.parallax.core.story.StoryFeature;
import dev.parallax.core.story.StoryModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The standard clusterer on a real slice: the first 100 ECB+ training articles (10 gold sub-topics). The shipped model
 * was fitted on ECB+ train, so this is a behaviour check, not a reported figure.
 */
class StoryClusteringSliceTest {
    @Test
    void firstHundredEcbPlusTrainingArticlesClusterWell() {
        LabelledArticles slice = StoryModelFitter.analyse(
                LabelledArticles.read(shared("data/ecbplus/ecbplus-train.articles.jsonl")).head(100));

        ClusteringScores s = StoryModelFitter.score(slice, StoryModel.standard(), OnlineStoryClusterer.DEFAULT_WINDOW);

        // the bar set by the TF-IDF clusterer this one replaced (B3 P=1.000 R=0.827 F1=0.905, 17 stories for 10 gold)
        assertThat(s.items()).isEqualTo(100);
        assertThat(s.b3F1()).isGreaterThan(0.85);
        assertThat(s.b3Precision()).isGreaterThan(0.95);
        assertThat(s.pairF1()).isGreaterThan(0.8);
        // far above both trivial answers
        assertThat(s.b3F1()).isGreaterThan(baseline(slice, true).b3F1() + 0.4)
                .isGreaterThan(baseline(slice, false).b3F1() + 0.4);
    }

    /**
     * {@code --fit} prints each scorer's cross-validated curve over the join thresholds (and the article scorer's over
     * the split levels); the one shipped is its best.
     * On this small slice every threshold gives the articles the same held-out clustering, so this checks the
     * bookkeeping, not the curve's shape; the curves of the shipped fit are in docs/BENCHMARKS.md.
     */
    @Test
    void theFittedThresholdIsTheBestPointOfItsCrossValidatedCurve() {
        LabelledArticles slice = LabelledArticles.read(shared("data/ecbplus/ecbplus-train.articles.jsonl")).head(100);
        StoryModelFitter.Fit fit = StoryModelFitter.fitReporting(
                StoryModelFitter.prepare(List.of(slice)), EnumSet.allOf(StoryFeature.class),
                "the first 100 ECB+ training articles");

        double[] thresholds = StoryModelFitter.thresholds();
        assertThat(thresholds).hasSize(19);
        assertBestPoint(fit.articlesThresholdCurve(), thresholds, fit.model().articles().threshold());
        assertBestPoint(fit.headlinesThresholdCurve(), thresholds, fit.model().headlines().threshold());
        // the article scorer's split level likewise, on its topic-fold curve; headline items never split
        assertBestPoint(fit.articlesSplits().curve(), StoryModelFitter.splits(), fit.model().articles().split());
        assertThat(fit.model().headlines().split()).isZero();
        assertThat(fit.articlesSplits().neverCv()).hasSize(1);
        assertThat(fit.articlesSplits().neverCv()[0]).isEqualTo(fit.articlesSplits().curve()[0]);
    }

    private static void assertBestPoint(double[] curve, double[] thresholds, double chosen) {
        assertThat(curve).hasSameSizeAs(thresholds);
        for (double f1 : curve) {
            assertThat(f1).isBetween(0.0, 1.0);
        }
        assertThat(chosen).isEqualTo(thresholds[best(curve)]);
    }

    private static int best(double[] curve) {
        int best = 0;
        for (int i = 1; i < curve.length; i++) {
            if (curve[i] > curve[best]) {
                best = i;
            }
        }
        return best;
    }

    private static ClusteringScores baseline(LabelledArticles slice, boolean singletons) {
        Map<String, String> predicted = new HashMap<>();
        slice.gold().keySet().forEach(id -> predicted.put(id, singletons ? id : "all"));
        return ClusteringMetrics.score(slice.gold(), predicted);
    }

    private static Path shared(String relative) {
        String root = System.getProperty("parallax.shared");
        if (root == null) {
            throw new IllegalStateException("system property parallax.shared is not set (surefire sets it)");
        }
        Path p = Path.of(root, relative);
        if (!Files.exists(p)) {
            throw new IllegalStateException("test data missing: " + p);
        }
        return p;
    }
}
