package dev.parallax.eval;

import java.util.Locale;

/**
 * Agreement between a predicted clustering and a gold one.
 *
 * @param b3Precision B³ precision, averaged over items
 * @param b3Recall B³ recall, averaged over items
 * @param b3F1 harmonic mean of the two B³ figures
 * @param pairPrecision share of predicted same-cluster pairs that are same-cluster in gold
 * @param pairRecall share of gold same-cluster pairs that are predicted same-cluster
 * @param pairF1 harmonic mean of the two pairwise figures
 * @param items how many items were scored
 * @param goldClusters how many gold clusters there are
 * @param predictedClusters how many predicted clusters there are
 */
public record ClusteringScores(double b3Precision, double b3Recall, double b3F1, double pairPrecision,
        double pairRecall, double pairF1, int items, int goldClusters, int predictedClusters) {

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "items=%d gold=%d predicted=%d  B3 P=%.3f R=%.3f F1=%.3f  pairwise P=%.3f R=%.3f F1=%.3f", items,
                goldClusters, predictedClusters, b3Precision, b3Recall, b3F1, pairPrecision, pairRecall, pairF1);
    }
}
