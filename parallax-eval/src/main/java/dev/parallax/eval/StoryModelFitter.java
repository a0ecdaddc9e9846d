package dev.parallax.eval;

import dev.parallax.core.analysis.SentenceSplitter;
import dev.parallax.core.embed.EmbeddingAnnotator;
import dev.parallax.core.model.Article;
import dev.parallax.core.pipeline.Pipelines;
import dev.parallax.core.story.OnlineStoryClusterer;
import dev.parallax.core.story.OnlineStoryClusterer.Candidate;
import dev.parallax.core.story.StoryAssignment;
import dev.parallax.core.story.StoryFeature;
import dev.parallax.core.story.StoryModel;
import dev.parallax.core.story.StoryScorer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fits a {@link StoryModel} on labelled streams, each of its two scorers on its kind of item. Each stream is replayed in order with every article placed in its
 * gold story ({@link OnlineStoryClusterer#observe}); each candidate the clusterer would have scored becomes a pair,
 * positive when it is the gold story. A logistic regression (Newton's method, a small L2 penalty on the weights)
 * is fitted on the pairs; then the join threshold is the one, on a grid, whose clustering of the same training streams
 * has the best mean B³ F1, and then likewise the merge level (kept at "never" unless merging improves it).
 */
public final class StoryModelFitter {
    private static final double L2 = 1e-3;

    private StoryModelFitter() {}

    /** The articles with the layers the clusterer reads: sentences, then the headline+lead embedding. */
    public static LabelledArticles analyse(LabelledArticles set) {
        SentenceSplitter sentences = new SentenceSplitter();
        EmbeddingAnnotator embeddings = new EmbeddingAnnotator(Pipelines.embedder());
        List<Article> analysed = set.articles().parallelStream()
                .map(a -> embeddings.annotate(sentences.annotate(a))).toList();
        return new LabelledArticles(analysed, set.gold());
    }

    /**
     * Training streams for each scorer, analysed: the full articles of each file for the article scorer; for the
     * headline scorer, the headline-only items of each file plus every full article cut down to its headline.
     */
    public record TrainingData(List<LabelledArticles> articles, List<LabelledArticles> headlines) {}

    public static TrainingData prepare(List<LabelledArticles> raw) {
        List<LabelledArticles> articles = new ArrayList<>();
        List<LabelledArticles> headlines = new ArrayList<>();
        for (LabelledArticles set : raw) {
            List<Article> full = set.articles().stream().filter(a -> !StoryModel.headlineOnly(a)).toList();
            List<Article> heads = set.articles().stream().filter(a -> a.title() != null && !a.title().isBlank())
                    .map(a -> StoryModel.headlineOnly(a) ? a : new Article(a.id(), a.origin(), a.outlet(),
                            a.published(), a.url(), a.title(), a.title(), a.title(), List.of(),
                            dev.parallax.core.model.Layers.empty()))
                    .toList();
            if (!full.isEmpty()) {
                articles.add(analyse(subset(set, full)));
            }
            if (!heads.isEmpty()) {
                headlines.add(analyse(subset(set, heads)));
            }
        }
        if (articles.isEmpty() || headlines.isEmpty()) {
            throw new IllegalArgumentException("training needs full articles and headlines (titles) to fit both "
                    + "scorers; these files have " + (articles.isEmpty() ? "no full articles" : "no headlines"));
        }
        return new TrainingData(articles, headlines);
    }

    private static LabelledArticles subset(LabelledArticles set, List<Article> articles) {
        Map<String, String> gold = new HashMap<>();
        articles.forEach(a -> gold.put(a.id(), set.gold().get(a.id())));
        return new LabelledArticles(articles, gold);
    }

    /** Fits both scorers over the given features on prepared training data. */
    public static StoryModel fit(TrainingData data, Set<StoryFeature> features, String trainedOn) {
        StoryScorer articles = fitScorer(data.articles(), features);
        StoryScorer headlines = fitScorer(data.headlines(), features);
        return new StoryModel(articles, headlines, trainedOn);
    }

    /** Fits the weights of the given features, then the threshold and merge level, on analysed streams of a kind. */
    private static StoryScorer fitScorer(List<LabelledArticles> training, Set<StoryFeature> features) {
        List<double[]> rows = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        StoryScorer none = new StoryScorer(Map.of(), 0, 0.5, 1);
        StoryModel unfitted = new StoryModel(none, none, "");
        for (LabelledArticles set : training) {
            OnlineStoryClusterer replay = new OnlineStoryClusterer(unfitted, OnlineStoryClusterer.DEFAULT_WINDOW);
            for (Article a : set.articles()) {
                String gold = "gold:" + set.gold().get(a.id());
                for (Candidate c : replay.observe(a, gold)) {
                    rows.add(c.features());
                    labels.add(c.storyId().equals(gold));
                }
            }
        }
        StoryFeature[] used = features.toArray(StoryFeature[]::new);
        double[] beta = logistic(rows, labels, used);
        Map<StoryFeature, Double> weights = new EnumMap<>(StoryFeature.class);
        for (int j = 0; j < used.length; j++) {
            weights.put(used[j], beta[j + 1]);
        }
        StoryScorer best = null;
        double bestF1 = -1;
        for (int step = 1; step <= 19; step++) {
            StoryScorer sc = new StoryScorer(weights, beta[0], step * 0.05, 1);
            double f1 = meanB3F1(training, sc);
            if (f1 > bestF1) {
                bestF1 = f1;
                best = sc;
            }
        }
        // then the merge level, kept at "never" unless merging helps on the training streams
        StoryScorer chosen = best;
        for (double merge : new double[] {0.99, 0.95, 0.9, 0.8, 0.7}) {
            if (merge < best.threshold()) {
                continue;
            }
            StoryScorer sc = best.withMerge(merge);
            double f1 = meanB3F1(training, sc);
            if (f1 > bestF1) {
                bestF1 = f1;
                chosen = sc;
            }
        }
        return chosen;
    }

    private static double meanB3F1(List<LabelledArticles> sets, StoryScorer sc) {
        StoryModel m = new StoryModel(sc, sc, "");
        double f1 = 0;
        for (LabelledArticles set : sets) {
            f1 += score(set, m, OnlineStoryClusterer.DEFAULT_WINDOW).b3F1();
        }
        return f1 / sets.size();
    }
    /** Clusters an analysed stream in order with a fresh clusterer and scores it against the gold. */
    public static ClusteringScores score(LabelledArticles set, StoryModel model, Duration window) {
        OnlineStoryClusterer clusterer = new OnlineStoryClusterer(model, window);
        Map<String, String> predicted = new HashMap<>();
        for (Article a : set.articles()) {
            StoryAssignment s = clusterer.assign(a);
            if (set.gold().containsKey(a.id())) {
                predicted.put(a.id(), s.storyId());
            }
        }
        return ClusteringMetrics.score(set.gold(), predicted);
    }

    /** Newton–Raphson for L2-penalised logistic regression; returns {bias, weights in {@code used} order}. */
    private static double[] logistic(List<double[]> rows, List<Boolean> labels, StoryFeature[] used) {
        int d = used.length + 1;
        double[] beta = new double[d];
        for (int iteration = 0; iteration < 50; iteration++) {
            double[] gradient = new double[d];
            double[][] hessian = new double[d][d];
            for (int i = 0; i < rows.size(); i++) {
                double[] x = design(rows.get(i), used);
                double z = 0;
                for (int j = 0; j < d; j++) {
                    z += beta[j] * x[j];
                }
                double p = 1 / (1 + Math.exp(-z));
                double y = labels.get(i) ? 1 : 0;
                double w = Math.max(p * (1 - p), 1e-9);
                for (int j = 0; j < d; j++) {
                    gradient[j] += (y - p) * x[j];
                    for (int k = 0; k < d; k++) {
                        hessian[j][k] += w * x[j] * x[k];
                    }
                }
            }
            for (int j = 1; j < d; j++) {
                gradient[j] -= L2 * rows.size() * beta[j];
                hessian[j][j] += L2 * rows.size();
            }
            double[] step = solve(hessian, gradient);
            double change = 0;
            for (int j = 0; j < d; j++) {
                beta[j] += step[j];
                change = Math.max(change, Math.abs(step[j]));
            }
            if (change < 1e-8) {
                break;
            }
        }
        return beta;
    }

    private static double[] design(double[] features, StoryFeature[] used) {
        double[] x = new double[used.length + 1];
        x[0] = 1;
        for (int j = 0; j < used.length; j++) {
            x[j + 1] = features[used[j].ordinal()];
        }
        return x;
    }

    /** Gaussian elimination with partial pivoting. */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = java.util.Arrays.copyOf(a[i], n + 1);
            m[i][n] = b[i];
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
                    pivot = r;
                }
            }
            double[] t = m[c];
            m[c] = m[pivot];
            m[pivot] = t;
            for (int r = c + 1; r < n; r++) {
                double f = m[r][c] / m[c][c];
                for (int k = c; k <= n; k++) {
                    m[r][k] -= f * m[c][k];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int k = r + 1; k < n; k++) {
                s -= m[r][k] * x[k];
            }
            x[r] = s / m[r][r];
        }
        return x;
    }
}
