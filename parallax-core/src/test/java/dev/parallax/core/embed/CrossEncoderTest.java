package dev.parallax.core.embed;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CrossEncoderTest {

    private static final String A = "Amrozi accused his brother, whom he called \"the witness\", of deliberately distorting his evidence.";
    private static final String B = "Referring to him as only \"the witness\", Amrozi accused his brother of deliberately distorting his evidence.";

    private static MiniLmDelta headOnly(Map<String, float[]> replaced, Map<String, MiniLmDelta.LowRank> lowRank) {
        Map<String, float[]> all = new java.util.HashMap<>(replaced);
        all.put(CrossEncoder.HEAD_WEIGHT, new float[384]);
        all.put(CrossEncoder.HEAD_BIAS, new float[]{0.5f});
        return new MiniLmDelta(all, lowRank);
    }

    @Test
    void pairsAreEncodedWithTokenTypesPerSentence() {
        try (HuggingFaceTokenizer tokenizer = CrossEncoder.tokenizer()) {
            CrossEncoder.Encoded e = CrossEncoder.encode(tokenizer, A, B);
            assertThat(e.ids()[0]).isEqualTo(101); // [CLS]
            assertThat(e.ids()[e.ids().length - 1]).isEqualTo(102); // [SEP]
            assertThat(e.types()[0]).isZero();
            assertThat(e.types()[e.types().length - 1]).isEqualTo(1);
        }
    }

    /** With nothing changed, the patched session is the shipped MiniLM: the same token vectors as the embedder's. */
    @Test
    void anEmptyDeltaLeavesMiniLmAsShipped() {
        try (OnnxEmbedder miniLm = OnnxEmbedder.miniLm(); CrossEncoder ce = CrossEncoder.of(headOnly(Map.of(), Map.of()), 2);
             HuggingFaceTokenizer tokenizer = CrossEncoder.tokenizer()) {
            OnnxEmbedder.TokenEmbedding expected = miniLm.embedTokens(List.of(A)).getFirst();
            long[] ids = tokenizer.encode(A).getIds();
            float[][] states = ce.tokenStates(List.of(new CrossEncoder.Encoded(ids, new long[ids.length])))[0];
            // The embedder's token vectors leave out [CLS] and [SEP].
            assertThat(states.length).isEqualTo(expected.vectors().length + 2);
            double maxDiff = 0;
            for (int t = 0; t < expected.vectors().length; t++) {
                for (int d = 0; d < 384; d++) {
                    maxDiff = Math.max(maxDiff, Math.abs(states[t + 1][d] - expected.vectors()[t][d]));
                }
            }
            assertThat(maxDiff).isLessThan(1e-4);
            // Head on the mean state: bias alone when the weights are zero.
            assertThat(ce.logOdds(List.of(A), List.of(B))[0]).isCloseTo(0.5, within(1e-9));
        }
    }

    @Test
    void aDeltaChangesTheModelAndSurvivesItsByteForm() throws IOException {
        float[] bias = new float[384];
        java.util.Arrays.fill(bias, 0.3f);
        float[] a = new float[384 * 2], b = new float[2 * 384];
        for (int i = 0; i < a.length; i++) {
            a[i] = (i % 7 - 3) * 0.01f;
            b[i] = (i % 5 - 2) * 0.01f;
        }
        String matrix = OnnxWeights.read(MiniLmDelta.modelBytes()).tensors().keySet().stream()
                .filter(n -> n.startsWith("onnx::MatMul")).findFirst().orElseThrow();
        MiniLmDelta delta = headOnly(Map.of("encoder.layer.5.output.dense.bias", bias),
                Map.of(matrix, new MiniLmDelta.LowRank(384, 384, 2, 2f, a, b)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        delta.write(bytes);
        MiniLmDelta read = MiniLmDelta.read(new ByteArrayInputStream(bytes.toByteArray()));
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        read.write(again);
        assertThat(again.toByteArray()).isEqualTo(bytes.toByteArray());

        try (CrossEncoder plain = CrossEncoder.of(headOnly(Map.of(), Map.of()), 2);
             CrossEncoder patched = CrossEncoder.of(read, 2);
             HuggingFaceTokenizer tokenizer = CrossEncoder.tokenizer()) {
            List<CrossEncoder.Encoded> batch = List.of(CrossEncoder.encode(tokenizer, A, B));
            float[] before = plain.tokenStates(batch)[0][1], after = patched.tokenStates(batch)[0][1];
            double diff = 0;
            for (int d = 0; d < 384; d++) {
                diff += Math.abs(before[d] - after[d]);
            }
            assertThat(diff / 384).isGreaterThan(0.01);
        }
    }

    /**
     * A delta may also replace the embeddings' token-type table (trained since h35): a change to the type-1 row must
     * move a pair's states and leave a single sentence (all type 0) exactly as before.
     */
    @Test
    void aTokenTypeDeltaMovesOnlyTheSecondSentencesType() {
        OnnxWeights.Tensor types = OnnxWeights.read(MiniLmDelta.modelBytes()).tensor("embeddings.token_type_embeddings.weight");
        assertThat(types.dims()).containsExactly(2, 384);
        float[] moved = types.values().clone();
        for (int d = 384; d < 768; d++) {
            moved[d] += (d % 3 - 1) * 0.05f;
        }
        try (CrossEncoder plain = CrossEncoder.of(headOnly(Map.of(), Map.of()), 2);
             CrossEncoder patched = CrossEncoder.of(headOnly(Map.of("embeddings.token_type_embeddings.weight", moved), Map.of()), 2);
             HuggingFaceTokenizer tokenizer = CrossEncoder.tokenizer()) {
            long[] ids = tokenizer.encode(A).getIds();
            List<CrossEncoder.Encoded> single = List.of(new CrossEncoder.Encoded(ids, new long[ids.length]));
            assertThat(meanAbsDiff(plain.tokenStates(single)[0], patched.tokenStates(single)[0])).isLessThan(1e-6);
            List<CrossEncoder.Encoded> pair = List.of(CrossEncoder.encode(tokenizer, A, B));
            assertThat(meanAbsDiff(plain.tokenStates(pair)[0], patched.tokenStates(pair)[0])).isGreaterThan(0.01);
        }
    }

    private static double meanAbsDiff(float[][] x, float[][] y) {
        double sum = 0;
        for (int t = 0; t < x.length; t++) {
            for (int d = 0; d < x[t].length; d++) {
                sum += Math.abs(x[t][d] - y[t][d]);
            }
        }
        return sum / (x.length * x[0].length);
    }

    @Test
    void lowRankUpdateAddsScaledProductOfFactors() {
        // [2, 3] weight, rank 1: W + 2 · a·b.
        MiniLmDelta.LowRank l = new MiniLmDelta.LowRank(2, 3, 1, 2f, new float[]{1, -1}, new float[]{0.5f, 0, 1});
        assertThat(l.applyTo(new float[]{0, 0, 0, 1, 1, 1})).containsExactly(1, 0, 2, 0, 1, -1);
    }
}
