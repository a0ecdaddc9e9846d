package dev.parallax.eval;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * B³ and pairwise precision/recall/F1 of a predicted clustering against gold, both given as item id to cluster label.
 * Both are computed from the contingency table (gold label x predicted label counts), so the cost is linear in the
 * number of items, never quadratic in pairs.
 *
 * <p>B³ (Bagga and Baldwin 1998) averages over items: an item's precision is the share of its predicted cluster that
 * shares its gold cluster, its recall the share of its gold cluster that shares its predicted cluster. Summed over a
 * contingency cell with {@code n} items, gold size {@code g} and predicted size {@code p}, that is {@code n²/p} and
 * {@code n²/g}.
 *
 * <p>Pairwise figures count unordered item pairs: true positives are pairs in the same cell, {@code C(n, 2)} per cell.
 * When nothing is predicted together, pairwise precision is 1 (no claim was wrong); when gold has no pair, pairwise
 * recall is 1 (nothing was missed).
 */
public final class ClusteringMetrics {
    private ClusteringMetrics() {}

    /**
     * Scores {@code predicted} against {@code gold}.
     *
     * @throws IllegalArgumentException when the maps are empty, hold null labels or do not cover the same items
     */
    public static ClusteringScores score(Map<String, String> gold, Map<String, String> predicted) {
        Objects.requireNonNull(gold, "gold");
        Objects.requireNonNull(predicted, "predicted");
        if (gold.isEmpty()) {
            throw new IllegalArgumentException("cannot score a clustering of no items: the gold map is empty");
        }
        if (!gold.keySet().equals(predicted.keySet())) {
            throw new IllegalArgumentException("gold and predicted clusterings must cover the same items: gold has "
                    + gold.size() + ", predicted " + predicted.size() + " (e.g. " + firstDifference(gold, predicted)
                    + ")");
        }
        Map<String, Long> goldSizes = new HashMap<>();
        Map<String, Long> predictedSizes = new HashMap<>();
        Map<Cell, Long> cells = new HashMap<>();
        for (Map.Entry<String, String> e : gold.entrySet()) {
            String g = e.getValue();
            String p = predicted.get(e.getKey());
            if (g == null || p == null) {
                throw new IllegalArgumentException("item '" + e.getKey() + "' has no cluster label");
            }
            goldSizes.merge(g, 1L, Long::sum);
            predictedSizes.merge(p, 1L, Long::sum);
            cells.merge(new Cell(g, p), 1L, Long::sum);
        }
        double b3p = 0;
        double b3r = 0;
        long truePairs = 0;
        for (Map.Entry<Cell, Long> e : cells.entrySet()) {
            long n = e.getValue();
            b3p += (double) n * n / predictedSizes.get(e.getKey().predicted());
            b3r += (double) n * n / goldSizes.get(e.getKey().gold());
            truePairs += pairs(n);
        }
        int items = gold.size();
        b3p /= items;
        b3r /= items;
        long predictedPairs = predictedSizes.values().stream().mapToLong(ClusteringMetrics::pairs).sum();
        long goldPairs = goldSizes.values().stream().mapToLong(ClusteringMetrics::pairs).sum();
        double pairP = predictedPairs == 0 ? 1.0 : (double) truePairs / predictedPairs;
        double pairR = goldPairs == 0 ? 1.0 : (double) truePairs / goldPairs;
        return new ClusteringScores(b3p, b3r, f1(b3p, b3r), pairP, pairR, f1(pairP, pairR), items, goldSizes.size(),
                predictedSizes.size());
    }

    private static long pairs(long n) {
        return n * (n - 1) / 2;
    }

    private static double f1(double p, double r) {
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    private static String firstDifference(Map<String, String> gold, Map<String, String> predicted) {
        for (String id : gold.keySet()) {
            if (!predicted.containsKey(id)) {
                return "'" + id + "' is only in gold";
            }
        }
        for (String id : predicted.keySet()) {
            if (!gold.containsKey(id)) {
                return "'" + id + "' is only predicted";
            }
        }
        return "none";
    }

    private record Cell(String gold, String predicted) {}
}
