package dev.parallax.core.analysis.quote;

import dev.parallax.core.analysis.quote.QuoteTagger.Example;
import dev.parallax.core.analysis.quote.QuoteTagger.Labelled;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Re-chooses where an attributed content starts and ends. The tagger decides token by token, so it often stops a
 * content inside a phrase ("… bankruptcies in⟧ his past") or runs it into the next clause; this linear ranker looks
 * at every token boundary of the paragraph within {@value #WINDOW} tokens of the tagger's boundary and picks the one
 * whose surroundings (words, punctuation, quotation state, clauses and sentences crossed, the tagger's labels) look
 * most like a gold boundary. It is trained, after the tagger, on the annotator's output for training texts (an
 * averaged ranking perceptron), and stored in the tagger's model file.
 */
final class ContentExtent {
    static final int BITS = 18;
    private static final int MASK = (1 << BITS) - 1;
    static final int WINDOW = 40;
    private static final int FEATURES = 16;

    /** Tagger roles per token, as {@link #roles} gives them (0 outside any tagged span). */
    static final byte SOURCE = 1;
    static final byte CUE = 2;
    static final byte CONTENT = 3;

    private final float[] weights;

    ContentExtent(float[] weights) {
        this.weights = weights;
    }

    /** Per token, the role of the tagged span it falls in. */
    static byte[] roles(Tokens t, List<Labelled> tagged) {
        byte[] role = new byte[t.size];
        for (Labelled l : tagged) {
            byte r = switch (l.role()) {
                case SOURCE -> SOURCE;
                case CUE -> CUE;
                case CONTENT -> CONTENT;
            };
            for (int i = t.firstEndingAfter(l.start()); i < t.size && t.start[i] < l.end(); i++) {
                role[i] = r;
            }
        }
        return role;
    }

    /** The last token of the content predicted as tokens {@code first..last}, its cue starting at {@code cueFirst}. */
    int end(Tokens t, byte[] role, int first, int last, int cueFirst) {
        return best(endFrom(first, last), endTo(t, role, last, cueFirst), last,
                (e, f) -> endFeatures(t, role, first, last, cueFirst, e, f));
    }

    /** The first token of the content predicted as tokens {@code first..last}, its cue ending at {@code cueLast}. */
    int start(Tokens t, byte[] role, int first, int last, int cueLast) {
        return best(startFrom(t, role, first, cueLast), startTo(first, last), first,
                (b, f) -> startFeatures(t, role, first, last, cueLast, b, f));
    }

    /** The best-scoring boundary token in {@code from..to} (the first on a tie), or {@code none} when empty. */
    private int best(int from, int to, int none, BoundaryFeatures features) {
        int[] f = new int[FEATURES];
        int best = none;
        float bestScore = Float.NEGATIVE_INFINITY;
        for (int k = from; k <= to; k++) {
            features.of(k, f);
            float v = score(f);
            if (v > bestScore) {
                bestScore = v;
                best = k;
            }
        }
        return best;
    }

    private float score(int[] f) {
        float s = 0;
        for (int k : f) {
            s += weights[k];
        }
        return s;
    }

    // ---- candidates: within the paragraph, not across another tagged source or cue, nor across the own cue ----

    private static int endFrom(int first, int last) {
        return Math.max(first, last - WINDOW);
    }

    private static int endTo(Tokens t, byte[] role, int last, int cueFirst) {
        int hi = last;
        while (hi + 1 < t.size && !t.paraStart[hi + 1] && hi + 1 - last <= WINDOW
                && role[hi + 1] != SOURCE && role[hi + 1] != CUE && !(cueFirst > last && hi + 1 >= cueFirst)) {
            hi++;
        }
        return hi;
    }

    private static int startFrom(Tokens t, byte[] role, int first, int cueLast) {
        int lo = first;
        while (lo - 1 >= 0 && !t.paraStart[lo] && first - (lo - 1) <= WINDOW
                && role[lo - 1] != SOURCE && role[lo - 1] != CUE && !(cueLast < first && lo - 1 <= cueLast)) {
            lo--;
        }
        return lo;
    }

    private static int startTo(int first, int last) {
        return Math.min(last, first + WINDOW);
    }

    // ---- features ----

    private static int h(int template, int a) {
        return QuoteTagger.f(template, a) & MASK;
    }

    private static int h(int template, int a, int b) {
        return QuoteTagger.f(template, a, b) & MASK;
    }

    private static int h(int template, int a, int b, int c) {
        return QuoteTagger.f(template, a, b, c) & MASK;
    }

    /** Signed distance bucket. */
    private static int offset(int d) {
        return d < 0 ? -bucket(-d) : bucket(d);
    }

    private static int bucket(int d) {
        return d <= 3 ? d : d <= 5 ? 4 : d <= 10 ? 5 : d <= 20 ? 6 : 7;
    }

    /** Word of token i, or a marker for a paragraph break between i - 1 and i. */
    private static int wordAfterBreak(Tokens t, int i) {
        return i >= t.size ? 2 : t.paraStart[i] ? 3 : QuoteTagger.word(t, i);
    }

    /** Commas, and tokens not tagged as content, between two positions. */
    private static int[] crossed(Tokens t, byte[] role, int from, int to) {
        int commas = 0;
        int untagged = 0;
        for (int i = from; i < to; i++) {
            commas += ",".equals(t.lower[i]) ? 1 : 0;
            untagged += role[i] != CONTENT ? 1 : 0;
        }
        return new int[] {Math.min(commas, 3), bucket(untagged)};
    }

    private static void endFeatures(Tokens t, byte[] role, int first, int last, int cueFirst, int e, int[] f) {
        int next = wordAfterBreak(t, e + 1);
        int w = QuoteTagger.word(t, e);
        int d = offset(e - last);
        int qNext = e + 1 < t.size ? t.quote[e + 1] : 9;
        int rNext = e + 1 < t.size ? role[e + 1] : 9;
        int cueSide = cueFirst > last ? 1 : 0;
        int[] x = e > last ? crossed(t, role, last + 1, e + 1) : crossed(t, role, e + 1, last + 1);
        int sentences = Math.max(-2, Math.min(2, t.sentence[e] - t.sentence[last]));
        f[0] = h(100, d);
        f[1] = h(101, w);
        f[2] = h(102, next);
        f[3] = h(103, w, next);
        f[4] = h(104, QuoteTagger.shape(t, e), QuoteTagger.shape(t, e + 1));
        f[5] = h(105, t.quote[e], qNext, cueSide);
        f[6] = h(106, d, next);
        f[7] = h(107, sentences, e + 1 < t.size && t.sentence[e + 1] != t.sentence[e] ? 1 : 0, cueSide);
        f[8] = h(108, role[e], rNext, d);
        f[9] = h(109, x[0], x[1], d);
        f[10] = h(110, bucket(e - first), t.quote[first], qNext);
        f[11] = h(111, next, qNext, cueSide);
        f[12] = h(112, w, t.quote[e], d == 0 ? 0 : 1);
        f[13] = h(113, QuoteTagger.word(t, e + 2), next);
        f[14] = h(114, QuoteTagger.word(t, e - 1), w);
        f[15] = h(115, sentences, d, t.quote[first]);
    }

    private static void startFeatures(Tokens t, byte[] role, int first, int last, int cueLast, int s, int[] f) {
        int before = s == 0 || t.paraStart[s] ? 3 : QuoteTagger.word(t, s - 1);
        int w = QuoteTagger.word(t, s);
        int d = offset(s - first);
        int qBefore = s > 0 ? t.quote[s - 1] : 9;
        int rBefore = s > 0 ? role[s - 1] : 9;
        int cueGap = cueLast < s ? bucket(s - cueLast) : 0; // 1: right after the cue
        int[] x = s < first ? crossed(t, role, s, first) : crossed(t, role, first, s);
        int sentences = Math.max(-2, Math.min(2, t.sentence[s] - t.sentence[first]));
        f[0] = h(200, d);
        f[1] = h(201, w);
        f[2] = h(202, before);
        f[3] = h(203, before, w);
        f[4] = h(204, QuoteTagger.shape(t, s - 1), QuoteTagger.shape(t, s));
        f[5] = h(205, qBefore, t.quote[s], cueGap);
        f[6] = h(206, d, w);
        f[7] = h(207, sentences, s > 0 && t.sentence[s - 1] != t.sentence[s] ? 1 : 0, cueGap);
        f[8] = h(208, rBefore, role[s], d);
        f[9] = h(209, x[0], x[1], d);
        f[10] = h(210, bucket(last - s), t.quote[last], t.quote[s]);
        f[11] = h(211, before, w, cueGap);
        f[12] = h(212, w, t.quote[s], d == 0 ? 0 : 1);
        f[13] = h(213, QuoteTagger.word(t, s - 2), before);
        f[14] = h(214, w, QuoteTagger.word(t, s + 1));
        f[15] = h(215, sentences, d, t.quote[last]);
    }

    // ---- training ----

    /**
     * One decision to learn: the candidates' features (FEATURES per candidate), which one is gold, and the weight of
     * an update on it (1 for gold texts, the silver weight for silver ones).
     */
    private record Choice(int[] features, int gold, float weight) {}

    /** Passes of the ranker over its training decisions. */
    private static final int EPOCHS = 6;
    /** Passes of the two half-data taggers whose output the ranker learns from. */
    private static final int TAGGER_EPOCHS = 20;

    /**
     * Trains the ranker on the boundaries the annotator predicts for texts its tagger has not seen (the tagger's
     * boundaries on its own training texts are right far more often than on new text): a tagger is trained on each
     * half of {@code examples} and run over the other half. Each predicted content that overlaps a gold content
     * gives an end and a start decision (where the gold boundary is among the candidates).
     *
     * <p>With {@code silver} texts beside the gold ones (uptraining; empty: none), each half-data tagger also learns
     * from half of the silver (updates weighted {@code silverWeight}, as the shipped tagger does), and its output over
     * the other half of the silver gives decisions too, each ranker update on them weighted {@code silverWeight}. A
     * silver text's contents are those the annotator's rules group from the teacher's spans ({@link
     * #groupedContents}).
     */
    static ContentExtent train(List<Example> examples, List<Example> silver, float silverWeight, long seed) {
        List<Example> silverGrouped = new ArrayList<>();
        int contents = 0;
        for (Example e : silver) {
            List<Labelled> grouped = groupedContents(e.text(), e.spans());
            contents += grouped.size();
            silverGrouped.add(new Example(e.text(), e.spans(), grouped));
        }
        if (!silver.isEmpty()) {
            System.err.printf("content extent: %d silver texts, %d teacher contents%n", silver.size(), contents);
        }
        List<Choice> choices = new ArrayList<>();
        for (int half = 0; half < 2; half++) {
            List<Example> fit = new ArrayList<>();
            List<Example> held = new ArrayList<>();
            for (int k = 0; k < examples.size(); k++) {
                (k % 2 == half ? held : fit).add(examples.get(k));
            }
            List<Example> silverFit = new ArrayList<>();
            List<Example> silverHeld = new ArrayList<>();
            for (int k = 0; k < silverGrouped.size(); k++) {
                (k % 2 == half ? silverHeld : silverFit).add(silverGrouped.get(k));
            }
            QuoteTagger tagger = QuoteTagger.trainTagger(fit, silverFit, silverWeight, TAGGER_EPOCHS, seed);
            QuoteAnnotator annotator = new QuoteAnnotator(tagger);
            int before = choices.size();
            decisions(held, annotator, tagger, choices, 1);
            int gold = choices.size();
            decisions(silverHeld, annotator, tagger, choices, silverWeight);
            if (!silver.isEmpty()) {
                System.err.printf("content extent half %d: %d decisions from gold, %d from silver%n", half,
                        gold - before, choices.size() - gold);
            }
        }
        return fit(choices, EPOCHS, seed);
    }

    /**
     * The outer extents (first piece's start to last piece's end) of the contents the annotator's rules group from
     * {@code spans} (a teacher's), without a ranker; only those whose both ends are ends of a tagged content span
     * (not contents the rules filled in for a cue the teacher gave none).
     */
    static List<Labelled> groupedContents(String text, List<Labelled> spans) {
        java.util.Set<Integer> starts = new java.util.HashSet<>();
        java.util.Set<Integer> ends = new java.util.HashSet<>();
        for (Labelled l : spans) {
            if (l.role() == QuoteTagger.Role.CONTENT) {
                starts.add(l.start());
                ends.add(l.end());
            }
        }
        List<Labelled> out = new ArrayList<>();
        for (Quote q : new QuoteAnnotator(QuoteTagger.rulesOnly()).quotes(text, spans)) {
            int start = q.content().get(0).start();
            int end = q.content().get(q.content().size() - 1).end();
            if (starts.contains(start) && ends.contains(end)) {
                out.add(new Labelled(QuoteTagger.Role.CONTENT, start, end));
            }
        }
        return out;
    }

    private static void decisions(List<Example> examples, QuoteAnnotator annotator, QuoteTagger tagger,
            List<Choice> choices, float weight) {
        for (Example ex : examples) {
            Tokens t = Tokens.of(ex.text());
            byte[] role = roles(t, tagger.tag(t));
            for (Quote q : annotator.quotes(ex.text())) {
                int cueFirst = t.firstEndingAfter(q.cue().start());
                int cueLast = t.firstEndingAfter(q.cue().end() - 1);
                Span head = q.content().get(0);
                Span tail = q.content().get(q.content().size() - 1);
                Labelled gold = overlapping(head.start(), tail.end(), ex.contents());
                if (gold != null) {
                    addEnd(choices, t, role, first(t, tail), last(t, tail), cueFirst, gold.end(), weight);
                    addStart(choices, t, role, first(t, head), last(t, head), cueLast, gold.start(), weight);
                }
            }
        }
    }

    private static ContentExtent fit(List<Choice> choices, int epochs, long seed) {
        float[] w = new float[MASK + 1];
        float[] u = new float[MASK + 1];
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < choices.size(); k++) {
            order.add(k);
        }
        Random random = new Random(seed);
        float c = 1;
        for (int epoch = 0; epoch < epochs; epoch++) {
            Collections.shuffle(order, random);
            int errors = 0;
            for (int k : order) {
                Choice ch = choices.get(k);
                int best = 0;
                float bestScore = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < ch.features.length / FEATURES; j++) {
                    float s = 0;
                    for (int m = 0; m < FEATURES; m++) {
                        s += w[ch.features[j * FEATURES + m]];
                    }
                    if (s > bestScore) {
                        bestScore = s;
                        best = j;
                    }
                }
                if (best != ch.gold) {
                    errors++;
                    for (int m = 0; m < FEATURES; m++) {
                        int g = ch.features[ch.gold * FEATURES + m];
                        int p = ch.features[best * FEATURES + m];
                        w[g] += ch.weight;
                        u[g] += c * ch.weight;
                        w[p] -= ch.weight;
                        u[p] -= c * ch.weight;
                    }
                }
                c++;
            }
            System.err.printf("content extent epoch %d: %d of %d boundaries wrong%n", epoch + 1, errors,
                    choices.size());
        }
        float[] avg = new float[w.length];
        for (int k = 0; k < w.length; k++) {
            avg[k] = w[k] - u[k] / c;
        }
        return new ContentExtent(avg);
    }

    private static int first(Tokens t, Span s) {
        return t.firstEndingAfter(s.start());
    }

    private static int last(Tokens t, Span s) {
        return t.firstEndingAfter(s.end() - 1);
    }

    /** The gold content sharing most characters with {@code [start, end)}, or null. */
    private static Labelled overlapping(int start, int end, List<Labelled> contents) {
        Labelled best = null;
        int bestShared = 0;
        for (Labelled g : contents) {
            int shared = Math.min(end, g.end()) - Math.max(start, g.start());
            if (shared > bestShared) {
                bestShared = shared;
                best = g;
            }
        }
        return best;
    }

    private static void addEnd(List<Choice> out, Tokens t, byte[] role, int first, int last, int cueFirst,
            int goldEnd, float weight) {
        addChoice(out, endFrom(first, last), endTo(t, role, last, cueFirst), t.end, goldEnd, weight,
                (e, one) -> endFeatures(t, role, first, last, cueFirst, e, one));
    }

    private static void addStart(List<Choice> out, Tokens t, byte[] role, int first, int last, int cueLast,
            int goldStart, float weight) {
        addChoice(out, startFrom(t, role, first, cueLast), startTo(first, last), t.start, goldStart, weight,
                (s, one) -> startFeatures(t, role, first, last, cueLast, s, one));
    }

    /** Writes the features of one candidate boundary token into {@code out}. */
    private interface BoundaryFeatures {
        void of(int token, int[] out);
    }

    /**
     * A training choice among the boundary tokens {@code from..to}, the gold one being the token whose offset in
     * {@code offsets} is {@code gold}; none when the gold boundary is not among them.
     */
    private static void addChoice(List<Choice> out, int from, int to, int[] offsets, int gold, float weight,
            BoundaryFeatures features) {
        int goldChoice = -1;
        int[] f = new int[(to - from + 1) * FEATURES];
        int[] one = new int[FEATURES];
        for (int k = from; k <= to; k++) {
            features.of(k, one);
            System.arraycopy(one, 0, f, (k - from) * FEATURES, FEATURES);
            if (offsets[k] == gold) {
                goldChoice = k - from;
            }
        }
        if (goldChoice >= 0) {
            out.add(new Choice(f, goldChoice, weight));
        }
    }

    // ---- storage: the non-zero weights, as float ----

    void write(DataOutputStream d) throws IOException {
        int nonzero = 0;
        for (float v : weights) {
            nonzero += v != 0 ? 1 : 0;
        }
        d.writeInt(nonzero);
        for (int k = 0; k < weights.length; k++) {
            if (weights[k] != 0) {
                d.writeInt(k);
                d.writeFloat(weights[k]);
            }
        }
    }

    static ContentExtent read(DataInputStream d) throws IOException {
        float[] w = new float[MASK + 1];
        int nonzero = d.readInt();
        for (int j = 0; j < nonzero; j++) {
            w[d.readInt()] = d.readFloat();
        }
        return new ContentExtent(w);
    }
}
