package dev.parallax.eval.quote;

import dev.parallax.core.analysis.quote.QuoteAnnotator;
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
 * {@code QuoteTrainer --polnear DIR --out FILE [--epochs N] [--holdout]}. The shipped resource
 * (parallax-core/src/main/resources/dev/parallax/core/analysis/quote/quote-tagger.bin.gz) is made with the defaults.
 *
 * <p>With {@code --holdout} it trains on 7/8 of the train split and prints the scores on the held-out eighth (every
 * eighth article by name, {@link #heldOut}): the figure features, rules and epochs are chosen by, so dev stays
 * untouched until it is reported.
 */
public final class QuoteTrainer {
    private QuoteTrainer() {}

    static final int EPOCHS = 36;
    static final long SEED = 20161108L;

    public static QuoteTagger train(Path polnearDir, int epochs) {
        return train(Polnear.read(polnearDir, "train"), epochs);
    }

    /** Whether the k-th train article (in name order) is in the held-out eighth. */
    static boolean heldOut(int k) {
        return k % 8 == 0;
    }

    /** The train articles in or out of the held-out eighth. */
    static List<Document> trainPart(Path polnearDir, boolean heldOut) {
        List<Document> all = Polnear.read(polnearDir, "train");
        List<Document> out = new ArrayList<>();
        for (int k = 0; k < all.size(); k++) {
            if (heldOut(k) == heldOut) {
                out.add(all.get(k));
            }
        }
        return out;
    }

    static QuoteTagger train(List<Document> docs, int epochs) {
        List<Example> examples = new ArrayList<>();
        for (Document d : docs) {
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
        boolean holdout = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--polnear" -> dir = Path.of(QuoteEvaluation.value(args, ++i, "--polnear"));
                case "--out" -> out = Path.of(QuoteEvaluation.value(args, ++i, "--out"));
                case "--epochs" -> epochs = Integer.parseInt(QuoteEvaluation.value(args, ++i, "--epochs"));
                case "--holdout" -> holdout = true;
                default -> QuoteEvaluation.fail("unknown argument '" + args[i] + "'");
            }
        }
        if (dir == null || out == null) {
            QuoteEvaluation.fail("usage: --polnear DIR --out FILE [--epochs N] [--holdout]");
        }
        QuoteTagger tagger;
        try {
            tagger = holdout ? train(trainPart(dir, false), epochs) : train(dir, epochs);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            QuoteEvaluation.fail(e.getMessage());
            return;
        }
        try (OutputStream o = Files.newOutputStream(out)) {
            tagger.write(o);
        }
        System.err.println("wrote " + out + " (" + Files.size(out) + " bytes)");
        if (holdout) {
            System.out.print(QuoteEvaluation.score(trainPart(dir, true), new QuoteAnnotator(tagger)));
        }
    }
}
