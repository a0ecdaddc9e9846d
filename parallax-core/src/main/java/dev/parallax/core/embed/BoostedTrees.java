package dev.parallax.core.embed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Gradient-boosted regression trees, small enough to fit a few thousand pairs in seconds and to ship as JSON. The
 * score is {@code bias + Σ tree(x)}: a 0–5 similarity under squared loss, log-odds under logistic loss. Split
 * candidates are feature quantiles, which is all a few dozen features over a few thousand rows need.
 *
 * @param bias  the starting score (mean label, or the log-odds of the positive rate)
 * @param trees each tree as parallel arrays; see {@link Tree}
 */
public record BoostedTrees(double bias, List<Tree> trees) {

    /**
     * One tree in compact array form (nodes in depth-first order, so a split's left child is the next node). Node
     * {@code k} is a leaf when {@code feature[k] < 0} and then scores {@code value[k]}; otherwise rows with
     * {@code x[feature[k]] <= value[k]} go on to node {@code k + 1}, the others to node {@code right[k]}. Floats
     * keep the shipped JSON small; fitting uses the same rounded numbers, so nothing shifts when it is read back.
     */
    public record Tree(int[] feature, float[] value, int[] right) {
        double score(double[] x) {
            int k = 0;
            while (feature[k] >= 0) {
                k = x[feature[k]] <= value[k] ? k + 1 : right[k];
            }
            return value[k];
        }
    }

    /** Hyperparameters: number of trees, depth, shrinkage, smallest leaf, share of rows each tree sees. */
    public record Settings(int trees, int depth, double rate, int minLeaf, double subsample) {
        public Settings {
            if (trees < 1 || depth < 1 || minLeaf < 1 || !(rate > 0 && rate <= 1) || !(subsample > 0 && subsample <= 1)) {
                throw new IllegalArgumentException("Boosting needs trees, depth and minLeaf >= 1 and rate and subsample in"
                        + " (0, 1]; got trees " + trees + ", depth " + depth + ", rate " + rate + ", minLeaf " + minLeaf
                        + ", subsample " + subsample);
            }
        }
    }

    public BoostedTrees {
        trees = List.copyOf(trees);
    }

    public double score(double[] x) {
        double s = bias;
        for (Tree t : trees) {
            s += t.score(x);
        }
        return s;
    }

    /** Fits squared loss to graded labels. */
    public static BoostedTrees fitRegression(double[][] x, double[] y, Settings settings) {
        return fit(x, y, false, settings);
    }

    /** Fits logistic loss to yes/no labels; {@link #score} is then the log-odds of yes. */
    public static BoostedTrees fitLogistic(double[][] x, boolean[] y, Settings settings) {
        double[] target = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            target[i] = y[i] ? 1 : 0;
        }
        return fit(x, target, true, settings);
    }

    private static BoostedTrees fit(double[][] x, double[] y, boolean logistic, Settings s) {
        int n = x.length;
        if (n == 0) {
            throw new IllegalArgumentException("Cannot fit on no examples");
        }
        double mean = Arrays.stream(y).average().orElseThrow();
        if (logistic && (mean == 0 || mean == 1)) {
            throw new IllegalArgumentException("Cannot fit a classifier on examples of one class only");
        }
        double bias = logistic ? Math.log(mean / (1 - mean)) : mean;
        double[][] cuts = candidateCuts(x, 32);
        double[] score = new double[n];
        Arrays.fill(score, bias);
        // A fixed seed: refitting the same data gives the same shipped model.
        Random random = new Random(42);
        List<Tree> trees = new ArrayList<>();
        double[] grad = new double[n], hess = new double[n];
        for (int t = 0; t < s.trees(); t++) {
            for (int i = 0; i < n; i++) {
                if (logistic) {
                    double p = 1 / (1 + Math.exp(-score[i]));
                    grad[i] = y[i] - p;
                    hess[i] = Math.max(p * (1 - p), 1e-6);
                } else {
                    grad[i] = y[i] - score[i];
                    hess[i] = 1;
                }
            }
            int[] rows = s.subsample() >= 1 ? IntStream.range(0, n).toArray()
                    : random.ints(0, n).limit(Math.round(s.subsample() * n)).toArray();
            TreeBuilder b = new TreeBuilder(x, grad, hess, cuts, s);
            b.grow(rows, 0);
            Tree tree = b.build();
            trees.add(tree);
            for (int i = 0; i < n; i++) {
                score[i] += tree.score(x[i]);
            }
        }
        return new BoostedTrees(bias, trees);
    }

    /** Up to {@code count} distinct quantiles of each feature, the thresholds splits may use. */
    private static double[][] candidateCuts(double[][] x, int count) {
        int d = x[0].length;
        double[][] cuts = new double[d][];
        for (int j = 0; j < d; j++) {
            int jj = j;
            double[] v = Arrays.stream(x).mapToDouble(r -> r[jj]).sorted().toArray();
            cuts[j] = IntStream.range(1, count).mapToDouble(q -> (float) v[(int) ((long) q * (v.length - 1) / count)])
                    .distinct().toArray();
        }
        return cuts;
    }

    /** Grows one tree by best Newton-gain splits, depth-first. */
    private static final class TreeBuilder {
        private final double[][] x;
        private final double[] grad, hess;
        private final double[][] cuts;
        private final Settings s;
        private final List<Integer> feature = new ArrayList<>();
        private final List<Float> value = new ArrayList<>();
        private final List<Integer> right = new ArrayList<>();
        private final double rate;

        TreeBuilder(double[][] x, double[] grad, double[] hess, double[][] cuts, Settings s) {
            this.x = x;
            this.grad = grad;
            this.hess = hess;
            this.cuts = cuts;
            this.s = s;
            this.rate = s.rate();
        }

        int grow(int[] rows, int depth) {
            int node = feature.size();
            double g = 0, h = 0;
            for (int i : rows) {
                g += grad[i];
                h += hess[i];
            }
            // A leaf until a split is found: the Newton step, shrunk by the learning rate.
            feature.add(-1);
            value.add((float) (rate * g / (h + 1)));
            right.add(-1);
            if (depth == s.depth() || rows.length < 2 * s.minLeaf()) {
                return node;
            }
            double parent = g * g / (h + 1), bestGain = 1e-9, bestCut = 0;
            int bestFeature = -1;
            for (int j = 0; j < cuts.length; j++) {
                double[] c = cuts[j];
                double[] gb = new double[c.length + 1], hb = new double[c.length + 1];
                int[] nb = new int[c.length + 1];
                for (int i : rows) {
                    int bin = Arrays.binarySearch(c, x[i][j]);
                    bin = bin >= 0 ? bin : -bin - 1;
                    gb[bin] += grad[i];
                    hb[bin] += hess[i];
                    nb[bin]++;
                }
                double gl = 0, hl = 0;
                int nl = 0;
                for (int k = 0; k < c.length; k++) {
                    gl += gb[k];
                    hl += hb[k];
                    nl += nb[k];
                    int nr = rows.length - nl;
                    if (nl < s.minLeaf() || nr < s.minLeaf()) {
                        continue;
                    }
                    double gain = gl * gl / (hl + 1) + (g - gl) * (g - gl) / (h - hl + 1) - parent;
                    if (gain > bestGain) {
                        bestGain = gain;
                        bestFeature = j;
                        bestCut = c[k];
                    }
                }
            }
            if (bestFeature < 0) {
                return node;
            }
            int f = bestFeature;
            double cut = bestCut;
            int[] left = Arrays.stream(rows).filter(i -> x[i][f] <= cut).toArray();
            int[] rightRows = Arrays.stream(rows).filter(i -> x[i][f] > cut).toArray();
            feature.set(node, f);
            value.set(node, (float) cut);
            grow(left, depth + 1);
            right.set(node, grow(rightRows, depth + 1));
            return node;
        }

        Tree build() {
            int m = feature.size();
            float[] v = new float[m];
            for (int k = 0; k < m; k++) {
                v[k] = value.get(k);
            }
            return new Tree(feature.stream().mapToInt(Integer::intValue).toArray(), v,
                    right.stream().mapToInt(Integer::intValue).toArray());
        }
    }
}
