package dev.parallax.eval.quote;

import dev.parallax.core.analysis.quote.QuoteAnnotator;
import java.nio.file.Path;
import java.util.List;

/**
 * Single-thread throughput of {@link QuoteAnnotator} over the PolNeAR dev texts:
 * {@code QuoteBench --polnear DIR [--seconds N]}. Warms up, then times whole passes and prints articles/s.
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
        long start = System.nanoTime();
        long stop = start + (long) (seconds * 1e9);
        while (System.nanoTime() < stop) {
            for (String t : texts) {
                sink += annotator.quotes(t).size();
            }
            passes++;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("%d articles x %d passes in %.1f s: %.0f articles/s, %.1f MB/s of text (1 thread; %d)%n",
                texts.size(), passes, elapsed, texts.size() * passes / elapsed, chars * passes / elapsed / 1e6, sink);
    }
}
