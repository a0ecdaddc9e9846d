package dev.parallax.eval.dedup;

import dev.parallax.core.dedup.DedupConfig;
import dev.parallax.core.dedup.Deduper;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.Published;
import dev.parallax.store.SqliteStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Speed and index memory of the {@link Deduper} end to end (sketch, LSH query, verification, insertion, lineage), one
 * thread, timed in CPU time of that thread so that other processes on the machine do not inflate it. Behind
 * {@code parallax bench dedup}; not a unit test.
 */
public final class DedupThroughput {
    /** Documents per progress report while scaling up. */
    private static final int REPORT_EVERY = 10_000;

    private DedupThroughput() {}

    /**
     * @param docs documents observed in the measured pass
     * @param cpuSeconds CPU seconds of the measuring thread for that pass
     * @param docsPerCoreSecond docs / cpuSeconds
     * @param indexBytesPerDoc index bytes per document counted from its arrays ({@link Deduper#bytesPerArticle()})
     * @param heapBytesPerDoc heap retained per document after GC, including the ids the index keeps
     * @param candidatesPerDoc LSH candidates verified per document
     * @param links duplicate links at the end
     * @param replaySeconds wall seconds to rebuild the index from a store holding the corpus (what a pipeline pays at
     *     start), or -1 when not measured
     */
    public record Result(long docs, double cpuSeconds, double docsPerCoreSecond, double indexBytesPerDoc,
            double heapBytesPerDoc, double candidatesPerDoc, long links, double replaySeconds) {}

    /**
     * The corpus as it is: warm-up passes over at least 40,000 documents, then three timed passes of a fresh index
     * each (the best is kept), then the memory of one more, then a replay from a temporary store.
     */
    public static Result corpus(List<Article> corpus) {
        for (int i = 0; i < Math.max(1, 40_000 / corpus.size()); i++) {
            pass(corpus);
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            pass(corpus);
            best = Math.min(best, cpu.getCurrentThreadCpuTime() - t0);
        }
        long before = usedAfterGc();
        Deduper kept = pass(corpus);
        long heap = usedAfterGc() - before;
        double replay = replay(corpus);
        double seconds = best / 1e9;
        return new Result(corpus.size(), seconds, corpus.size() / seconds, kept.bytesPerArticle(),
                (double) heap / corpus.size(), (double) kept.candidatesVerified() / corpus.size(), kept.links().size(),
                replay);
    }

    /**
     * A synthetic stream of {@code n} documents made deterministically (seed 1) from the corpus: each is a corpus
     * article with every word replaced, with probability 0.3, by a word drawn from the corpus (a new text sharing
     * about a quarter of its shingles with its base, so bases repeat without becoming duplicates), except that one in
     * ten is instead a light edit (2% of words) of one of the previous 1,000 documents: a stream with syndication in
     * it. Only {@link Deduper#observe} is timed; generation is not.
     *
     * @param progress told the number of documents observed so far, every {@value #REPORT_EVERY}
     */
    public static Result scaled(List<Article> corpus, int n, IntConsumer progress) {
        List<String[]> words = new ArrayList<>(corpus.size());
        List<String> vocabulary = new ArrayList<>();
        for (Article a : corpus) {
            String[] w = a.text().split("\\s+");
            words.add(w);
            for (int i = 0; i < w.length; i += 7) { // every 7th word: a frequency-weighted sample, small
                vocabulary.add(w[i]);
            }
        }
        SplittableRandom random = new SplittableRandom(1);
        String[] recent = new String[1000];
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long before = usedAfterGc();
        Deduper deduper = new Deduper(DedupConfig.DEFAULT);
        long nanos = 0;
        Instant clock = Instant.parse("2020-01-01T00:00:00Z");
        for (int d = 0; d < n; d++) {
            String text;
            if (d >= recent.length && random.nextInt(10) == 0) {
                text = perturb(recent[random.nextInt(recent.length)].split(" "), 0.02, vocabulary, random);
            } else {
                text = perturb(words.get(random.nextInt(words.size())), 0.3, vocabulary, random);
            }
            recent[d % recent.length] = text;
            Article a = DedupBenchmark.article("s" + d, "synthetic", Published.parse(clock.plusSeconds(d).toString()),
                    null, text);
            long t0 = cpu.getCurrentThreadCpuTime();
            deduper.observe(a);
            nanos += cpu.getCurrentThreadCpuTime() - t0;
            if ((d + 1) % REPORT_EVERY == 0) {
                progress.accept(d + 1);
            }
        }
        progress.accept(n);
        long heap = usedAfterGc() - before;
        double seconds = nanos / 1e9;
        return new Result(n, seconds, n / seconds, deduper.bytesPerArticle(), (double) heap / n,
                (double) deduper.candidatesVerified() / n, deduper.links().size(), -1);
    }

    private static String perturb(String[] base, double p, List<String> vocabulary, SplittableRandom random) {
        StringBuilder out = new StringBuilder(base.length * 7);
        for (String w : base) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(random.nextDouble() < p ? vocabulary.get(random.nextInt(vocabulary.size())) : w);
        }
        return out.toString();
    }

    private static Deduper pass(List<Article> corpus) {
        Deduper deduper = new Deduper(DedupConfig.DEFAULT);
        for (Article a : corpus) {
            deduper.observe(a);
        }
        return deduper;
    }

    /** Saves the corpus (without layers) into a temporary store, then times replaying it into a fresh index. */
    private static double replay(List<Article> corpus) {
        try (SqliteStore store = SqliteStore.temporary()) {
            int i = 0;
            for (Article a : corpus) {
                store.save(a, "s" + (i++ / 50));
            }
            Deduper deduper = new Deduper(DedupConfig.DEFAULT);
            long t0 = System.nanoTime();
            store.forEachStored(deduper::observe);
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
