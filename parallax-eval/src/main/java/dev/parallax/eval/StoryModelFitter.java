package dev.parallax.eval;

import dev.parallax.core.analysis.Annotator;
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
 * is fitted on the pairs; then the join threshold is the one, on a grid, with the best mean B³ F1 on held-out gold
 * stories in 2-fold cross-validation (see {@link #fitScorer}), and then likewise the merge level (kept at "never"
 * unless merging improves it) and, for the article scorer, the split level (see {@link #fitScorer}).
 */
public final class StoryModelFitter {
    private static final double L2 = 1e-3;

    private StoryModelFitter() {}

    /**
     * The training streams analysed as the story model is fitted: the standard annotators with the reference
     * embedder ({@link Pipelines#referenceEmbedder}, float32), of which the pipeline's embedder is the quantized
     * approximation; so the documented {@code --fit} remakes the shipped model whatever the pipeline embeds with.
     */
    public static TrainingData prepare(List<LabelledArticles> raw) {
        return prepare(raw, Pipelines.annotators(Pipelines.referenceEmbedder()));
    }

    /** The articles with the layers of the standard pipeline's annotators, as the clusterer sees them there. */
    public static LabelledArticles analyse(LabelledArticles set) {
        return analyse(set, Pipelines.annotators());
    }

    /** The articles run through the given annotators, in parallel. */
    public static LabelledArticles analyse(LabelledArticles set, List<Annotator> annotators) {
        List<Article> analysed = set.articles().parallelStream().map(a -> {
            Article out = a;
            for (Annotator annotator : annotators) {
                out = annotator.annotate(out);
            }
            return out;
        }).toList();
        return new LabelledArticles(analysed, set.gold());
    }

    /**
     * Training streams for each scorer, analysed: the full articles of each file for the article scorer; for the
     * headline scorer, the headline-only items of each file plus every full article cut down to its headline.
     */
    public record TrainingData(List<LabelledArticles> articles, List<LabelledArticles> headlines) {}

    /** As {@link #prepare(List)}, with the given annotators (the reference embedder behind a cache, or a test's). */
    public static TrainingData prepare(List<LabelledArticles> raw, List<Annotator> annotators) {
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
                articles.add(analyse(subset(set, full), annotators));
            }
            if (!heads.isEmpty()) {
                headlines.add(analyse(subset(set, heads), annotators));
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
        return fitReporting(data, features, trainedOn).model();
    }

    /**
     * A fitted model with each scorer's cross-validated B³ F1 on each of its training streams (the mean over the
     * held-out folds, at the chosen threshold and merge level): what features and settings are compared by, never a
     * test figure. Also each scorer's cross-validated curve over the join thresholds tried ({@link #thresholds()}; mean
     * B³ F1 over its held-out halves, merging never): where it is flat, the chosen threshold is a coin toss.
     */
    public record Fit(StoryModel model, double[] articlesCv, double[] headlinesCv, double[] articlesThresholdCurve,
            double[] headlinesThresholdCurve, Splits articlesSplits) {}

    /**
     * The article scorer's split level chosen by topic-fold cross-validation: the curve over {@link #splits()} (mean
     * held-out B³ F1 over 6 halves), and the mean held-out B³ F1 on each training stream never splitting and at the
     * chosen level.
     */
    public record Splits(double[] curve, double[] neverCv, double[] chosenCv) {}

    public static Fit fitReporting(TrainingData data, Set<StoryFeature> features, String trainedOn) {
        ScorerFit articles = fitScorer(data.articles(), features, true);
        ScorerFit headlines = fitScorer(data.headlines(), features, false);
        return new Fit(new StoryModel(articles.scorer(), headlines.scorer(), trainedOn), articles.cv(),
                headlines.cv(), articles.thresholdCurve(), headlines.thresholdCurve(), articles.splits());
    }

    private record ScorerFit(StoryScorer scorer, double[] cv, double[] thresholdCurve, Splits splits) {}

    /**
     * Fits the weights of the given features on every pair of the streams, then the join threshold and the merge level
     * by 2-fold cross-validation over gold stories: weights fitted on one fold's pairs cluster the other fold's
     * stories, and the level with the best mean B³ F1 over both held-out folds is kept. Choosing them on the pairs the
     * weights were fitted on made the threshold too strict for stories the model had not seen.
     *
     * <p>With {@code splits} (the article scorer; the headline scorer never splits, see {@link OnlineStoryClusterer})
     * the split level is then chosen likewise, with two differences: the folds are by <em>topic</em>, so the two
     * similar events of an ECB+ topic ({@code 5_ecb}, {@code 5_ecbplus}) are held out together, as they meet in a
     * test set (with folds by story, a held-out half often has one of them alone, and a split has nothing to undo);
     * and over three fold assignments (6 held-out halves), because one 2-fold curve moves by more than the gains
     * sought. "Never" is kept on a tie.
     */
    private static ScorerFit fitScorer(List<LabelledArticles> training, Set<StoryFeature> features,
            boolean splits) {
        List<double[]> rows = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        List<Integer> folds = new ArrayList<>();
        List<String> stories = new ArrayList<>();
        StoryScorer none = new StoryScorer(Map.of(), 0, 0.5, 1);
        StoryModel unfitted = new StoryModel(none, none, "");
        for (LabelledArticles set : training) {
            OnlineStoryClusterer replay = new OnlineStoryClusterer(unfitted, OnlineStoryClusterer.DEFAULT_WINDOW);
            for (Article a : set.articles()) {
                String label = set.gold().get(a.id());
                String gold = "gold:" + label;
                for (Candidate c : replay.observe(a, gold)) {
                    rows.add(c.features());
                    labels.add(c.storyId().equals(gold));
                    folds.add(fold(label));
                    stories.add(label);
                }
            }
        }
        StoryFeature[] used = features.toArray(StoryFeature[]::new);
        StoryScorer all = scorer(logistic(rows, labels, used), used, 0.5, 1);
        List<StoryScorer> foldScorers = new ArrayList<>();
        List<List<LabelledArticles>> heldOut = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            List<double[]> r = new ArrayList<>();
            List<Boolean> l = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (folds.get(i) != k) {
                    r.add(rows.get(i));
                    l.add(labels.get(i));
                }
            }
            int fold = k;
            // an empty held-out stream stays in the list (and is skipped when scored), so index i is training stream i
            List<LabelledArticles> held = training.stream().map(set -> subset(set, set.articles().stream()
                    .filter(a -> fold(set.gold().get(a.id())) == fold).toList())).toList();
            // a fold needs positive and negative pairs to fit on, and stories to test on
            if (held.stream().anyMatch(set -> !set.articles().isEmpty()) && l.contains(true) && l.contains(false)) {
                foldScorers.add(scorer(logistic(r, l, used), used, 0.5, 1));
                heldOut.add(held);
            }
        }
        if (foldScorers.isEmpty()) { // too few stories to cross-validate (a tiny training file): in-sample levels
            foldScorers.add(all);
            heldOut.add(training);
        }
        double[] thresholdCurve = curve(heldOut, foldScorers, THRESHOLDS, (sc, t) -> sc.withThreshold(t));
        double threshold = THRESHOLDS[best(thresholdCurve)];
        foldScorers.replaceAll(sc -> sc.withThreshold(threshold));
        double[] merges = java.util.Arrays.stream(MERGES).filter(m -> m >= threshold).toArray();
        double merge = merges[best(curve(heldOut, foldScorers, merges, StoryScorer::withMerge))];
        foldScorers.replaceAll(sc -> sc.withMerge(merge));
        double[] cv = perStream(training, heldOut, foldScorers, 0); // 0: the fold scorers never split
        if (!splits) {
            return new ScorerFit(all.withThreshold(threshold).withMerge(merge), cv, thresholdCurve, null);
        }
        List<StoryScorer> topicScorers = new ArrayList<>();
        List<List<LabelledArticles>> topicHeldOut = new ArrayList<>();
        for (int bit = 1; bit <= 3; bit++) {
            for (int k = 0; k < 2; k++) {
                List<double[]> r = new ArrayList<>();
                List<Boolean> l = new ArrayList<>();
                for (int i = 0; i < rows.size(); i++) {
                    if (topicFold(stories.get(i), bit) != k) {
                        r.add(rows.get(i));
                        l.add(labels.get(i));
                    }
                }
                int fold = k;
                int b = bit;
                List<LabelledArticles> held = training.stream().map(set -> subset(set, set.articles().stream()
                        .filter(a -> topicFold(set.gold().get(a.id()), b) == fold).toList())).toList();
                if (held.stream().anyMatch(set -> !set.articles().isEmpty()) && l.contains(true) && l.contains(false)) {
                    topicScorers.add(scorer(logistic(r, l, used), used, 0.5, 1).withThreshold(threshold)
                            .withMerge(merge));
                    topicHeldOut.add(held);
                }
            }
        }
        if (topicScorers.isEmpty()) { // too few topics to cross-validate: the in-sample level, as for the threshold
            topicScorers.add(all.withThreshold(threshold).withMerge(merge));
            topicHeldOut.add(training);
        }
        double[] splitCurve = curve(topicHeldOut, topicScorers, SPLITS, StoryScorer::withSplit);
        double split = SPLITS[best(splitCurve)];
        return new ScorerFit(all.withThreshold(threshold).withMerge(merge).withSplit(split), cv, thresholdCurve,
                new Splits(splitCurve, perStream(training, topicHeldOut, topicScorers, 0),
                        perStream(training, topicHeldOut, topicScorers, split)));
    }

    /** The mean held-out B³ F1 on each training stream of the fold scorers at a split level. */
    private static double[] perStream(List<LabelledArticles> training, List<List<LabelledArticles>> heldOut,
            List<StoryScorer> foldScorers, double split) {
        double[] cv = new double[training.size()];
        for (int i = 0; i < cv.length; i++) {
            int folded = 0;
            for (int k = 0; k < heldOut.size(); k++) {
                LabelledArticles set = heldOut.get(k).get(i);
                if (!set.articles().isEmpty()) {
                    StoryScorer sc = foldScorers.get(k).withSplit(split);
                    cv[i] += score(set, new StoryModel(sc, sc, ""), OnlineStoryClusterer.DEFAULT_WINDOW).b3F1();
                    folded++;
                }
            }
            cv[i] /= Math.max(1, folded);
        }
        return cv;
    }

    /**
     * A topic's fold in one of three fold assignments ({@code bit} 1, 2 or 3: the byte of the SHA-256 whose low bit
     * it is). The topic of an ECB+ story {@code 5_ecb} or {@code 5_ecbplus} is {@code 5}; any other story is its own
     * topic.
     */
    static int topicFold(String label, int bit) {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(label
                    .replaceFirst("^(\\d+)_ecb(plus)?$", "$1").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return h[bit] & 1;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /** Join thresholds tried; merge levels tried (1 = never, first, so it is kept on a tie). */
    private static final double[] THRESHOLDS = java.util.stream.IntStream.rangeClosed(1, 19)
            .mapToDouble(i -> i * 0.05).toArray();
    private static final double[] MERGES = {1, 0.99, 0.95, 0.9, 0.8, 0.7};
    /** Split levels tried (0 = never, first, so it is kept on a tie). */
    private static final double[] SPLITS = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99};

    /** The split levels tried, in the order of {@link Splits#curve}. */
    public static double[] splits() {
        return SPLITS.clone();
    }

    /** The join thresholds tried, in the order of {@link Fit#articlesThresholdCurve}. */
    public static double[] thresholds() {
        return THRESHOLDS.clone();
    }

    /** The mean held-out B³ F1 of the fold scorers at each level. */
    private static double[] curve(List<List<LabelledArticles>> heldOut, List<StoryScorer> foldScorers,
            double[] levels,
            java.util.function.BiFunction<StoryScorer, Double, StoryScorer> with) {
        return java.util.Arrays.stream(levels).parallel().map(level -> {
            double sum = 0;
            for (int k = 0; k < heldOut.size(); k++) {
                sum += meanB3F1(heldOut.get(k), with.apply(foldScorers.get(k), level));
            }
            return sum / heldOut.size();
        }).toArray();
    }

    /** The index of the best level (the first on a tie). */
    private static int best(double[] f1) {
        int best = 0;
        for (int i = 1; i < f1.length; i++) {
            if (f1[i] > f1[best]) {
                best = i;
            }
        }
        return best;
    }

    private static StoryScorer scorer(double[] beta, StoryFeature[] used, double threshold, double merge) {
        Map<StoryFeature, Double> weights = new EnumMap<>(StoryFeature.class);
        for (int j = 0; j < used.length; j++) {
            weights.put(used[j], beta[j + 1]);
        }
        return new StoryScorer(weights, beta[0], threshold, merge);
    }

    /**
     * The cross-validation fold of a gold story: a bit of the SHA-256 of its label. Not the bit that {@code
     * GoldHalves} cuts train and test halves by, or a train half would fall in one fold.
     */
    static int fold(String label) {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(label.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return h[1] & 1;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    private static double meanB3F1(List<LabelledArticles> sets, StoryScorer sc) {
        StoryModel m = new StoryModel(sc, sc, "");
        double f1 = 0;
        int n = 0;
        for (LabelledArticles set : sets) {
            if (!set.articles().isEmpty()) {
                f1 += score(set, m, OnlineStoryClusterer.DEFAULT_WINDOW).b3F1();
                n++;
            }
        }
        return f1 / n;
    }
    /**
     * Clusters an analysed stream in order with a fresh clusterer and scores it against the gold. An article counts in
     * the story it ends in, as the store moves it: a story merged into another later is that other story, and an
     * article whose group split off later is in the new story.
     */
    public static ClusteringScores score(LabelledArticles set, StoryModel model, Duration window) {
        OnlineStoryClusterer clusterer = new OnlineStoryClusterer(model, window);
        // each article's story now, moved as the store moves memberships: merges are rare, so rewriting is cheap
        Map<String, String> placed = new HashMap<>();
        for (Article a : set.articles()) {
            StoryAssignment s = clusterer.assign(a);
            if (!s.mergedFrom().isEmpty()) {
                Set<String> from = Set.copyOf(s.mergedFrom());
                placed.replaceAll((article, story) -> from.contains(story) ? s.mergedInto() : story);
            }
            if (s.split() != null) {
                s.split().moved().forEach(article -> placed.put(article, s.storyId()));
            }
            placed.put(a.id(), s.storyId());
        }
        Map<String, String> predicted = new HashMap<>();
        for (Article a : set.articles()) {
            if (set.gold().containsKey(a.id())) {
                predicted.put(a.id(), placed.get(a.id()));
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
