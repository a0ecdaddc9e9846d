package dev.parallax.core.embed;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class RequantizedTest {

    private static final List<String> TEXTS = List.of("China declined the US invitation for Austin to meet Li Shangfu.",
            "The Pentagon said it would keep seeking communication with the PLA.",
            "A Chinese balloon was shot down in February.");

    private static OnnxWeights quantized() throws IOException {
        try (InputStream in = RequantizedTest.class.getResourceAsStream("/all-minilm-l6-v2-q.onnx")) {
            return OnnxWeights.read(in.readAllBytes());
        }
    }

    /**
     * The scheme is the one the shipped int8 model was made with: quantizing the float32 model's weights gives back
     * its 8-bit values and scales exactly, for all 36 weight matrices and the three embedding tables.
     */
    @Test
    void requantizingTheFloatWeightsGivesTheShippedInt8Model() throws IOException {
        OnnxWeights q = quantized(), f = OnnxWeights.read(MiniLmDelta.modelBytes());
        int checked = 0;
        for (Map.Entry<String, OnnxWeights.Bytes> e : q.bytes().entrySet()) {
            String name = e.getKey();
            if (!name.endsWith(Requantized.WEIGHT)) {
                continue;
            }
            String base = name.substring(0, name.length() - Requantized.WEIGHT.length());
            Requantized r = Requantized.of(q, base, f.tensor(base).values());
            assertThat(r.values()).as(base).isEqualTo(e.getValue().values());
            assertThat(r.scales()).as(base).isEqualTo(q.tensor(base + Requantized.SCALE).values());
            checked++;
        }
        assertThat(checked).isEqualTo(39);
    }

    /**
     * A delta merged into the int8 model moves its vectors as it moves float32's: the int8 and float32 vectors of the
     * adapted model agree as closely as the shipped pair does, and both differ from the unadapted ones.
     */
    @Test
    void aDeltaMergedIntoTheInt8ModelActsAsOnFloat32() throws IOException {
        OnnxWeights f = OnnxWeights.read(MiniLmDelta.modelBytes());
        Random random = new Random(3);
        Map<String, MiniLmDelta.LowRank> lowRank = new HashMap<>();
        for (Map.Entry<String, OnnxWeights.Bytes> e : quantized().bytes().entrySet()) {
            String name = e.getKey();
            if (name.startsWith("onnx::MatMul") && name.endsWith(Requantized.WEIGHT)) {
                String base = name.substring(0, name.length() - Requantized.WEIGHT.length());
                long[] dims = f.tensor(base).dims();
                int in = (int) dims[0], out = (int) dims[1];
                lowRank.put(base, new MiniLmDelta.LowRank(in, out, 2, 1f, gaussian(random, in * 2, 0.05),
                        gaussian(random, 2 * out, 0.05)));
            }
        }
        float[] types = f.tensor("embeddings.token_type_embeddings.weight").values().clone();
        for (int i = 0; i < 384; i++) {
            types[i] += (float) (random.nextGaussian() * 0.05);
        }
        MiniLmDelta delta = new MiniLmDelta(Map.of("embeddings.token_type_embeddings.weight", types,
                "encoder.layer.5.output.LayerNorm.bias", gaussian(random, 384, 0.05)), lowRank);
        try (OnnxEmbedder int8 = OnnxEmbedder.builder().model(OnnxEmbedder.Model.MINILM_L6_V2_Q).adapted("a-q", delta).build();
             OnnxEmbedder fp32 = OnnxEmbedder.builder().adapted("a", delta).build();
             OnnxEmbedder shipped = OnnxEmbedder.builder().model(OnnxEmbedder.Model.MINILM_L6_V2_Q).build()) {
            float[][] a = int8.embed(TEXTS), b = fp32.embed(TEXTS), plain = shipped.embed(TEXTS);
            for (int i = 0; i < TEXTS.size(); i++) {
                assertThat(Embedder.cosine(a[i], b[i])).as(TEXTS.get(i)).isGreaterThan(0.99);
                assertThat(Embedder.cosine(a[i], plain[i])).as(TEXTS.get(i)).isLessThan(0.95);
            }
        }
    }

    private static float[] gaussian(Random random, int n, double size) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextGaussian() * size);
        }
        return v;
    }
}
