package dev.parallax.eval.dedup;

import dev.parallax.core.dedup.DedupConfig;
import dev.parallax.core.dedup.Deduper;
import dev.parallax.core.model.Article;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Throughput and index memory of the {@link Deduper}: a JMH-style main (warm-up passes, then three timed passes over
 * the whole corpus, best pass reported), one thread. Each pass builds a fresh index, so a pass measures signature +
 * LSH query + verification + insertion per article as the index grows to the corpus size. Memory is counted from the
 * index's arrays ({@link Deduper#bytesPerArticle()}) and cross-checked against the heap after GC.
 *
 * <p>Run: {@code DedupBench CORPUS [w,bands,rows,k ...]}.
 */
public final class DedupBench {
    public static void main(String[] args) {
        List<Article> corpus = CorpusReader.read(Path.of(args[0]));
        List<DedupConfig> configs = new ArrayList<>();
        DedupConfig d = DedupConfig.DEFAULT;
        for (int i = 1; i < args.length; i++) {
            String[] p = args[i].split(",");
            configs.add(new DedupConfig(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]),
                    Integer.parseInt(p[3]), d.nearJaccard(), d.containment(), d.nearContainment(), d.minShingles()));
        }
        if (configs.isEmpty()) {
            configs.add(d);
        }
        for (DedupConfig c : configs) {
            // Warm up on at least ~40,000 articles so the JIT has compiled the hot loops before timing.
            for (int i = 0; i < Math.max(1, 40_000 / corpus.size()); i++) {
                pass(corpus, c);
            }
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                long t0 = System.nanoTime();
                pass(corpus, c);
                best = Math.min(best, System.nanoTime() - t0);
            }
            Runtime rt = Runtime.getRuntime();
            System.gc();
            long before = rt.totalMemory() - rt.freeMemory();
            Deduper kept = pass(corpus, c);
            System.gc();
            long after = rt.totalMemory() - rt.freeMemory();
            System.out.printf(Locale.ROOT,
                    "w=%d bands=%d rows=%d k=%d: %,.0f docs/s on one thread (%.1f us/doc), index %.0f bytes/doc"
                            + " (heap delta %.0f bytes/doc incl. ids) -> %.2f GB per 1M docs; %.1f candidates"
                            + " verified per doc%n",
                    c.shingleWords(), c.bands(), c.rows(), c.sketchSize(), corpus.size() / (best / 1e9),
                    best / 1e3 / corpus.size(), kept.bytesPerArticle(), (double) (after - before) / corpus.size(),
                    kept.bytesPerArticle() * 1e6 / 1e9, (double) kept.candidatesVerified() / corpus.size());
        }
    }

    private static Deduper pass(List<Article> corpus, DedupConfig c) {
        Deduper deduper = new Deduper(c);
        for (Article a : corpus) {
            deduper.observe(a);
        }
        return deduper;
    }
}
