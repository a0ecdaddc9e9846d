package dev.parallax.eval;

import dev.parallax.core.model.Article;
import dev.parallax.core.story.ClusteringParameters;
import dev.parallax.core.story.StoryClusterer;
import dev.parallax.core.story.TfIdfStoryClusterer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tunes and evaluates {@link TfIdfStoryClusterer} on labelled article files. A developer tool, not a unit test.
 *
 * <p>Tune (grid search; use training data only, e.g. ECB+ train), from the repository root:
 * <pre>
 * ./mvnw -q -B -o compile dependency:build-classpath -pl parallax-eval -am -Dmdep.outputFile=target/eval.cp
 * java -cp "parallax-eval/target/classes:$(cat parallax-eval/target/eval.cp)" \
 *     dev.parallax.eval.StoryClusteringTool tune ../shared/data/ecbplus/ecbplus-train.articles.jsonl
 * </pre>
 * It prints B³ and pairwise figures for every grid point, sorted by B³ F1, best last.
 *
 * <p>Evaluate with the default parameters (report figures once per split, never tune on them):
 * {@code ... StoryClusteringTool eval FILE...} prints the figures and the clustering throughput for each file.
 */
public final class StoryClusteringTool {
    private StoryClusteringTool() {}

    public static void main(String[] args) {
        if (args.length < 2 || !(args[0].equals("tune") || args[0].equals("eval"))) {
            System.err.println("usage: StoryClusteringTool tune|eval ARTICLES.jsonl...");
            System.exit(2);
        }
        List<LabelledArticles> sets = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            sets.add(LabelledArticles.read(Path.of(args[i])));
        }
        if (args[0].equals("tune")) {
            tune(sets);
        } else {
            for (int i = 0; i < sets.size(); i++) {
                evaluate(args[i + 1], sets.get(i));
            }
        }
    }

    /** Clusters the articles in order with a fresh clusterer and scores the result against gold. */
    public static ClusteringScores score(LabelledArticles set, ClusteringParameters parameters) {
        return ClusteringMetrics.score(set.gold(), predict(set.articles(), new TfIdfStoryClusterer(parameters)));
    }

    private static Map<String, String> predict(List<Article> articles, StoryClusterer clusterer) {
        Map<String, String> predicted = new HashMap<>();
        for (Article a : articles) {
            predicted.put(a.id(), clusterer.assign(a).storyId());
        }
        return predicted;
    }

    private static void tune(List<LabelledArticles> sets) {
        record Point(ClusteringParameters p, double meanB3, String line) {}
        List<Point> points = new ArrayList<>();
        for (double threshold = 0.05; threshold <= 0.60001; threshold += 0.025) {
            for (double nameWeight : new double[] {0, 0.15, 0.3, 0.45, 0.6}) {
                for (double titleBoost : new double[] {1, 2, 3}) {
                    ClusteringParameters p = ClusteringParameters.DEFAULTS.withThreshold(threshold)
                            .withNameWeight(nameWeight).withTitleBoost(titleBoost);
                    StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                            "threshold=%.3f names=%.2f title=%.0f", threshold, nameWeight, titleBoost));
                    double sum = 0;
                    for (LabelledArticles set : sets) {
                        ClusteringScores s = score(set, p);
                        sum += s.b3F1();
                        line.append(" | ").append(s);
                    }
                    points.add(new Point(p, sum / sets.size(), line.toString()));
                }
            }
        }
        points.sort((a, b) -> Double.compare(a.meanB3(), b.meanB3()));
        points.forEach(pt -> System.out.println(pt.line()));
    }

    private static void evaluate(String name, LabelledArticles set) {
        ClusteringParameters p = ClusteringParameters.DEFAULTS;
        long start = System.nanoTime();
        Map<String, String> predicted = predict(set.articles(), new TfIdfStoryClusterer(p));
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, String> scored = new HashMap<>(predicted);
        scored.keySet().retainAll(set.gold().keySet());
        String figures = set.gold().isEmpty() ? "no gold labels" : ClusteringMetrics.score(set.gold(), scored).toString();
        System.out.printf(Locale.ROOT, "%s  %s  stories=%d  %.0f articles/s (%d in %.2f s, one cold run)%n", name,
                figures, new HashSet<>(predicted.values()).size(), set.articles().size() / seconds,
                set.articles().size(), seconds);
    }
}
