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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains the {@link QuoteTagger} (with its content extent ranker) on PolNeAR's train split only (behind
 * {@code parallax eval quotes --train FILE}). The
 * shipped resource (parallax-core/src/main/resources/dev/parallax/core/analysis/quote/quote-tagger.bin.gz) is trained
 * on all of train with the defaults.
 *
 * <p>With {@code holdout} it trains on 7/8 of the train split and leaves out every eighth article by name
 * ({@link #heldOut}, the evaluation split {@value QuoteEvaluation#HELD_OUT}): the figure features, rules and epochs
 * are chosen by, so dev stays untouched until it is reported.
 */
public final class QuoteTrainer {
    private QuoteTrainer() {}

    public static final int EPOCHS = 60;
    static final long SEED = 20161108L;

    /** Trains on train (7/8 of it with {@code holdout}) and writes the model to {@code out}. */
    public static void trainAndWrite(Path polnearDir, boolean holdout, int epochs, Path out) throws IOException {
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be at least 1, not " + epochs);
        }
        QuoteTagger tagger = train(trainPart(polnearDir, holdout ? false : null), epochs);
        try (OutputStream o = Files.newOutputStream(out)) {
            tagger.write(o);
        }
    }

    /** Whether the k-th train article (in name order) is in the held-out eighth. */
    static boolean heldOut(int k) {
        return k % 8 == 0;
    }

    /** The train articles in ({@code true}) or out of ({@code false}) the held-out eighth, or all of them (null). */
    static List<Document> trainPart(Path polnearDir, Boolean heldOut) {
        List<Document> all = Polnear.read(polnearDir, "train");
        List<Document> out = new ArrayList<>();
        for (int k = 0; k < all.size(); k++) {
            if (heldOut == null || heldOut(k) == heldOut) {
                out.add(all.get(k));
            }
        }
        return out;
    }

    static QuoteTagger train(List<Document> docs, int epochs) {
        List<Example> examples = new ArrayList<>();
        for (Document d : docs) {
            List<Labelled> spans = new ArrayList<>();
            List<Labelled> contents = new ArrayList<>();
            for (Attribution a : d.attributions()) {
                add(spans, Role.SOURCE, a.source());
                add(spans, Role.CUE, a.cue());
                add(spans, Role.CONTENT, a.content());
                if (a.content() != null) {
                    contents.add(new Labelled(Role.CONTENT, a.content().start(), a.content().end()));
                }
            }
            examples.add(new Example(d.text(), spans, contents));
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
}
