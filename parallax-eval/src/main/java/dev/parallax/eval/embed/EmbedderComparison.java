package dev.parallax.eval.embed;

import dev.parallax.core.embed.Embedder;
import dev.parallax.eval.pairs.PairMetrics;
import dev.parallax.eval.pairs.PairsReader;
import dev.parallax.eval.pairs.TextPair;

import java.nio.file.Path;
import java.util.List;

/**
 * How well a fast embedder stands in for MiniLM: its cosine's correlation with human similarity (STS-B news pairs),
 * and its agreement with MiniLM's own geometry on a set of texts (correlation of all pairwise cosines, and how often
 * both pick the same nearest neighbour).
 */
public final class EmbedderComparison {
    private EmbedderComparison() {}

    /** Pearson and Spearman of the embedding cosine with the 0–5 gold. */
    public record Correlation(String subset, int pairs, double pearson, double spearman) {}

    /**
     * Agreement with the reference over {@code texts} distinct texts: Pearson of the cosines of every pair of texts,
     * the share of texts whose nearest neighbour is the reference's nearest neighbour, and the mean share of the
     * reference's 10 nearest neighbours among the candidate's 10.
     */
    public record Agreement(int texts, double cosinePearson, double nearestNeighbour, double recallAt10) {}

    /** STS-B pairs whose id starts with {@code prefix} (e.g. {@code stsb-test-main-news-}) from a Format B file. */
    public static List<TextPair> stsb(Path file, String prefix) {
        List<TextPair> pairs = PairsReader.read(file).stream().filter(p -> p.id().startsWith(prefix)).toList();
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException(file + " has no pairs whose id starts with " + prefix);
        }
        return pairs;
    }

    public static Correlation correlation(String subset, Embedder embedder, List<TextPair> pairs) {
        float[][] a = embedder.embed(pairs.stream().map(TextPair::a).toList());
        float[][] b = embedder.embed(pairs.stream().map(TextPair::b).toList());
        double[] cos = new double[pairs.size()];
        double[] gold = new double[pairs.size()];
        for (int i = 0; i < cos.length; i++) {
            cos[i] = Embedder.cosine(a[i], b[i]);
            gold[i] = pairs.get(i).label();
        }
        return new Correlation(subset, pairs.size(), PairMetrics.pearson(cos, gold), PairMetrics.spearman(cos, gold));
    }

    public static Agreement agreement(float[][] reference, float[][] candidate) {
        int n = reference.length;
        if (candidate.length != n || n < 11) {
            throw new IllegalArgumentException("need the same 11 or more texts from both embedders, got " + n + " and "
                    + candidate.length);
        }
        // Running sums for the Pearson over all n(n-1)/2 pairs; each vector is unit length (or zero).
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        long count = 0;
        int sameNearest = 0;
        double recall = 0;
        double[] r = new double[n];
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                r[j] = j == i ? Double.NEGATIVE_INFINITY : dot(reference[i], reference[j]);
                c[j] = j == i ? Double.NEGATIVE_INFINITY : dot(candidate[i], candidate[j]);
                if (j > i) {
                    sx += r[j];
                    sy += c[j];
                    sxx += r[j] * r[j];
                    syy += c[j] * c[j];
                    sxy += r[j] * c[j];
                    count++;
                }
            }
            int[] topR = top(r, 10);
            int[] topC = top(c, 10);
            if (topR[0] == topC[0]) {
                sameNearest++;
            }
            int shared = 0;
            for (int x : topR) {
                for (int y : topC) {
                    if (x == y) {
                        shared++;
                    }
                }
            }
            recall += shared / 10.0;
        }
        double cov = sxy / count - (sx / count) * (sy / count);
        double vx = sxx / count - (sx / count) * (sx / count);
        double vy = syy / count - (sy / count) * (sy / count);
        return new Agreement(n, cov / Math.sqrt(vx * vy), (double) sameNearest / n, recall / n);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int d = 0; d < a.length; d++) {
            s += a[d] * b[d];
        }
        return s;
    }

    /** Indices of the k largest values, largest first (ties: lower index first). */
    private static int[] top(double[] values, int k) {
        int[] best = new int[k];
        double[] bestValue = new double[k];
        java.util.Arrays.fill(bestValue, Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(best, -1);
        for (int j = 0; j < values.length; j++) {
            double v = values[j];
            if (v <= bestValue[k - 1]) {
                continue;
            }
            int pos = k - 1;
            while (pos > 0 && bestValue[pos - 1] < v) {
                bestValue[pos] = bestValue[pos - 1];
                best[pos] = best[pos - 1];
                pos--;
            }
            bestValue[pos] = v;
            best[pos] = j;
        }
        return best;
    }
}
