package dev.parallax.eval.quote;

import dev.parallax.core.analysis.quote.QuoteAnnotator;
import java.nio.file.Path;
import java.util.List;

/**
 * Single-thread throughput of {@link QuoteAnnotator} over the PolNeAR dev texts:
 * {@code QuoteBench --polnear DIR [--seconds N]}. Warms up, then times whole passes and prints articles/s by wall clock and by thread CPU time.
 */
public final class QuoteBench {
    private QuoteBench() {}

    public static void main(String[] args) {
        Path dir = null;
        double seconds = 10;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--polnear" -> dir = Path.of(QuoteEvaluation.value(args, ++i, "--polnear"));
                case "--seconds" -> seconds = Double.parseDouble(QuoteEvaluation.value(args, ++i, "--seconds"));
                default -> QuoteEvaluation.fail("unknown argument '" + args[i] + "'");
            }
        }
        if (dir == null) {
            QuoteEvaluation.fail("usage: --polnear DIR [--seconds N]");
        }
        List<String> texts = Polnear.read(dir, "dev").stream().map(Polnear.Document::text).toList();
        QuoteAnnotator annotator = new QuoteAnnotator();
        long sink = 0;
        long warmUntil = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < warmUntil) {
            for (String t : texts) {
                sink += annotator.quotes(t).size();
            }
        }
        long chars = texts.stream().mapToLong(String::length).sum();
        int passes = 0;
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long stop = start + (long) (seconds * 1e9);
        while (System.nanoTime() < stop) {
            for (String t : texts) {
                sink += annotator.quotes(t).size();
            }
            passes++;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        // CPU time is what one core delivers when other processes compete for the machine
        System.out.printf("%d articles x %d passes: %.0f articles/s wall (%.1f s), %.0f articles/s per CPU second"
                + " (%.1f s), %.2f MB/s of text per CPU second (1 thread; %d quotes)%n", texts.size(), passes,
                texts.size() * passes / elapsed, elapsed, texts.size() * passes / cpu, cpu, chars * passes / cpu / 1e6,
                sink);
    }
}
