package dev.parallax.eval.quote;

import dev.parallax.core.analysis.quote.QuoteTagger;
import dev.parallax.core.analysis.quote.QuoteTagger.Example;
import dev.parallax.core.analysis.quote.QuoteTagger.Labelled;
import dev.parallax.core.analysis.quote.QuoteTagger.Role;
import dev.parallax.eval.quote.Polnear.Attribution;
import dev.parallax.eval.quote.Polnear.Document;
import dev.parallax.eval.quote.Polnear.Fragments;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains the {@link QuoteTagger} on PolNeAR's train split only and writes the model resource:
 * {@code QuoteTrainer --polnear DIR --out FILE [--epochs N]}. The shipped resource
 * (parallax-core/src/main/resources/dev/parallax/core/analysis/quote/quote-tagger.bin.gz) is made with the defaults.
 */
public final class QuoteTrainer {
    private QuoteTrainer() {}

    static final int EPOCHS = 36;
    static final long SEED = 20161108L;

    public static QuoteTagger train(Path polnearDir, int epochs) {
        List<Example> examples = new ArrayList<>();
        for (Document d : Polnear.read(polnearDir, "train")) {
            List<Labelled> spans = new ArrayList<>();
            for (Attribution a : d.attributions()) {
                add(spans, Role.SOURCE, a.source());
                add(spans, Role.CUE, a.cue());
                add(spans, Role.CONTENT, a.content());
            }
            examples.add(new Example(d.text(), spans));
        }
        return QuoteTagger.train(examples, epochs, SEED);
    }

    private static void add(List<Labelled> spans, Role role, Fragments f) {
        if (f != null) {
            for (int[] p : f.parts()) {
                spans.add(new Labelled(role, p[0], p[1]));
            }
        }
    }

    public static void main(String[] args) throws IOException {
        Path dir = null;
        Path out = null;
        int epochs = EPOCHS;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--polnear" -> dir = Path.of(QuoteEvaluation.value(args, ++i, "--polnear"));
                case "--out" -> out = Path.of(QuoteEvaluation.value(args, ++i, "--out"));
                case "--epochs" -> epochs = Integer.parseInt(QuoteEvaluation.value(args, ++i, "--epochs"));
                default -> QuoteEvaluation.fail("unknown argument '" + args[i] + "'");
            }
        }
        if (dir == null || out == null) {
            QuoteEvaluation.fail("usage: --polnear DIR --out FILE [--epochs N]");
        }
        QuoteTagger tagger;
        try {
            tagger = train(dir, epochs);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            QuoteEvaluation.fail(e.getMessage());
            return;
        }
        try (OutputStream o = Files.newOutputStream(out)) {
            tagger.write(o);
        }
        System.err.println("wrote " + out + " (" + Files.size(out) + " bytes)");
    }
}
