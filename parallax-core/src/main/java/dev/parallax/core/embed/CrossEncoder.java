package dev.parallax.core.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A cross-encoder over all-MiniLM-L6-v2 (float32): both sentences go through the transformer together ("[CLS] a
 * [SEP] b [SEP]", token types 0 and 1), so attention compares them word by word, which frozen sentence vectors cannot.
 * The shipped MiniLM weights are adapted by a small {@link MiniLmDelta} fitted on MRPC train (parallax-train,
 * docs/pairs-results.md): new biases and LayerNorm parameters (BitFit) and low-rank updates of the weight matrices
 * (LoRA), merged into the ONNX model's initializers at load time, plus a logistic head on the mean-pooled token
 * states. Its output is the log-odds that the two sentences are paraphrases.
 *
 * <p>Thread-safe: the ONNX session is, and nothing else is mutable.
 */
public final class CrossEncoder implements AutoCloseable {

    /** Classpath resource holding the shipped {@link MiniLmDelta}. */
    public static final String RESOURCE = "/dev/parallax/core/embed/cross-encoder.bin";
    /** Pairs are truncated (longest side first) to this many word pieces; MRPC pairs need ~60. */
    public static final int MAX_TOKENS = 128;
    /** Name of the head's weight vector (hidden size) in a {@link MiniLmDelta}. */
    public static final String HEAD_WEIGHT = "head.weight";
    /** Name of the head's bias (one value) in a {@link MiniLmDelta}. */
    public static final String HEAD_BIAS = "head.bias";

    private static final String TOKENIZER = "/all-minilm-l6-v2-tokenizer.json";
    private static final int BATCH = 16;

    /** One pair as the transformer reads it. */
    public record Encoded(long[] ids, long[] types) {
    }

    private final HuggingFaceTokenizer tokenizer;
    private final OrtSession session;
    private final List<OnnxTensor> patched = new ArrayList<>();
    private final float[] headWeight;
    private final float headBias;

    private CrossEncoder(MiniLmDelta delta, int threads) {
        if (!delta.replaced().containsKey(HEAD_WEIGHT) || !delta.replaced().containsKey(HEAD_BIAS)) {
            throw new IllegalArgumentException("Cross-encoder delta has no head");
        }
        this.tokenizer = tokenizer();
        OrtEnvironment env = Ort.environment();
        try {
            byte[] model = MiniLmDelta.modelBytes();
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
        return new CrossEncoder(MiniLmDelta.resource(RESOURCE), threads);
    }

    public static CrossEncoder of(MiniLmDelta delta, int threads) {
        return new CrossEncoder(delta, threads);
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
        OrtEnvironment env = Ort.environment();
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
