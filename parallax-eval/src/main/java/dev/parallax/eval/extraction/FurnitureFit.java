package dev.parallax.eval.extraction;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parallax.core.embed.BoostedTrees;
import dev.parallax.core.text.PageFurniture;
import dev.parallax.eval.extraction.FurniturePages.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Fits {@link PageFurniture} on the training half of the ScrapingHub pages and scores a model on the test half.
 *
 * <p>Everything is chosen on the training half, before the test half is read: the lexicon and the trees are
 * cross-fitted over five folds of pages, and the threshold is the lowest log-odds at which the out-of-fold scores lose
 * at most {@link #MAX_ARTICLE_WORDS_LOST} of the article text's words and {@link #MAX_HEADLINES_LOST} of the
 * headlines: a cleaner that throws away article text does more harm than the furniture it removes. The headline
 * limit is the looser: on a page a headline reads like the links to other stories around it, and when the cleaner
 * drops one the article's lead stands in for it.
 */
public final class FurnitureFit {
    static final BoostedTrees.Settings TREES = new BoostedTrees.Settings(200, 4, 0.1, 20, 0.8);
    static final int FOLDS = 5;
    /** A word enters the lexicon when this many training pages hold it: fewer, and it names one site. */
    static final int MIN_PAGES = 5;
    public static final double MAX_ARTICLE_WORDS_LOST = 0.01;
    public static final double MAX_HEADLINES_LOST = 0.15;

    private static final ObjectMapper JSON = new ObjectMapper();

    private FurnitureFit() {
    }

    /**
     * The fitted model, its out-of-fold scores on the training half under the chosen threshold, and the out-of-fold
     * trade-off at other thresholds (one line each), to see how the choice falls.
     */
    public record Fit(PageFurniture.Model model, Scores outOfFold, List<String> curve) {
    }

    public static Fit fit(List<Page> train) {
        int n = train.size();
        List<double[][]> x = new ArrayList<>(n);
        for (int p = 0; p < n; p++) {
            x.add(null);
        }
        for (int f = 0; f < FOLDS; f++) {
            PageFurniture.LexiconCounts counts = new PageFurniture.LexiconCounts();
            for (int p = 0; p < n; p++) {
                if (p % FOLDS != f) {
                    counts.add(train.get(p).blocks(), train.get(p).furniture());
                }
            }
            Map<String, Double> lexicon = counts.lexicon(MIN_PAGES);
            for (int p = f; p < n; p += FOLDS) {
                x.set(p, PageFurniture.features(train.get(p).blocks(), lexicon));
            }
        }
        List<double[]> outOfFold = new ArrayList<>(n);
        for (int p = 0; p < n; p++) {
            outOfFold.add(null);
        }
        for (int f = 0; f < FOLDS; f++) {
            int fold = f;
            BoostedTrees trees = fitTrees(train, x, p -> p % FOLDS != fold);
            for (int p = f; p < n; p += FOLDS) {
                double[][] rows = x.get(p);
                double[] s = new double[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    s[i] = trees.score(rows[i]);
                }
                outOfFold.set(p, s);
            }
        }
        double threshold = threshold(train, outOfFold);
        PageFurniture.LexiconCounts all = new PageFurniture.LexiconCounts();
        train.forEach(p -> all.add(p.blocks(), p.furniture()));
        PageFurniture.Model model = new PageFurniture.Model(PageFurniture.FEATURES, all.lexicon(MIN_PAGES),
                fitTrees(train, x, p -> true), threshold);
        List<String> curve = new ArrayList<>();
        for (int k = -4; k <= 12; k++) {
            double t = k / 2.0;
            double[] lost = losses(train, outOfFold, t);
            Prf prf = furnitureFound(train, outOfFold, t);
            curve.add(String.format(Locale.ROOT, "log-odds %5.1f: furniture P %.3f R %.3f, article words lost %.2f %%, "
                    + "headlines lost %.1f %%", t, prf.p(), prf.r(), 100 * lost[0], 100 * lost[1]));
        }
        return new Fit(model, score(train, outOfFold, threshold), curve);
    }

    private static BoostedTrees fitTrees(List<Page> pages, List<double[][]> x, IntPredicate use) {
        List<double[]> rows = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        for (int p = 0; p < pages.size(); p++) {
            if (use.test(p)) {
                double[][] px = x.get(p);
                for (int i = 0; i < px.length; i++) {
                    rows.add(px[i]);
                    labels.add(pages.get(p).furniture()[i]);
                }
            }
        }
        boolean[] y = new boolean[labels.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels.get(i);
        }
        return BoostedTrees.fitLogistic(rows.toArray(double[][]::new), y, TREES);
    }

    /** The lowest log-odds (on a 0.05 grid) within both loss limits. */
    static double threshold(List<Page> pages, List<double[]> scores) {
        for (int k = -200; k <= 200; k++) {
            double t = k / 20.0;
            double[] lost = losses(pages, scores, t);
            if (lost[0] <= MAX_ARTICLE_WORDS_LOST && lost[1] <= MAX_HEADLINES_LOST) {
                return t;
            }
        }
        return 10; // nothing qualifies: remove nothing
    }

    /** Scores a model on pages it was not fitted on. */
    public static Scores evaluate(List<Page> pages, PageFurniture furniture) {
        List<double[]> scores = pages.stream().map(p -> furniture.logOdds(p.blocks())).toList();
        return score(pages, scores, furniture.model().threshold());
    }

    /**
     * Block-level and text-level figures at one threshold.
     *
     * @param furniture         furniture blocks found: precision, recall, F1
     * @param articleWordsLost  share of the article text's words (gold blocks, headlines) in blocks taken as furniture
     * @param headlinesLost     share of the headline blocks taken as furniture
     * @param allBlocks         the benchmark's shingle metric for every block of the page against the gold body
     * @param kept              the same for the blocks kept
     */
    public record Scores(int pages, int blocks, double threshold, Prf furniture, double articleWordsLost,
            double headlinesLost, ExtractionScores allBlocks, ExtractionScores kept) {
        public String toJson() {
            ObjectNode root = JSON.createObjectNode();
            root.put("pages", pages).put("blocks", blocks).put("threshold", threshold);
            furniture.put(root.putObject("furniture"));
            root.put("articleWordsLost", round(articleWordsLost)).put("headlinesLost", round(headlinesLost));
            ObjectNode text = root.putObject("text");
            for (ExtractionScores s : List.of(allBlocks, kept)) {
                text.putObject(s.system()).put("p", round(s.precision())).put("r", round(s.recall()))
                        .put("f1", round(s.f1()));
            }
            return root.toPrettyString();
        }

        public String toText() {
            return String.format(Locale.ROOT, "%d pages, %d blocks, threshold %.2f%n"
                            + "furniture blocks: P %.3f  R %.3f  F1 %.3f%n"
                            + "article words lost %.2f %%, headlines lost %.1f %%%n"
                            + "text against the gold body (4-token shingles): every block P %.3f R %.3f F1 %.3f;"
                            + " kept blocks P %.3f R %.3f F1 %.3f",
                    pages, blocks, threshold, furniture.p(), furniture.r(), furniture.f1(), 100 * articleWordsLost,
                    100 * headlinesLost, allBlocks.precision(), allBlocks.recall(), allBlocks.f1(), kept.precision(),
                    kept.recall(), kept.f1());
        }
    }

    public record Prf(double p, double r, double f1) {
        static Prf of(long tp, long fp, long fn) {
            double p = tp + fp == 0 ? 0 : tp / (double) (tp + fp);
            double r = tp + fn == 0 ? 0 : tp / (double) (tp + fn);
            return new Prf(p, r, p + r == 0 ? 0 : 2 * p * r / (p + r));
        }

        void put(ObjectNode into) {
            into.put("p", round(p)).put("r", round(r)).put("f1", round(f1));
        }
    }

    private static Prf furnitureFound(List<Page> pages, List<double[]> scores, double threshold) {
        long tp = 0, fp = 0, fn = 0;
        for (int p = 0; p < pages.size(); p++) {
            double[] s = scores.get(p);
            for (int i = 0; i < s.length; i++) {
                boolean flagged = s[i] >= threshold;
                boolean furniture = pages.get(p).furniture()[i];
                tp += flagged && furniture ? 1 : 0;
                fp += flagged && !furniture ? 1 : 0;
                fn += !flagged && furniture ? 1 : 0;
            }
        }
        return Prf.of(tp, fp, fn);
    }

    /** {article words lost, headlines lost} as shares, at one threshold. */
    private static double[] losses(List<Page> pages, List<double[]> scores, double threshold) {
        long words = 0, wordsLost = 0, headlines = 0, headlinesLost = 0;
        for (int p = 0; p < pages.size(); p++) {
            Page page = pages.get(p);
            double[] s = scores.get(p);
            for (int i = 0; i < s.length; i++) {
                boolean flagged = s[i] >= threshold;
                if (!page.furniture()[i]) {
                    int w = page.words()[i];
                    words += w;
                    wordsLost += flagged ? w : 0;
                }
                if (page.headline()[i]) {
                    headlines++;
                    headlinesLost += flagged ? 1 : 0;
                }
            }
        }
        return new double[] {words == 0 ? 0 : wordsLost / (double) words,
                headlines == 0 ? 0 : headlinesLost / (double) headlines};
    }

    static Scores score(List<Page> pages, List<double[]> scores, double threshold) {
        int blocks = 0;
        List<ShingleMatch> all = new ArrayList<>();
        List<ShingleMatch> kept = new ArrayList<>();
        for (int p = 0; p < pages.size(); p++) {
            Page page = pages.get(p);
            double[] s = scores.get(p);
            StringBuilder keptText = new StringBuilder();
            for (int i = 0; i < s.length; i++) {
                if (s[i] < threshold) {
                    keptText.append(page.blocks().get(i)).append("\n\n");
                }
            }
            blocks += s.length;
            all.add(ShingleMatch.of(page.gold(), String.join("\n\n", page.blocks())));
            kept.add(ShingleMatch.of(page.gold(), keptText.toString()));
        }
        double[] lost = losses(pages, scores, threshold);
        return new Scores(pages.size(), blocks, threshold, furnitureFound(pages, scores, threshold), lost[0], lost[1],
                ExtractionScores.of("allBlocks", all), ExtractionScores.of("kept", kept));
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
