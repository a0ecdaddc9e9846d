package dev.parallax.eval.dedup;

/**
 * Pair-level precision, recall and F1 of one relation. Precision is 1 when nothing was predicted, recall 1 when
 * nothing was expected (no evidence against either).
 */
public record PairScores(int truePositives, int falsePositives, int falseNegatives, double precision,
        double recall, double f1) {
    public static PairScores of(int tp, int fp, int fn) {
        double p = tp + fp == 0 ? 1 : (double) tp / (tp + fp);
        double r = tp + fn == 0 ? 1 : (double) tp / (tp + fn);
        double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
        return new PairScores(tp, fp, fn, p, r, f1);
    }
}
