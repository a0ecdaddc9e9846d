package dev.parallax.eval.dedup;

import dev.parallax.core.dedup.DedupConfig;
import dev.parallax.core.dedup.Relation;
import dev.parallax.core.model.Article;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The measurement behind {@link DedupConfig#DEFAULT}: F1 per relation on the synthetic benchmark of one corpus and
 * seed for a grid of shingle sizes, band layouts and sketch sizes. A main, not a test: run it by hand with
 * {@code CORPUS [SEED]}. The defaults were chosen on BBC with seed 1; figures are reported on other data and seeds.
 */
public final class DedupTuning {
    public static void main(String[] args) {
        List<Article> corpus = CorpusReader.read(Path.of(args[0]));
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        DedupConfig d = DedupConfig.DEFAULT;
        if (args.length > 2 && args[2].equals("thresholds")) {
            thresholds(corpus, seed, d);
            return;
        }
        int[][] layouts = {{16, 4}, {24, 4}, {32, 4}, {16, 3}, {20, 3}, {24, 3}, {32, 3}, {16, 2}, {24, 2}};
        System.out.println("w bands rows k    exact  near   contains contained");
        for (int w : new int[] {3, 4, 5}) {
            for (int[] layout : layouts) {
                for (int k : new int[] {64, 96, 128}) {
                    if (w != d.shingleWords() && (k != d.sketchSize())) {
                        continue;
                    }
                    DedupConfig c = new DedupConfig(w, layout[0], layout[1], k, d.nearJaccard(), d.containment(),
                            d.minShingles());
                    DedupEvaluation.Report r = DedupEvaluation.run(corpus, seed, c);
                    System.out.printf(Locale.ROOT, "%d %5d %4d %3d  %.4f %.4f %.4f   %.4f%n", w, layout[0], layout[1],
                            k, r.scores().get(Relation.EXACT).f1(), r.scores().get(Relation.NEAR).f1(),
                            r.scores().get(Relation.CONTAINS).f1(), r.scores().get(Relation.CONTAINED).f1());
                }
            }
        }
    }

    private static void thresholds(List<Article> corpus, long seed, DedupConfig d) {
        System.out.println("containment nearJaccard minShingles  exact  near   contains contained");
        for (double c : new double[] {0.7, 0.75, 0.8, 0.85, 0.9}) {
            for (double j : new double[] {0.5, 0.6, 0.7, 1.0}) {
                for (int min : new int[] {8, 12, 20}) {
                    DedupConfig cfg = new DedupConfig(d.shingleWords(), d.bands(), d.rows(), d.sketchSize(), j, c, min);
                    DedupEvaluation.Report r = DedupEvaluation.run(corpus, seed, cfg);
                    System.out.printf(Locale.ROOT, "%.2f %.2f %3d  %.4f %.4f %.4f   %.4f%n", c, j, min,
                            r.scores().get(Relation.EXACT).f1(), r.scores().get(Relation.NEAR).f1(),
                            r.scores().get(Relation.CONTAINS).f1(), r.scores().get(Relation.CONTAINED).f1());
                }
            }
        }
    }
}
