package dev.parallax.core.analysis.quote;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Tags tokens as the source, cue or content of an attribution (BIO), with a first-order averaged structured
 * perceptron over hashed features and Viterbi decoding. The weights are trained on PolNeAR's train split plus
 * silver texts a fine-tuned encoder tagged (uptraining) by {@code parallax eval quotes --train … --silver …} and
 * shipped as the resource {@value #RESOURCE}.
 */
public final class QuoteTagger {
    /** What a tagged span is. */
    public enum Role { SOURCE, CUE, CONTENT }

    /** A labelled character span, from gold annotations or from tagging. */
    public record Labelled(Role role, int start, int end) {}

    /**
     * A training text with its gold spans (every fragment, by role) and the overall extent of each gold content (its
     * first fragment's start to its last fragment's end), which the {@link ContentExtent} ranker learns.
     */
    public record Example(String text, List<Labelled> spans, List<Labelled> contents) {}

    static final String RESOURCE = "quote-tagger.bin.gz";
    private static final int MAGIC = 0x51544736; // "QTG6"
    private static final int BITS = 22;
    private static final int MASK = (1 << BITS) - 1;
    private static final int L = 7; // O, B-S, I-S, B-C, I-C, B-T, I-T
    private static final int O = 0;

    private static final int EDGE_BITS = 16;
    private static final int EDGE_MASK = (1 << EDGE_BITS) - 1;
    private static final int LL = L * L;

    private final Table weights; // a row of L label weights per feature bucket
    private final Table edges; // a row of L * L (previous label, label) weights per edge feature bucket
    /** Words that head cues: the hand list plus words that are mostly cues in the training data. */
    private final Set<String> cueWords;
    /** Re-chooses content boundaries after tagging; null only while training the tagger it learns from. */
    private final ContentExtent extent;

    private QuoteTagger(Table weights, Table edges, Set<String> cueWords, ContentExtent extent) {
        this.weights = weights;
        this.edges = edges;
        this.cueWords = cueWords;
        this.extent = extent;
    }

    ContentExtent extent() {
        return extent;
    }

    private static final class Shipped {
        static final QuoteTagger MODEL = loadResource();
    }

    /** The model shipped with parallax-core (loaded once). */
    public static QuoteTagger shipped() {
        return Shipped.MODEL;
    }

    private static QuoteTagger loadResource() {
        try (InputStream in = QuoteTagger.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("quote tagger model " + RESOURCE
                        + " is missing from the classpath: train it with parallax eval quotes --train");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read quote tagger model " + RESOURCE, e);
        }
    }

    /** Tags {@code text}: source, cue and content spans in text order (content split at line breaks). */
    public List<Labelled> tag(String text) {
        return tag(Tokens.of(text));
    }

    List<Labelled> tag(Tokens t) {
        int[] labels = decode(t, features(t, cueWords), edgeFeatures(t, cueWords), active(t));
        return spans(t, labels);
    }

    // ---- the seam for an outside labeller (the encoder teacher of parallax-train) ----

    /** The labels an outside labeller scores per token, in this order: O, B-S, I-S, B-C, I-C, B-T, I-T. */
    public static final int LABELS = L;

    /** The tagger's tokens of a text as character offsets, with paragraph starts: one label is scored per token. */
    public record TokenOffsets(int[] start, int[] end, boolean[] paraStart) {
        public int size() {
            return start.length;
        }
    }

    /** Whether a lower-case word is in the hand list of words that head cues ("said", "told", "according" …). */
    public static boolean isCueWord(String lowerCase) {
        return CueLexicon.CUES.contains(lowerCase);
    }

    public static TokenOffsets tokens(String text) {
        Tokens t = Tokens.of(text);
        return new TokenOffsets(java.util.Arrays.copyOf(t.start, t.size), java.util.Arrays.copyOf(t.end, t.size),
                java.util.Arrays.copyOf(t.paraStart, t.size));
    }

    /** The gold label (index into the {@link #LABELS}) of every token of {@code text}, from its labelled spans. */
    public static int[] labels(String text, List<Labelled> spans) {
        return goldLabels(Tokens.of(text), spans);
    }

    /**
     * Spans from per-token label scores ({@code scores[token * LABELS + label]}, e.g. log-probabilities) by the
     * tagger's own Viterbi under its BIO constraints, cut at line breaks as {@link #tag} cuts them.
     */
    public static List<Labelled> decodeScores(String text, float[] scores) {
        Tokens t = Tokens.of(text);
        if (scores.length != t.size * L) {
            throw new IllegalArgumentException("need " + t.size * L + " scores for " + t.size + " tokens, got "
                    + scores.length);
        }
        int[] labels = new int[t.size];
        int[] back = new int[t.size * L];
        float[] score = new float[L];
        float[] next = new float[L];
        for (int y = 0; y < L; y++) {
            score[y] = t.size == 0 || !allowed(O, y) ? Float.NEGATIVE_INFINITY : scores[y];
        }
        for (int i = 1; i < t.size; i++) {
            for (int y = 0; y < L; y++) {
                float best = Float.NEGATIVE_INFINITY;
                int arg = O;
                for (int p = 0; p < L; p++) {
                    if (allowed(p, y) && score[p] > best) {
                        best = score[p];
                        arg = p;
                    }
                }
                next[y] = best + scores[i * L + y];
                back[i * L + y] = arg;
            }
            System.arraycopy(next, 0, score, 0, L);
        }
        if (t.size == 0) {
            return List.of();
        }
        int y = O;
        for (int k = 0; k < L; k++) {
            if (score[k] > score[y]) {
                y = k;
            }
        }
        for (int i = t.size - 1; i >= 0; i--) {
            labels[i] = y;
            y = back[i * L + y];
        }
        return spans(t, labels);
    }

    // ---- features ----

    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x7feb352d;
        h ^= h >>> 15;
        h *= 0x846ca68b;
        h ^= h >>> 16;
        return h;
    }

    static int f(int template, int a) {
        return mix(template * 0x9E3779B9 + a) & MASK;
    }

    static int f(int template, int a, int b) {
        return mix(mix(template * 0x9E3779B9 + a) + b) & MASK;
    }

    static int f(int template, int a, int b, int c) {
        return mix(mix(mix(template * 0x9E3779B9 + a) + b) + c) & MASK;
    }

    static int shape(Tokens t, int i) {
        if (i < 0) {
            return 11;
        }
        if (i >= t.size) {
            return 12;
        }
        char c = t.text.charAt(t.start[i]);
        if (Character.isUpperCase(c)) {
            boolean allCaps = true;
            for (int k = t.start[i] + 1; k < t.end[i]; k++) {
                if (Character.isLowerCase(t.text.charAt(k))) {
                    allCaps = false;
                    break;
                }
            }
            return allCaps && t.end[i] - t.start[i] > 1 ? 1 : 2;
        }
        if (Character.isLowerCase(c)) {
            return 3;
        }
        if (Character.isDigit(c)) {
            return 4;
        }
        return 20 + Math.min(c, 0x2100) ; // punctuation: the character itself
    }

    static int word(Tokens t, int i) {
        return i < 0 ? 1 : i >= t.size ? 2 : t.hash[i];
    }

    private static int bucket(int d) {
        return d <= 0 ? 0 : d <= 3 ? d : d <= 5 ? 4 : d <= 10 ? 5 : d <= 20 ? 6 : 7;
    }

    private static boolean cue(Tokens t, int i, Set<String> cues) {
        return i >= 0 && i < t.size && cues.contains(t.lower[i]);
    }

    static final int FEATURES = 48;

    /** {@code word.substring(length - 3).hashCode()} without the substring. */
    private static int suffixHash(String word) {
        int k = word.length() - 3;
        return (word.charAt(k) * 31 + word.charAt(k + 1)) * 31 + word.charAt(k + 2);
    }

    /** Feature buckets per token: {@code FEATURES} ints per token. */
    static int[] features(Tokens t, Set<String> cues) {
        int n = t.size;
        int[] out = new int[n * FEATURES];
        // nearest cue word to the left / right within the sentence, and first quote mark of each sentence
        int[] leftCue = new int[n];
        int[] rightCue = new int[n];
        boolean[] isCue = new boolean[n];
        for (int i = 0; i < n; i++) {
            isCue[i] = cue(t, i, cues);
        }
        for (int i = 0, last = -1; i < n; i++) {
            if (i > 0 && t.sentence[i] != t.sentence[i - 1]) {
                last = -1;
            }
            leftCue[i] = last;
            if (isCue[i]) {
                last = i;
            }
        }
        for (int i = n - 1, next = -1; i >= 0; i--) {
            if (i < n - 1 && t.sentence[i] != t.sentence[i + 1]) {
                next = -1;
            }
            rightCue[i] = next;
            if (isCue[i]) {
                next = i;
            }
        }
        // commas and a "that" met since the nearest cue on the left: how deep into its clause a token is
        int[] commas = new int[n];
        boolean[] that = new boolean[n];
        for (int i = 1; i < n; i++) {
            if (leftCue[i] < 0) {
                continue;
            }
            boolean fresh = leftCue[i] == i - 1;
            commas[i] = (fresh ? 0 : commas[i - 1]) + (",".equals(t.lower[i - 1]) ? 1 : 0);
            that[i] = (!fresh && that[i - 1]) || "that".equals(t.lower[i - 1]);
        }
        int[] sentStart = new int[n];
        int[] sentEnd = new int[n];
        boolean[] sentQuoted = new boolean[n];
        for (int i = 0; i < n; ) {
            int j = i;
            boolean quoted = false;
            while (j < n && t.sentence[j] == t.sentence[i]) {
                quoted |= t.quote[j] != Tokens.OUT;
                j++;
            }
            for (int k = i; k < j; k++) {
                sentStart[k] = i;
                sentEnd[k] = j;
                sentQuoted[k] = quoted;
            }
            i = j;
        }
        // run of capitalised words through each token: names and titles make up sources
        int[] capRun = new int[n];
        for (int i = 0, from = 0; i <= n; i++) {
            if (i == n || shape(t, i) > 2) {
                for (int k = from; k < i; k++) {
                    capRun[k] = Math.min(i - from, 4);
                }
                from = i + 1;
            }
        }
        // nearest quotation mark to the left / right within the sentence
        int[] leftMark = new int[n];
        int[] rightMark = new int[n];
        for (int i = 0, last = -1; i < n; i++) {
            if (i > 0 && t.sentence[i] != t.sentence[i - 1]) {
                last = -1;
            }
            leftMark[i] = last;
            if (t.quote[i] == Tokens.OPEN || t.quote[i] == Tokens.CLOSE) {
                last = i;
            }
        }
        for (int i = n - 1, next = -1; i >= 0; i--) {
            if (i < n - 1 && t.sentence[i] != t.sentence[i + 1]) {
                next = -1;
            }
            rightMark[i] = next;
            if (t.quote[i] == Tokens.OPEN || t.quote[i] == Tokens.CLOSE) {
                next = i;
            }
        }
        for (int i = 0; i < n; i++) {
            int o = i * FEATURES;
            int q0 = t.quote[i];
            int qPrev = i > 0 ? t.quote[i - 1] : 9;
            int qNext = i + 1 < n ? t.quote[i + 1] : 9;
            int w0 = word(t, i);
            int wm1 = word(t, i - 1);
            int wp1 = word(t, i + 1);
            int s0 = shape(t, i);
            int lc = leftCue[i];
            int rc = rightCue[i];
            int dl = lc < 0 ? 0 : bucket(i - lc);
            int dr = rc < 0 ? 0 : bucket(rc - i);
            int posInSent = i == sentStart[i] ? 1 : i == sentEnd[i] - 1 ? 2 : i == sentEnd[i] - 2 ? 3 : 0;
            int toEnd = bucket(sentEnd[i] - i);
            out[o] = f(0, 0);
            out[o + 1] = f(1, w0);
            out[o + 2] = f(2, wm1);
            out[o + 3] = f(3, wp1);
            out[o + 4] = f(4, word(t, i - 2));
            out[o + 5] = f(5, word(t, i + 2));
            out[o + 6] = f(6, wm1, w0);
            out[o + 7] = f(7, w0, wp1);
            out[o + 8] = f(8, s0);
            out[o + 9] = f(9, shape(t, i - 1), s0, shape(t, i + 1));
            String lw = t.lower[i];
            out[o + 10] = f(10, lw.length() > 3 ? suffixHash(lw) : t.hash[i]);
            out[o + 11] = f(11, qPrev, q0, qNext);
            out[o + 12] = f(12, isCue[i] ? 1 : 0, q0);
            out[o + 13] = f(13, i > 0 && isCue[i - 1] ? 1 : 0, i + 1 < n && isCue[i + 1] ? 1 : 0, q0);
            out[o + 14] = f(14, dl, q0);
            out[o + 15] = f(15, dr, q0);
            out[o + 16] = f(16, posInSent, q0);
            out[o + 17] = f(17, t.paraStart[i] ? 1 : 0, q0);
            out[o + 18] = f(18, CueLexicon.PRONOUNS.contains(lw) ? 1 : 0, posInSent);
            out[o + 19] = f(19, sentQuoted[i] ? 1 : 0, q0, dl * 8 + dr);
            out[o + 20] = f(20, w0, q0);
            out[o + 21] = f(21, lc >= 0 ? t.hash[lc] : 0, dl, q0);
            out[o + 22] = f(22, rc >= 0 ? t.hash[rc] : 0, dr, q0);
            out[o + 23] = f(23, toEnd, q0);
            out[o + 24] = f(24, wm1, wp1);
            out[o + 25] = f(25, s0, dl, dr);
            out[o + 26] = f(26, lc >= 0 ? t.hash[lc] : 0, w0);
            out[o + 27] = f(27, rc >= 0 ? t.hash[rc] : 0, w0);
            out[o + 28] = f(28, word(t, i - 2), wm1, w0);
            out[o + 29] = f(29, t.quote[sentStart[i]], t.quote[sentEnd[i] - 1], q0);
            out[o + 30] = f(30, Math.min(commas[i], 3), dl, q0);
            out[o + 31] = f(31, that[i] ? 1 : 0, lc >= 0 ? 1 : 0, q0);
            out[o + 32] = f(32, lw.length() > 2 ? lw.charAt(lw.length() - 2) * 31 + lw.charAt(lw.length() - 1) : 0, s0);
            out[o + 33] = f(33, wp1, word(t, i + 2));
            out[o + 34] = f(34, word(t, i - 2), wm1);
            out[o + 35] = f(35, capRun[i], s0, q0);
            out[o + 36] = f(36, i > 0 && isCue[i - 1] ? 1 : 0, w0, q0);
            out[o + 37] = f(37, i + 1 < n && isCue[i + 1] ? 1 : 0, w0, q0);
            out[o + 38] = f(38, wm1, q0, qPrev);
            out[o + 39] = f(39, wp1, q0, qNext);
            out[o + 40] = f(40, CLAUSE.contains(t.lower[Math.min(i + 1, n - 1)]) ? 1 : 0, dl, dr);
            int lm = leftMark[i] < 0 ? 0 : bucket(i - leftMark[i]);
            int rm = rightMark[i] < 0 ? 0 : bucket(rightMark[i] - i);
            out[o + 42] = f(42, lm, rm, q0);
            out[o + 43] = f(43, lc >= 0 && lc > 0 ? shape(t, lc - 1) : 0, dl, q0);
            out[o + 44] = f(44, rc >= 0 ? word(t, rc + 1) : 0, dr, q0);
            out[o + 45] = f(45, lc >= 0 ? word(t, lc + 1) : 0, dl);
            out[o + 46] = f(46, shape(t, i - 1), w0, dl);
            out[o + 47] = f(47, shape(t, i + 1), w0, dr);
            out[o + 41] = f(41, i > 0 && t.sentence[i - 1] != t.sentence[i] ? 1 : 0, t.paraStart[i] ? 1 : 0, w0);
        }
        return out;
    }

    /** Words that open a clause, where content tends to start or stop. */
    private static final Set<String> CLAUSE = Set.of("that", "which", "who", "because", "but", ",", "while", "as",
            "and", "if", "when", "after", "before", "although", "though", "since", "so");

    static final int EDGE_FEATURES = 9;

    /**
     * Features of the step into token i, scored per (previous label, label) pair: they let the model learn where a
     * span may start, continue or stop (at "that", a comma, a closing mark, a sentence or paragraph break).
     */
    static int[] edgeFeatures(Tokens t, Set<String> cues) {
        int n = t.size;
        int[] out = new int[n * EDGE_FEATURES];
        boolean previousCue = false;
        for (int i = 0; i < n; i++) {
            boolean isCue = cues.contains(t.lower[i]);
            int o = i * EDGE_FEATURES;
            int q0 = t.quote[i];
            int qPrev = i > 0 ? t.quote[i - 1] : 9;
            int brk = i == 0 ? 3 : t.paraStart[i] ? 2 : t.sentence[i] != t.sentence[i - 1] ? 1 : 0;
            out[o] = 0; // the plain transition
            out[o + 1] = e(1, word(t, i), 0);
            out[o + 2] = e(2, word(t, i - 1), 0);
            out[o + 3] = e(3, qPrev, q0);
            out[o + 4] = e(4, shape(t, i - 1), shape(t, i));
            out[o + 5] = e(5, brk, q0);
            out[o + 6] = e(6, isCue ? 1 : 0, previousCue ? 1 : 0);
            out[o + 7] = e(7, word(t, i - 1), word(t, i));
            out[o + 8] = e(8, word(t, i + 1), q0);
            previousCue = isCue;
        }
        return out;
    }

    private static int e(int template, int a, int b) {
        return 1 + (mix(mix(template * 0x9E3779B9 + a) + b) & EDGE_MASK) % EDGE_MASK;
    }

    // ---- decoding ----

    private static boolean allowed(int prev, int label) {
        return label == O || (label & 1) == 1 || prev == label || prev == label - 1;
    }

    /**
     * Tokens of sentences that hold a cue word or a quotation mark, or follow one that does: elsewhere the tagger
     * all but never finds an attribution, and skipping those sentences makes it several times faster.
     */
    private boolean[] active(Tokens t) {
        boolean[] active = new boolean[t.size];
        boolean previous = false;
        for (int i = 0; i < t.size; ) {
            int j = i;
            boolean hit = false;
            while (j < t.size && t.sentence[j] == t.sentence[i]) {
                hit |= t.quote[j] != Tokens.OUT || cueWords.contains(t.lower[j]);
                j++;
            }
            if (hit || previous) {
                java.util.Arrays.fill(active, i, j, true);
            }
            previous = hit;
            i = j;
        }
        return active;
    }

    /** Viterbi over all tokens; tokens not {@code active} (null: all are) are forced to O without scoring. */
    private int[] decode(Tokens t, int[] feats, int[] edgeFeats, boolean[] active) {
        int[] labels = new int[t.size];
        decode(t, feats, edgeFeats, active, 0, t.size, O, labels);
        return labels;
    }

    /**
     * Viterbi over tokens {@code [from, to)} after a token labelled {@code before}; writes their labels into
     * {@code labels}.
     */
    private void decode(Tokens t, int[] feats, int[] edgeFeats, boolean[] active, int from, int to, int before,
            int[] labels) {
        int n = to - from;
        if (n == 0) {
            return;
        }
        float[] score = new float[n * L];
        int[] back = new int[n * L];
        float[] emit = new float[L];
        float[] trans = new float[LL];
        for (int i = 0; i < n; i++) {
            int ti = from + i;
            if (active != null && !active[ti]) {
                float best = 0;
                int arg = before;
                if (i > 0) {
                    best = Float.NEGATIVE_INFINITY;
                    for (int p = 0; p < L; p++) {
                        if (score[(i - 1) * L + p] > best) {
                            best = score[(i - 1) * L + p];
                            arg = p;
                        }
                    }
                }
                for (int y = 0; y < L; y++) {
                    score[i * L + y] = y == O ? best : Float.NEGATIVE_INFINITY;
                    back[i * L + y] = arg;
                }
                continue;
            }
            java.util.Arrays.fill(trans, 0f);
            for (int k = 0; k < EDGE_FEATURES; k++) {
                edges.addRow(edgeFeats[ti * EDGE_FEATURES + k], trans);
            }
            java.util.Arrays.fill(emit, 0f);
            int o = ti * FEATURES;
            for (int k = 0; k < FEATURES; k++) {
                weights.addRow(feats[o + k], emit);
            }
            for (int y = 0; y < L; y++) {
                if (i == 0) {
                    score[y] = allowed(before, y) ? emit[y] + trans[before * L + y] : Float.NEGATIVE_INFINITY;
                    continue;
                }
                float best = Float.NEGATIVE_INFINITY;
                int arg = 0;
                for (int p = 0; p < L; p++) {
                    if (!allowed(p, y)) {
                        continue;
                    }
                    float s = score[(i - 1) * L + p] + trans[p * L + y];
                    if (s > best) {
                        best = s;
                        arg = p;
                    }
                }
                score[i * L + y] = best + emit[y];
                back[i * L + y] = arg;
            }
        }
        int y = 0;
        float best = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < L; k++) {
            if (score[(n - 1) * L + k] > best) {
                best = score[(n - 1) * L + k];
                y = k;
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            labels[from + i] = y;
            y = back[i * L + y];
        }
    }

    private static final Role[] ROLES = {null, Role.SOURCE, Role.SOURCE, Role.CUE, Role.CUE, Role.CONTENT, Role.CONTENT};

    /** Spans from BIO labels; a span is cut where a line break falls inside it (PolNeAR splits content there). */
    private static List<Labelled> spans(Tokens t, int[] labels) {
        List<Labelled> out = new ArrayList<>();
        int i = 0;
        while (i < t.size) {
            if (labels[i] == O) {
                i++;
                continue;
            }
            int label = labels[i];
            int inside = (label & 1) == 1 ? label + 1 : label;
            int j = i + 1;
            while (j < t.size && labels[j] == inside && !t.paraStart[j]) {
                j++;
            }
            out.add(new Labelled(ROLES[label], t.start[i], t.end[j - 1]));
            i = j;
        }
        return out;
    }

    // ---- training ----

    /** Gold BIO labels of the tokens of a text from its labelled character spans. */
    static int[] goldLabels(Tokens t, List<Labelled> spans) {
        int[] labels = new int[t.size];
        for (Labelled s : spans) {
            int b = s.role() == Role.SOURCE ? 1 : s.role() == Role.CUE ? 3 : 5;
            int first = t.firstEndingAfter(s.start());
            boolean began = false;
            for (int i = first; i < t.size && t.start[i] < s.end(); i++) {
                labels[i] = began && !t.paraStart[i] ? b + 1 : b;
                began = true;
            }
        }
        return labels;
    }

    /** The hand list plus words seen at least 5 times in gold cues and inside a cue at least 30% of the time. */
    private static Set<String> cueLexicon(List<Example> examples) {
        Map<String, int[]> counts = new HashMap<>(); // word -> {in a cue, total}
        for (Example e : examples) {
            Tokens t = Tokens.of(e.text());
            int[] gold = goldLabels(t, e.spans());
            for (int i = 0; i < t.size; i++) {
                int[] c = counts.computeIfAbsent(t.lower[i], k -> new int[2]);
                c[1]++;
                if (gold[i] == 3 || gold[i] == 4) {
                    c[0]++;
                }
            }
        }
        Set<String> cues = new HashSet<>(CueLexicon.CUES);
        counts.forEach((word, c) -> {
            if (c[0] >= 5 && c[0] >= 0.3 * c[1] && Character.isLetter(word.charAt(0))) {
                cues.add(word);
            }
        });
        return Set.copyOf(cues);
    }

    /**
     * Trains an averaged structured perceptron for {@code epochs} passes over {@code examples} (shuffled with
     * {@code seed} each pass, one update per paragraph), then the content extent ranker ({@link ContentExtent#train}).
     * Beside the gold examples, {@code silver} texts (empty: none) hold spans a teacher tagged (uptraining), each
     * perceptron update on them weighted by {@code silverWeight}; the cue lexicon is read off both, so cue words the
     * teacher knows open their sentences to decoding. The content extent ranker learns from gold only, unless
     * {@code silverExtent}: then from the silver texts too, its updates on them weighted {@code silverWeight}.
     */
    public static QuoteTagger train(List<Example> examples, List<Example> silver, float silverWeight, int epochs,
            long seed, boolean silverExtent) {
        QuoteTagger tagger = trainTagger(examples, silver, silverWeight, epochs, seed);
        ContentExtent extent = ContentExtent.train(examples, silverExtent ? silver : List.of(), silverWeight, seed);
        return new QuoteTagger(tagger.weights, tagger.edges, tagger.cueWords, extent);
    }

    /**
     * A tagger that tags nothing and has no ranker: an annotator over it applies only the grouping rules to spans
     * another labeller tagged ({@link QuoteAnnotator#quotes(String, List)}).
     */
    static QuoteTagger rulesOnly() {
        return new QuoteTagger(null, null, Set.of(), null);
    }

    static QuoteTagger trainTagger(List<Example> goldExamples, List<Example> silver, float silverWeight,
            int epochs, long seed) {
        int goldCount = goldExamples.size();
        List<Example> examples = new ArrayList<>(goldExamples);
        examples.addAll(silver);
        int size = (MASK + 1) * L;
        float[] w = new float[size];
        float[] u = new float[size]; // sum of c * update, for averaging
        float[] tw = new float[(EDGE_MASK + 1) * LL];
        float[] tu = new float[(EDGE_MASK + 1) * LL];
        Set<String> cues = cueLexicon(examples);
        List<Tokens> tokens = new ArrayList<>();
        List<int[]> feats = new ArrayList<>();
        List<int[]> golds = new ArrayList<>();
        List<int[]> edgeFeats = new ArrayList<>();
        for (Example e : examples) {
            Tokens t = Tokens.of(e.text());
            tokens.add(t);
            feats.add(features(t, cues));
            edgeFeats.add(edgeFeatures(t, cues));
            golds.add(goldLabels(t, e.spans()));
        }
        QuoteTagger current = new QuoteTagger(new Table(w, L), new Table(tw, LL), cues, null);
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < examples.size(); k++) {
            order.add(k);
        }
        Random random = new Random(seed);
        float c = 1;
        for (int epoch = 0; epoch < epochs; epoch++) {
            java.util.Collections.shuffle(order, random);
            int errors = 0;
            for (int k : order) {
                Tokens t = tokens.get(k);
                int[] fs = feats.get(k);
                int[] gold = golds.get(k);
                int[] es = edgeFeats.get(k);
                float step = k < goldCount ? 1 : silverWeight;
                int[] pred = new int[t.size];
                // one update per paragraph, decoded after the gold label of the paragraph before: many more,
                // smaller steps than one per article (a token's features reach across paragraphs; labels do not)
                for (int from = 0; from < t.size; ) {
                    int to = from + 1;
                    while (to < t.size && !t.paraStart[to]) {
                        to++;
                    }
                    int before = from == 0 ? O : gold[from - 1];
                    current.decode(t, fs, es, null, from, to, before, pred);
                    for (int i = from; i < to; i++) {
                        int g = gold[i];
                        int p = pred[i];
                        if (g != p) {
                            errors++;
                            for (int j = 0; j < FEATURES; j++) {
                                int base = fs[i * FEATURES + j] * L;
                                w[base + g] += step;
                                u[base + g] += c * step;
                                w[base + p] -= step;
                                u[base + p] -= c * step;
                            }
                        }
                        int gp = i == 0 ? O : gold[i - 1];
                        int pp = i == from ? gp : pred[i - 1];
                        if (gp != pp || g != p) {
                            for (int j = 0; j < EDGE_FEATURES; j++) {
                                int base = es[i * EDGE_FEATURES + j] * LL;
                                tw[base + gp * L + g] += step;
                                tu[base + gp * L + g] += c * step;
                                tw[base + pp * L + p] -= step;
                                tu[base + pp * L + p] -= c * step;
                            }
                        }
                    }
                    c++;
                    from = to;
                }
            }
            System.err.printf("epoch %d: %d token errors%n", epoch + 1, errors);
        }
        float[] avg = new float[size];
        for (int k = 0; k < size; k++) {
            avg[k] = w[k] - u[k] / c;
        }
        float[] tavg = new float[tw.length];
        for (int k = 0; k < tw.length; k++) {
            tavg[k] = tw[k] - tu[k] / c;
        }
        return new QuoteTagger(new Table(avg, L), new Table(tavg, LL), cues, null);
    }

    // ---- storage: sparse, quantised to 16 bits, gzipped ----

    public void write(OutputStream out) throws IOException {
        DataOutputStream d = new DataOutputStream(new GZIPOutputStream(out, 1 << 16));
        d.writeInt(MAGIC);
        d.writeInt(BITS);
        d.writeInt(EDGE_BITS);
        d.writeInt(L);
        writeSparse(d, weights.dense());
        writeSparse(d, edges.dense());
        List<String> words = new ArrayList<>(cueWords);
        java.util.Collections.sort(words);
        d.writeInt(words.size());
        for (String word : words) {
            d.writeUTF(word);
        }
        extent.write(d);
        d.close();
    }

    /**
     * Weights smaller than this fraction of the largest are dropped: with one update per paragraph many more weights
     * are non-zero, and 0.02 keeps the file at 4 MB (9 MB at 0.005) for −0.001 exact F1 on held-out train.
     */
    private static final float PRUNE = 0.02f;

    private static void writeSparse(DataOutputStream d, float[] values) throws IOException {
        float max = 0;
        for (float v : values) {
            max = Math.max(max, Math.abs(v));
        }
        float scale = max == 0 ? 1 : 32767f / max;
        int keep = Math.round(32767 * PRUNE);
        d.writeFloat(scale);
        int nonzero = 0;
        for (float v : values) {
            if (Math.abs(Math.round(v * scale)) > keep) {
                nonzero++;
            }
        }
        d.writeInt(nonzero);
        int last = 0;
        for (int k = 0; k < values.length; k++) {
            int q = Math.round(values[k] * scale);
            if (Math.abs(q) > keep) {
                d.writeInt(k - last);
                d.writeShort(q);
                last = k;
            }
        }
    }

    public static QuoteTagger read(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16));
        if (d.readInt() != MAGIC || d.readInt() != BITS || d.readInt() != EDGE_BITS || d.readInt() != L) {
            throw new IOException("not a quote tagger model of this version");
        }
        Table weights = readSparse(d, L);
        Table edges = readSparse(d, LL);
        int words = d.readInt();
        Set<String> cues = new HashSet<>();
        for (int k = 0; k < words; k++) {
            cues.add(d.readUTF());
        }
        return new QuoteTagger(weights, edges, Set.copyOf(cues), ContentExtent.read(d));
    }

    private static Table readSparse(DataInputStream d, int width) throws IOException {
        float scale = d.readFloat();
        int nonzero = d.readInt();
        int[] index = new int[nonzero];
        short[] value = new short[nonzero];
        int k = 0;
        for (int j = 0; j < nonzero; j++) {
            k += d.readInt();
            index[j] = k;
            value[j] = d.readShort();
        }
        return Table.sparse(index, value, 1 / scale, width);
    }

    /**
     * Rows of weights by feature bucket: dense while training; once loaded, an open-addressing map of the non-zero
     * rows, each key stored next to its row of 16-bit weights (two to an int), so a lookup touches one or two cache
     * lines and the tables stay small (memory traffic, not arithmetic, bounds the tagger's speed).
     */
    private static final class Table {
        private final int width;
        private final float[] dense;
        private final int[] slots; // per slot: bucket + 1 (0 = empty), then the row's shorts packed in pairs
        private final int stride;
        private final float unit; // the value of one quantisation step
        private final long[] present; // one bit per bucket: most lookups miss, and this answers them from cache

        Table(float[] dense, int width) {
            this.width = width;
            this.dense = dense;
            this.slots = null;
            this.stride = 0;
            this.unit = 0;
            this.present = null;
        }

        private Table(int[] slots, long[] present, float unit, int width) {
            this.width = width;
            this.dense = null;
            this.slots = slots;
            this.stride = 1 + (width + 1) / 2;
            this.unit = unit;
            this.present = present;
        }

        /** From ascending flat indices (bucket * width + column) and their quantised values. */
        static Table sparse(int[] index, short[] value, float unit, int width) {
            int buckets = 0;
            for (int j = 0; j < index.length; j++) {
                if (j == 0 || index[j] / width != index[j - 1] / width) {
                    buckets++;
                }
            }
            int capacity = Integer.highestOneBit(Math.max(4, buckets * 3 / 2)) * 2; // load factor 0.37 to 0.75
            int stride = 1 + (width + 1) / 2;
            int[] slots = new int[capacity * stride];
            long[] present = new long[(index.length == 0 ? 0 : index[index.length - 1] / width / 64) + 1];
            for (int j = 0; j < index.length; j++) {
                int bucket = index[j] / width;
                present[bucket >>> 6] |= 1L << bucket;
                int slot = mix(bucket) & (capacity - 1);
                while (slots[slot * stride] != 0 && slots[slot * stride] != bucket + 1) {
                    slot = (slot + 1) & (capacity - 1);
                }
                slots[slot * stride] = bucket + 1;
                int column = index[j] % width;
                int at = slot * stride + 1 + column / 2;
                int bits = value[j] & 0xFFFF;
                slots[at] |= column % 2 == 0 ? bits : bits << 16;
            }
            return new Table(slots, present, unit, width);
        }

        void addRow(int bucket, float[] acc) {
            if (dense != null) {
                int base = bucket * width;
                for (int j = 0; j < width; j++) {
                    acc[j] += dense[base + j];
                }
                return;
            }
            if ((bucket >>> 6) >= present.length || (present[bucket >>> 6] & (1L << bucket)) == 0) {
                return;
            }
            int mask = slots.length / stride - 1;
            int slot = mix(bucket) & mask;
            int key;
            while ((key = slots[slot * stride]) != 0) {
                if (key == bucket + 1) {
                    int base = slot * stride + 1;
                    for (int j = 0; j < width; j += 2) {
                        int pair = slots[base + j / 2];
                        acc[j] += (short) pair * unit;
                        if (j + 1 < width) {
                            acc[j + 1] += (pair >> 16) * unit;
                        }
                    }
                    return;
                }
                slot = (slot + 1) & mask;
            }
        }

        float[] dense() {
            if (dense == null) {
                throw new IllegalStateException("only a freshly trained model can be written");
            }
            return dense;
        }
    }
}
