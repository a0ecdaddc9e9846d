package dev.parallax.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.parallax.core.embed.CrossEncoder;
import dev.parallax.core.embed.CrossEncoder.Encoded;
import dev.parallax.core.embed.MiniLmDelta;
import dev.parallax.core.embed.OnnxEmbedder;
import dev.parallax.core.embed.OnnxWeights;
import dev.parallax.core.embed.Ort;
import dev.parallax.eval.pairs.PairsReader;
import dev.parallax.eval.pairs.TextPair;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The DJL forward pass that training differentiates must compute what ONNX Runtime computes on the shipped model
 * once the delta is merged in, or the fitted delta would not carry over. Checked on real MRPC pairs of different
 * lengths (so padding is exercised) with a random, non-trivial delta: every BitFit parameter (the embeddings' token
 * types and LayerNorm included), LoRA factor of all six layers and the head moved. Tolerance 2e-4 on token states of
 * order 1 (float32 through six layers in two libraries).
 */
class AdaptedMiniLmTest {

    private static List<TextPair> pairs() throws Exception {
        return PairsReader.read(Path.of(System.getProperty("parallax.shared"), "data/pairs/mrpc.pairs.jsonl")).subList(0, 6);
    }

    private static List<Encoded> encode(List<TextPair> pairs) {
        List<Encoded> batch = new ArrayList<>();
        try (HuggingFaceTokenizer tokenizer = CrossEncoder.tokenizer()) {
            for (TextPair p : pairs) {
                batch.add(CrossEncoder.encode(tokenizer, p.a(), p.b()));
            }
        }
        return batch;
    }

    @Test
    void forwardPassMatchesOnnxRuntimeWithTheDeltaMergedIn() throws Exception {
        List<TextPair> pairs = pairs();
        List<Encoded> batch = encode(pairs);
        assertThat(batch.stream().mapToInt(e -> e.ids().length).distinct().count()).isGreaterThan(1);
        assertThat(batch.getFirst().types()).contains(0L, 1L);

        try (NDManager manager = NDManager.newBaseManager()) {
            AdaptedMiniLm model = new AdaptedMiniLm(manager, 4, 8, -1, 7);
            model.perturb(new Random(11), 0.02f);
            NDArray hidden = model.forward(manager, batch, false);
            float[] djl = hidden.toFloatArray();
            double[] djlLogOdds = toDouble(model.logOdds(manager, hidden, batch).toFloatArray());
            int len = (int) hidden.getShape().get(1);

            try (CrossEncoder onnx = CrossEncoder.of(model.delta(), 2)) {
                float[][][] states = onnx.tokenStates(batch);
                double maxDiff = 0;
                for (int i = 0; i < batch.size(); i++) {
                    for (int t = 0; t < batch.get(i).ids().length; t++) {
                        for (int d = 0; d < AdaptedMiniLm.HIDDEN; d++) {
                            maxDiff = Math.max(maxDiff, Math.abs(states[i][t][d] - djl[(i * len + t) * AdaptedMiniLm.HIDDEN + d]));
                        }
                    }
                }
                assertThat(maxDiff).isLessThan(2e-4);
                double[] onnxLogOdds = onnx.logOdds(pairs.stream().map(TextPair::a).toList(),
                        pairs.stream().map(TextPair::b).toList());
                for (int i = 0; i < pairs.size(); i++) {
                    assertThat(onnxLogOdds[i]).isCloseTo(djlLogOdds[i], within(1e-3));
                }
            }
        }
    }

    /**
     * The bi-encoder's delta (no head) merged into {@link OnnxEmbedder} must give the sentence vectors the DJL pass
     * trained: each sentence alone, mean-pooled, L2-normalised. Cosine of each pair of vectors ≥ 0.99999 and every
     * coordinate within 1e-4 (values of order 0.05), with a random delta that moves every trained array.
     */
    @Test
    void biEncoderDeltaMergedIntoTheEmbedderGivesTheTrainedVectors() throws Exception {
        List<String> sentences = new ArrayList<>();
        for (TextPair p : pairs()) {
            sentences.add(p.a());
            sentences.add(p.b());
        }
        List<Encoded> batch = new ArrayList<>();
        try (HuggingFaceTokenizer tokenizer = CrossEncoder.tokenizer()) {
            for (String s : sentences) {
                batch.add(new Encoded(tokenizer.encode(s).getIds(), tokenizer.encode(s).getTypeIds()));
            }
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            AdaptedMiniLm model = new AdaptedMiniLm(manager, 4, 8, -1, 7, false);
            model.perturb(new Random(11), 0.02f);
            float[] djl = model.sentenceVectors(manager, model.forward(manager, batch, false), batch).toFloatArray();
            try (OnnxEmbedder onnx = OnnxEmbedder.builder().adapted("test-delta", model.delta()).intraOpThreads(2).build();
                 OnnxEmbedder plain = OnnxEmbedder.miniLm()) {
                assertThat(onnx.name()).isEqualTo("test-delta");
                float[][] merged = onnx.embed(sentences), shipped = plain.embed(sentences);
                for (int i = 0; i < sentences.size(); i++) {
                    double dot = 0, moved = 0;
                    for (int d = 0; d < AdaptedMiniLm.HIDDEN; d++) {
                        float x = djl[i * AdaptedMiniLm.HIDDEN + d];
                        assertThat((double) merged[i][d]).isCloseTo(x, within(1e-4));
                        dot += merged[i][d] * x;
                        moved += merged[i][d] * shipped[i][d];
                    }
                    assertThat(dot).isGreaterThan(0.99999);
                    // the delta did change the model: otherwise the check above would pass with no merge at all
                    assertThat(moved).isLessThan(0.999);
                }
            }
        }
    }

    /**
     * Training runs the trained part on cached lower states; that must be the whole forward pass, wherever it is cut
     * (at real tokens: padding rows differ, as the cache stores pairs unpadded, and nothing reads them).
     */
    @Test
    void cachedLowerStatesGiveTheFullForwardPass() throws Exception {
        List<Encoded> batch = encode(pairs());
        for (int firstTrained : new int[]{-1, 0, 3}) {
            try (NDManager manager = NDManager.newBaseManager()) {
                AdaptedMiniLm model = new AdaptedMiniLm(manager, 4, 8, firstTrained, 7);
                model.perturb(new Random(11), 0.02f);
                NDArray hidden = model.forward(manager, batch, false);
                float[] full = hidden.toFloatArray();
                float[] cut = model.upper(manager, model.lowerStates(manager, batch), batch, false).toFloatArray();
                assertThat(cut.length).isEqualTo(full.length);
                int len = (int) hidden.getShape().get(1);
                double maxDiff = 0;
                for (int i = 0; i < batch.size(); i++) {
                    for (int j = i * len * AdaptedMiniLm.HIDDEN; j < (i * len + batch.get(i).ids().length) * AdaptedMiniLm.HIDDEN; j++) {
                        maxDiff = Math.max(maxDiff, Math.abs(cut[j] - full[j]));
                    }
                }
                assertThat(maxDiff).as("cut below layer %d", firstTrained).isLessThan(1e-5);
            }
        }
    }

    /**
     * The same DJL code built on bge-small-en-v1.5's float32 weights (12 layers) must compute what ONNX Runtime
     * computes on bge's own export with the delta merged into its initializers (biases, LayerNorm and token-type
     * table replaced, each weight matrix W + scale·A·B), or a bge teacher's delta would not mean what it was fitted
     * to. Real MRPC pairs of different lengths, every trained array moved (embeddings included). Tolerance 4e-4 on
     * token states of order 1: twice MiniLM's, for twice the depth. The merged session must also differ from bge as
     * shipped by far more than that (so the merge did happen), and the delta must be recognised as bge's.
     */
    @Test
    void bgeForwardPassMatchesOnnxRuntimeOnTheBgeExport() throws Exception {
        List<Encoded> batch = encode(pairs());
        AdaptedMiniLm.Encoder bge = AdaptedMiniLm.Encoder.BGE_SMALL;
        try (NDManager manager = NDManager.newBaseManager()) {
            AdaptedMiniLm model = new AdaptedMiniLm(bge, manager, 4, 8, -1, 7, false);
            model.perturb(new Random(11), 0.02f);
            NDArray hidden = model.forward(manager, batch, false);
            float[] djl = hidden.toFloatArray();
            int len = (int) hidden.getShape().get(1);
            MiniLmDelta delta = model.delta();
            assertThat(AdaptedMiniLm.Encoder.of(delta)).isEqualTo(bge);
            assertThat(delta.lowRank()).hasSize(12 * AdaptedMiniLm.MATRICES.size());

            byte[] bytes = bge.modelBytes();
            OnnxWeights weights = OnnxWeights.read(bytes);
            OrtEnvironment env = Ort.environment();
            List<OnnxTensor> patched = new ArrayList<>();
            float[][][] merged, shipped;
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                for (Map.Entry<String, float[]> e : delta.replaced().entrySet()) {
                    patched.add(OnnxTensor.createTensor(env, FloatBuffer.wrap(e.getValue()), weights.tensor(e.getKey()).dims()));
                    options.addInitializer(e.getKey(), patched.getLast());
                }
                for (Map.Entry<String, MiniLmDelta.LowRank> e : delta.lowRank().entrySet()) {
                    OnnxWeights.Tensor w = weights.tensor(e.getKey());
                    patched.add(OnnxTensor.createTensor(env, FloatBuffer.wrap(e.getValue().applyTo(w.values())), w.dims()));
                    options.addInitializer(e.getKey(), patched.getLast());
                }
                merged = run(env.createSession(bytes, options), batch);
            } finally {
                patched.forEach(OnnxTensor::close);
            }
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                shipped = run(env.createSession(bytes, options), batch);
            }
            double maxDiff = 0, moved = 0;
            for (int i = 0; i < batch.size(); i++) {
                for (int t = 0; t < batch.get(i).ids().length; t++) {
                    for (int d = 0; d < AdaptedMiniLm.HIDDEN; d++) {
                        maxDiff = Math.max(maxDiff, Math.abs(merged[i][t][d] - djl[(i * len + t) * AdaptedMiniLm.HIDDEN + d]));
                        moved = Math.max(moved, Math.abs(merged[i][t][d] - shipped[i][t][d]));
                    }
                }
            }
            assertThat(maxDiff).isLessThan(4e-4);
            assertThat(moved).isGreaterThan(0.05);
        }
    }

    /** The bge teacher reads MiniLM's word pieces: bge's own tokenizer must give the same ids on real text. */
    @Test
    void bgeTokenizerGivesMiniLmsIds() throws Exception {
        List<String> texts = new ArrayList<>();
        for (TextPair p : PairsReader.read(Path.of(System.getProperty("parallax.shared"), "data/pairs/mrpc.pairs.jsonl")).subList(0, 200)) {
            texts.add(p.a());
            texts.add(p.b());
        }
        texts.add("Café “naïve” résumé — 3½ % Zürich’s ﬁnest … 日本語 Ω");
        try (InputStream json = AdaptedMiniLm.class.getResourceAsStream("/bge-small-en-v1.5-tokenizer.json");
             HuggingFaceTokenizer bge = HuggingFaceTokenizer.newInstance(json, Map.of("addSpecialTokens", "true",
                     "padding", "false", "truncation", "false"));
             HuggingFaceTokenizer miniLm = CrossEncoder.tokenizer()) {
            int pieces = 0;
            for (String t : texts) {
                long[] ids = miniLm.encode(t, true, false).getIds();
                assertThat(bge.encode(t).getIds()).as(t).containsExactly(ids);
                pieces += ids.length;
            }
            assertThat(pieces).isGreaterThan(10_000);
        }
    }

    private static float[][][] run(OrtSession session, List<Encoded> batch) throws Exception {
        int n = batch.size(), len = batch.stream().mapToInt(e -> e.ids().length).max().orElseThrow();
        long[] ids = new long[n * len], types = new long[n * len], mask = new long[n * len];
        for (int i = 0; i < n; i++) {
            Encoded e = batch.get(i);
            System.arraycopy(e.ids(), 0, ids, i * len, e.ids().length);
            System.arraycopy(e.types(), 0, types, i * len, e.types().length);
            Arrays.fill(mask, i * len, i * len + e.ids().length, 1);
        }
        OrtEnvironment env = Ort.environment();
        long[] shape = {n, len};
        try (session;
             OnnxTensor idsT = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
             OnnxTensor maskT = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
             OnnxTensor typesT = OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape);
             OrtSession.Result r = session.run(Map.of("input_ids", idsT, "attention_mask", maskT, "token_type_ids", typesT))) {
            float[][][] out = (float[][][]) r.get(0).getValue();
            assertThat(out[0][0]).hasSize(AdaptedMiniLm.HIDDEN);
            return out;
        }
    }

    private static double[] toDouble(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }
}
