package dev.parallax.train;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.parallax.core.analysis.quote.QuoteTagger;
import dev.parallax.core.analysis.quote.QuoteTagger.Labelled;
import dev.parallax.core.analysis.quote.QuoteTagger.TokenOffsets;
import dev.parallax.core.embed.CrossEncoder;
import dev.parallax.core.embed.CrossEncoder.Encoded;
import dev.parallax.core.embed.MiniLmDelta;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * all-MiniLM-L6-v2 fine-tuned as a token tagger for PolNeAR attributions: a teacher for the fast {@link QuoteTagger}
 * (uptraining), far too slow to run in the pipeline. Each of the quote tokenizer's tokens is read as its word pieces
 * (at most {@value #PIECES_PER_TOKEN}); a linear head on the last state of its first piece scores the tagger's seven
 * BIO labels, which {@link QuoteTagger#decodeScores} decodes with the tagger's own Viterbi, so the quote annotator's
 * rules and content extent ranker group them as they group the tagger's. Articles are cut into windows of at most
 * {@value #WINDOW} pieces at paragraph ends (a paragraph too long for one window at sentence ends), so a quotation's
 * speaker in the paragraph before is usually in view. The encoder is {@link AdaptedMiniLm} (LoRA + BitFit) on
 * all-MiniLM-L6-v2 or bge-small-en-v1.5 (same word pieces); its delta and the head are stored together as a
 * {@link MiniLmDelta} ({@link #HEAD_WEIGHT}, {@link #HEAD_BIAS}).
 */
final class QuoteTeacher implements AutoCloseable {

    static final String HEAD_WEIGHT = "tagger.weight";
    static final String HEAD_BIAS = "tagger.bias";
    /** Word pieces per window, [CLS] and [SEP] included. */
    static final int WINDOW = 256;
    /** Long tokens (URLs) are cut: their first pieces carry what matters and a window stays mostly words. */
    static final int PIECES_PER_TOKEN = 8;
    private static final int BATCH = 16;

    /** One encoder input: [CLS] pieces [SEP], and the position of the first piece of tokens from, from + 1, …. */
    record Window(long[] ids, int from, int[] first) {
        Encoded encoded() {
            return new Encoded(ids, new long[ids.length]);
        }
    }

    final AdaptedMiniLm model;
    private final HuggingFaceTokenizer tokenizer = CrossEncoder.tokenizer();
    private final long cls, sep, unk;
    private final Map<String, long[]> pieces = new HashMap<>();

    QuoteTeacher(AdaptedMiniLm model, NDManager manager) {
        this.model = model;
        long[] special = tokenizer.encode("", true, false).getIds();
        this.cls = special[0];
        this.sep = special[special.length - 1];
        this.unk = tokenizer.encode("[UNK]", false, false).getIds()[0];
        if (!model.trained.containsKey(HEAD_WEIGHT)) {
            model.trained.put(HEAD_WEIGHT, manager.zeros(new Shape(AdaptedMiniLm.HIDDEN, QuoteTagger.LABELS)));
            model.trained.put(HEAD_BIAS, manager.zeros(new Shape(QuoteTagger.LABELS)));
            model.trained.get(HEAD_WEIGHT).setRequiresGradient(true);
            model.trained.get(HEAD_BIAS).setRequiresGradient(true);
        }
    }

    /** A teacher from a delta written by {@link #write}, on the encoder whose initializers the delta names. */
    static QuoteTeacher read(NDManager manager, Path delta) throws IOException {
        MiniLmDelta d;
        try (InputStream in = Files.newInputStream(delta)) {
            d = MiniLmDelta.read(in);
        }
        MiniLmDelta.LowRank any = d.lowRank().values().stream().findFirst()
                .orElseThrow(() -> new IOException(delta + " has no LoRA factors: not a quote teacher"));
        if (!d.replaced().containsKey(HEAD_WEIGHT)) {
            throw new IOException(delta + " has no " + HEAD_WEIGHT + ": not a quote teacher");
        }
        AdaptedMiniLm.Encoder encoder = AdaptedMiniLm.Encoder.of(d);
        AdaptedMiniLm model = new AdaptedMiniLm(encoder, manager, any.rank(), any.scale() * any.rank(),
                AdaptedMiniLm.firstTrained(d, encoder), 0, false);
        QuoteTeacher teacher = new QuoteTeacher(model, manager);
        model.load(d);
        return teacher;
    }

    void write(Path out) throws IOException {
        MiniLmDelta encoder = model.delta();
        Map<String, float[]> replaced = new LinkedHashMap<>(encoder.replaced());
        replaced.put(HEAD_WEIGHT, model.trained.get(HEAD_WEIGHT).toFloatArray());
        replaced.put(HEAD_BIAS, model.trained.get(HEAD_BIAS).toFloatArray());
        try (OutputStream os = Files.newOutputStream(out)) {
            new MiniLmDelta(replaced, encoder.lowRank()).write(os);
        }
    }

    /** The word pieces of one token (MiniLM's tokenizer lower-cases and strips accents itself). */
    long[] pieces(String token) {
        return pieces.computeIfAbsent(token, w -> {
            long[] ids = tokenizer.encode(w, false, false).getIds();
            if (ids.length == 0) {
                return new long[] {unk};
            }
            return ids.length > PIECES_PER_TOKEN ? java.util.Arrays.copyOf(ids, PIECES_PER_TOKEN) : ids;
        });
    }

    /** The windows covering every token of {@code text} once, in order. */
    List<Window> windows(String text, TokenOffsets t) {
        int n = t.size(), room = WINDOW - 2;
        long[][] p = new long[n][];
        for (int i = 0; i < n; i++) {
            p[i] = pieces(text.substring(t.start()[i], t.end()[i]));
        }
        // units: paragraphs, or parts of a paragraph too long for one window, cut after a sentence end if possible
        List<int[]> units = new ArrayList<>();
        for (int i = 0; i < n; ) {
            int j = i + 1;
            while (j < n && !t.paraStart()[j]) {
                j++;
            }
            int from = i, size = 0, lastEnd = -1;
            for (int k = i; k < j; k++) {
                if (size + p[k].length > room) {
                    int cut = lastEnd > from ? lastEnd : k;
                    units.add(new int[] {from, cut});
                    size = 0;
                    for (int m = cut; m < k; m++) {
                        size += p[m].length;
                    }
                    from = cut;
                    lastEnd = -1;
                    if (size + p[k].length > room) {
                        units.add(new int[] {from, k});
                        from = k;
                        size = 0;
                    }
                }
                size += p[k].length;
                String w = text.substring(t.start()[k], t.end()[k]);
                if (w.equals(".") || w.equals("?") || w.equals("!")) {
                    lastEnd = k + 1;
                }
            }
            units.add(new int[] {from, j});
            i = j;
        }
        List<Window> out = new ArrayList<>();
        int from = 0, size = 0;
        for (int[] u : units) {
            int s = 0;
            for (int k = u[0]; k < u[1]; k++) {
                s += p[k].length;
            }
            if (size > 0 && size + s > room) {
                out.add(window(p, from, u[0]));
                from = u[0];
                size = 0;
            }
            size += s;
        }
        if (n > from) {
            out.add(window(p, from, n));
        }
        return out;
    }

    private Window window(long[][] p, int from, int to) {
        int size = 2;
        for (int k = from; k < to; k++) {
            size += p[k].length;
        }
        long[] ids = new long[size];
        int[] first = new int[to - from];
        ids[0] = cls;
        int at = 1;
        for (int k = from; k < to; k++) {
            first[k - from] = at;
            System.arraycopy(p[k], 0, ids, at, p[k].length);
            at += p[k].length;
        }
        ids[at] = sep;
        return new Window(ids, from, first);
    }

    /** Label log-probabilities [batch, pieces, labels] of a batch of windows (all layers run). */
    NDArray logProbs(NDManager step, List<Window> batch, boolean training) {
        List<Encoded> enc = batch.stream().map(Window::encoded).toList();
        return head(model.forward(step, enc, training));
    }

    /** The same from the cached input of the first trained layer ({@link AdaptedMiniLm#lowerStates}). */
    NDArray logProbs(NDManager step, List<float[]> states, List<Window> batch, boolean training) {
        List<Encoded> enc = batch.stream().map(Window::encoded).toList();
        return head(model.upper(step, states, enc, training));
    }

    private NDArray head(NDArray hidden) {
        return hidden.matMul(model.trained.get(HEAD_WEIGHT)).add(model.trained.get(HEAD_BIAS)).logSoftmax(-1);
    }

    /** Label log-probabilities of every token of {@code text}, {@code [token * LABELS + label]}. */
    float[] scores(NDManager manager, String text) {
        TokenOffsets t = QuoteTagger.tokens(text);
        int labels = QuoteTagger.LABELS;
        float[] out = new float[t.size() * labels];
        List<Window> windows = windows(text, t);
        for (int from = 0; from < windows.size(); from += BATCH) {
            List<Window> batch = windows.subList(from, Math.min(windows.size(), from + BATCH));
            try (NDManager step = manager.newSubManager()) {
                NDArray lp = logProbs(step, batch, false);
                int len = (int) lp.getShape().get(1);
                float[] v = lp.toFloatArray();
                for (int i = 0; i < batch.size(); i++) {
                    Window w = batch.get(i);
                    for (int k = 0; k < w.first().length; k++) {
                        System.arraycopy(v, (i * len + w.first()[k]) * labels, out, (w.from() + k) * labels, labels);
                    }
                }
            }
        }
        return out;
    }

    /** The spans the teacher tags in {@code text}, decoded by the quote tagger's Viterbi. */
    List<Labelled> tag(NDManager manager, String text) {
        return QuoteTagger.decodeScores(text, scores(manager, text));
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
