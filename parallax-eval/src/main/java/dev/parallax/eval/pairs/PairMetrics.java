package dev.parallax.eval.pairs;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Correlation and binary-decision metrics for scored pairs. */
public final class PairMetrics {

    private PairMetrics() {
    }

    /** A decision threshold (positive when score >= threshold) and the F1 it reaches on the data it was fitted on. */
    public record Threshold(double value, double f1) {
    }

    public static double pearson(double[] x, double[] y) {
        requireSameLength(x, y);
        if (x.length < 2) {
            throw new IllegalArgumentException("Correlation needs at least 2 points, got " + x.length);
        }
        double mx = Arrays.stream(x).average().orElseThrow();
        double my = Arrays.stream(y).average().orElseThrow();
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.length; i++) {
            double dx = x[i] - mx, dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) {
            throw new IllegalArgumentException("Correlation is undefined when one side is constant");
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    /** Pearson over ranks, tied values sharing the mean of the ranks they span. */
    public static double spearman(double[] x, double[] y) {
        requireSameLength(x, y);
        return pearson(ranks(x), ranks(y));
    }

    /** 1-based ranks; a run of equal values gets the average of its positions. */
    static double[] ranks(double[] v) {
        Integer[] order = IntStream.range(0, v.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> v[i]));
        double[] ranks = new double[v.length];
        for (int start = 0; start < order.length; ) {
            int end = start;
            while (end + 1 < order.length && v[order[end + 1]] == v[order[start]]) {
                end++;
            }
            double rank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) {
                ranks[order[k]] = rank;
            }
            start = end + 1;
        }
        return ranks;
    }

    /** F1 of the positive class; 0 when nothing is predicted or gold-positive. */
    public static double f1(boolean[] predicted, boolean[] gold) {
        requireSameLength(predicted.length, gold.length);
        int tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < gold.length; i++) {
            if (predicted[i] && gold[i]) {
                tp++;
            } else if (predicted[i]) {
                fp++;
            } else if (gold[i]) {
                fn++;
            }
        }
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    public static double accuracy(boolean[] predicted, boolean[] gold) {
        requireSameLength(predicted.length, gold.length);
        if (gold.length == 0) {
            throw new IllegalArgumentException("Accuracy of no pairs is undefined");
        }
        int right = 0;
        for (int i = 0; i < gold.length; i++) {
            if (predicted[i] == gold[i]) {
                right++;
            }
        }
        return (double) right / gold.length;
    }

    public static boolean[] decide(double[] scores, double threshold) {
        boolean[] out = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            out[i] = scores[i] >= threshold;
        }
        return out;
    }

    /**
     * The threshold that maximises F1 on these scores. It lies halfway between the lowest score called positive and
     * the next lower distinct score, so unseen scores near the boundary are split evenly.
     */
    public static Threshold fitThreshold(double[] scores, boolean[] gold) {
        requireSameLength(scores.length, gold.length);
        int positives = 0;
        for (boolean g : gold) {
            positives += g ? 1 : 0;
        }
        if (positives == 0) {
            throw new IllegalArgumentException("Cannot fit a threshold without positive examples");
        }
        Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        double bestF1 = -1, best = Double.NaN;
        int tp = 0, predicted = 0;
        for (int k = 0; k < order.length; k++) {
            tp += gold[order[k]] ? 1 : 0;
            predicted++;
            boolean lastOfRun = k + 1 == order.length || scores[order[k + 1]] < scores[order[k]];
            if (!lastOfRun) {
                continue;
            }
            double f1 = 2.0 * tp / (predicted + positives);
            if (f1 > bestF1) {
                bestF1 = f1;
                double here = scores[order[k]];
                best = k + 1 == order.length ? here : (here + scores[order[k + 1]]) / 2;
            }
        }
        return new Threshold(best, bestF1);
    }

    private static void requireSameLength(double[] x, double[] y) {
        requireSameLength(x.length, y.length);
    }

    private static void requireSameLength(int a, int b) {
        if (a != b) {
            throw new IllegalArgumentException("Score and gold arrays differ in length: " + a + " vs " + b);
        }
    }
}
