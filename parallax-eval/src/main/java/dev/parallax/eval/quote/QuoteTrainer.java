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
 * on all of train with the defaults plus the encoder teacher's silver at weight 0.3 (docs/quotes-results.md, round 7;
 * since round h41 the larger silver written there, since round h41b that silver plus the teacher's labels over the
 * BBC corpus' attributing articles).
 *
 * <p>With {@code holdout} it trains on 7/8 of the train split and leaves out every eighth article by name
 * ({@link #heldOut}, the evaluation split {@value QuoteEvaluation#HELD_OUT}): the figure features, rules and epochs
 * are chosen by, so dev stays untouched until it is reported.
 */
public final class QuoteTrainer {
    private QuoteTrainer() {}

    public static final int EPOCHS = 60;
    static final long SEED = 20161108L;

    /**
     * Trains on train (7/8 of it with {@code holdout}) and writes the model to {@code out}; the tagger also learns from
     * the teacher-tagged texts of {@code silver} ({@link SilverQuotes}; null: none), each update on them weighted by
     * {@code silverWeight}, and with {@code silverExtent} the content extent ranker does too (the contents the
     * annotator's rules group from the teacher's spans).
     */
    public static void trainAndWrite(Path polnearDir, boolean holdout, int epochs, Path out, Path silver,
            float silverWeight, boolean silverExtent) throws IOException {
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be at least 1, not " + epochs);
        }
        if (!(silverWeight > 0 && silverWeight <= 1)) {
            throw new IllegalArgumentException("--silver-weight must be in (0, 1], not " + silverWeight);
        }
        List<Example> silverExamples = new ArrayList<>();
        if (silver != null) {
            for (SilverQuotes.Text t : SilverQuotes.read(silver)) {
                silverExamples.add(new Example(t.text(), t.spans(), List.of()));
            }
            if (silverExamples.isEmpty()) {
                throw new IllegalArgumentException("silver file " + silver + " holds no text");
            }
        }
        if (silverExtent && silverExamples.isEmpty()) {
            throw new IllegalArgumentException("--silver-extent needs --silver FILE");
        }
        QuoteTagger tagger = train(trainPart(polnearDir, holdout ? false : null), silverExamples, silverWeight, epochs,
                silverExtent);
        try (OutputStream o = Files.newOutputStream(out)) {
            tagger.write(o);
        }
    }

    /** Whether the k-th train article (in name order) is in the held-out eighth. */
    static boolean heldOut(int k) {
        return k % 8 == 0;
    }

    /** The train articles in ({@code true}) or out of ({@code false}) the held-out eighth, or all of them (null). */
    public static List<Document> trainPart(Path polnearDir, Boolean heldOut) {
        List<Document> all = Polnear.read(polnearDir, "train");
        List<Document> out = new ArrayList<>();
        for (int k = 0; k < all.size(); k++) {
            if (heldOut == null || heldOut(k) == heldOut) {
                out.add(all.get(k));
            }
        }
        return out;
    }

    private static QuoteTagger train(List<Document> docs, List<Example> silver, float silverWeight, int epochs,
            boolean silverExtent) {
        List<Example> examples = new ArrayList<>();
        for (Document d : docs) {
            List<Labelled> contents = new ArrayList<>();
            for (Attribution a : d.attributions()) {
                if (a.content() != null) {
                    contents.add(new Labelled(Role.CONTENT, a.content().start(), a.content().end()));
                }
            }
            examples.add(new Example(d.text(), spans(d), contents));
        }
        return QuoteTagger.train(examples, silver, silverWeight, epochs, SEED, silverExtent);
    }

    /** Every gold fragment of {@code d} by role: what the tagger learns to label. */
    public static List<Labelled> spans(Document d) {
        List<Labelled> spans = new ArrayList<>();
        for (Attribution a : d.attributions()) {
            add(spans, Role.SOURCE, a.source());
            add(spans, Role.CUE, a.cue());
            add(spans, Role.CONTENT, a.content());
        }
        return spans;
    }

    private static void add(List<Labelled> spans, Role role, Fragments f) {
        if (f != null) {
            for (int[] p : f.parts()) {
                spans.add(new Labelled(role, p[0], p[1]));
            }
        }
    }
}
