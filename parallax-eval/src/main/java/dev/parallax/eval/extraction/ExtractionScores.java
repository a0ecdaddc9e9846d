package dev.parallax.eval.extraction;

import java.util.List;
import java.util.Random;

/**
 * One system's scores over the pages: precision averaged over the pages where it extracted something, recall over
 * the pages with gold text, F1 of the two means (the benchmark's definition), and the bootstrap standard deviation of
 * F1 over 1,000 resamples of the pages (seeded, so the figure repeats).
 */
public record ExtractionScores(String system, int pages, double precision, double recall, double f1, double f1Std) {
    private static final int RESAMPLES = 1000;

    static ExtractionScores of(String system, List<ShingleMatch> pages) {
        double[] prf = means(pages);
        Random random = new Random(42);
        double sum = 0;
        double sumSquares = 0;
        for (int b = 0; b < RESAMPLES; b++) {
            List<ShingleMatch> sample = random.ints(pages.size(), 0, pages.size()).mapToObj(pages::get).toList();
            double f1 = means(sample)[2];
            sum += f1;
            sumSquares += f1 * f1;
        }
        double mean = sum / RESAMPLES;
        double std = Math.sqrt(Math.max(0, (sumSquares - RESAMPLES * mean * mean) / (RESAMPLES - 1)));
        return new ExtractionScores(system, pages.size(), prf[0], prf[1], prf[2], std);
    }

    private static double[] means(List<ShingleMatch> pages) {
        double p = pages.stream().filter(m -> m.tp() + m.fp() > 0).mapToDouble(ShingleMatch::precision)
                .average().orElse(0);
        double r = pages.stream().filter(m -> m.tp() + m.fn() > 0).mapToDouble(ShingleMatch::recall)
                .average().orElse(0);
        return new double[] {p, r, p + r > 0 ? 2 * p * r / (p + r) : 0};
    }
}
