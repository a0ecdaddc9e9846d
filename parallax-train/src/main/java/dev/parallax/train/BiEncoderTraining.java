package dev.parallax.train;

import ai.djl.engine.Engine;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.parallax.core.embed.CrossEncoder;
import dev.parallax.core.embed.CrossEncoder.Encoded;
import dev.parallax.eval.pairs.PairMetrics;
import dev.parallax.eval.pairs.PairsEvaluation;
import dev.parallax.eval.pairs.PairsReader;
import dev.parallax.eval.pairs.TextPair;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Fine-tunes MiniLM as a bi-encoder for the brief's claim alignment: each sentence is embedded on its own (mean
 * pooling, L2-normalised, as {@code OnnxEmbedder} does), so a claim pair still costs one dot product and a sentence
 * one pass at ingest. Trains the BitFit + LoRA delta of {@link AdaptedMiniLm} (no head) on MRPC train and STS-B train
 * minus their held-out fifth ({@link PairsEvaluation#crossEncoderHeldOut}) with the CoSENT loss (Su 2022): within a
 * batch, every pair graded above another should have the higher cosine, log(1 + Σ exp(λ(cos_lower − cos_higher))),
 * λ = 20. It only compares pairs of one batch, and every batch holds pairs of one set, so MRPC's 0/1 labels and
 * STS-B's 0–5 grades need no common scale. AdamW, warm-up over the first tenth then linear decay, gradient clipped
 * (as {@link CrossEncoderTraining}). After each epoch it prints the held-out Pearson correlation of the cosine with
 * the gold of each set and writes the delta (OUT and OUT.epochN), which {@code OnnxEmbedder} merges at load time.
 *
 * <p>{@code java -cp … dev.parallax.train.BiEncoderTraining MRPC.jsonl STSB.jsonl OUT.bin [epochs] [lr] [rank]
 * [first trained layer, -1 for the embeddings' LayerNorm too] [seed]} (docs/pairs-results.md has the command line
 * and the figures).
 */
public final class BiEncoderTraining {

    /** Pairs per batch (twice as many sentences). */
    private static final int BATCH = 16;
    /** CoSENT's scale: cosines differ by a few hundredths between close grades. */
    private static final float LAMBDA = 20f;

    private BiEncoderTraining() {
    }

    /** One set's pairs as sentence indices into the encoded sentences, with their gold. */
    private record Split(List<int[]> pairs, List<Double> gold) {
        Split() {
            this(new ArrayList<>(), new ArrayList<>());
        }
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("ai.djl.offline", "true");
        Path mrpc = Path.of(args[0]), stsb = Path.of(args[1]), out = Path.of(args[2]);
        int epochs = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        double lr = args.length > 4 ? Double.parseDouble(args[4]) : 5e-4;
        int rank = args.length > 5 ? Integer.parseInt(args[5]) : 16;
        int firstTrained = args.length > 6 ? Integer.parseInt(args[6]) : -1;
        long seed = args.length > 7 ? Long.parseLong(args[7]) : 1;
        Engine.getInstance().setRandomSeed((int) seed);

        Map<String, Integer> index = new LinkedHashMap<>();
        List<Split> train = List.of(new Split(), new Split()), heldOut = List.of(new Split(), new Split());
        Path[] files = {mrpc, stsb};
        for (int set = 0; set < 2; set++) {
            for (TextPair p : PairsReader.read(files[set])) {
                if (p.split().equals("train")) {
                    Split s = (PairsEvaluation.crossEncoderHeldOut(p) ? heldOut : train).get(set);
                    s.pairs().add(new int[]{index.computeIfAbsent(p.a(), k -> index.size()),
                            index.computeIfAbsent(p.b(), k -> index.size())});
                    s.gold().add(p.label());
                }
            }
        }
        List<Encoded> sentences = encode(new ArrayList<>(index.keySet()));
        System.out.printf("train: MRPC %d, STS-B %d pairs; held out: MRPC %d, STS-B %d; %d sentences; epochs %d, lr %g,"
                        + " rank %d, layers from %d, seed %d%n", train.get(0).pairs().size(), train.get(1).pairs().size(),
                heldOut.get(0).pairs().size(), heldOut.get(1).pairs().size(), sentences.size(), epochs, lr, rank,
                firstTrained, seed);

        try (NDManager manager = NDManager.newBaseManager()) {
            AdaptedMiniLm model = new AdaptedMiniLm(manager, rank, 2f * rank, firstTrained, seed, false);
            long cacheStart = System.nanoTime();
            List<float[]> states = new ArrayList<>();
            for (int from = 0; from < sentences.size(); from += 64) {
                try (NDManager sub = manager.newSubManager()) {
                    states.addAll(model.lowerStates(sub, sentences.subList(from, Math.min(sentences.size(), from + 64))));
                }
            }
            System.out.printf("cached the lower states of %d sentences in %.0f s%n", states.size(),
                    (System.nanoTime() - cacheStart) / 1e9);
            report(manager, model, sentences, states, heldOut, 0);
            Map<String, float[]> m = new LinkedHashMap<>(), v = new LinkedHashMap<>();
            model.trained.forEach((k, a) -> {
                m.put(k, new float[(int) a.size()]);
                v.put(k, new float[(int) a.size()]);
            });
            Random random = new Random(seed);
            int stepsPerEpoch = batches(train, sentences, new Random(0)).size(), total = stepsPerEpoch * epochs;
            int warmup = total / 10, step = 0, skipped = 0;
            for (int epoch = 1; epoch <= epochs; epoch++) {
                long start = System.nanoTime();
                double lossSum = 0;
                List<Batch> batches = batches(train, sentences, random);
                for (int b = 0; b < batches.size(); b++) {
                    Batch batch = batches.get(b);
                    try (NDManager sub = manager.newSubManager();
                         GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        NDArray cos = cosines(sub, model, sentences, states, batch.pairs(), true);
                        NDArray loss = coSent(sub, cos, batch.gold());
                        collector.backward(loss);
                        float l = loss.getFloat();
                        lossSum += Float.isFinite(l) ? l : 0; // its step is skipped (adamW)
                    }
                    step++;
                    double rate = lr * (step <= warmup ? (double) step / warmup : (double) (total - step) / (total - warmup));
                    if (Double.isNaN(CrossEncoderTraining.adamW(model, m, v, rate, step))) {
                        skipped++;
                    }
                    if (step % 20 == 0) {
                        System.out.printf("epoch %d step %d/%d loss %.4f, %d steps skipped (%.2f s/step)%n", epoch, step,
                                total, lossSum / (b + 1), skipped, (System.nanoTime() - start) / 1e9 / (b + 1));
                    }
                }
                System.out.printf("epoch %d: train loss %.4f (%.0f s)%n", epoch, lossSum / batches.size(),
                        (System.nanoTime() - start) / 1e9);
                report(manager, model, sentences, states, heldOut, epoch);
                Files.createDirectories(out.toAbsolutePath().getParent());
                try (OutputStream os = Files.newOutputStream(out)) {
                    model.delta().write(os);
                }
                // each epoch's delta is kept: the held-out fifth chooses among them
                Files.copy(out, out.resolveSibling(out.getFileName() + ".epoch" + epoch), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Pairs of one set (sentence indices) and their gold. */
    private record Batch(List<int[]> pairs, float[] gold) {
    }

    /**
     * One epoch's batches: each set shuffled, cut into runs of eight batches sorted by length (less padding), then all
     * batches of both sets shuffled together.
     */
    private static List<Batch> batches(List<Split> sets, List<Encoded> sentences, Random random) {
        List<Batch> out = new ArrayList<>();
        for (Split s : sets) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < s.pairs().size(); i++) {
                order.add(i);
            }
            Collections.shuffle(order, random);
            for (int from = 0; from < order.size(); from += 8 * BATCH) {
                List<Integer> run = new ArrayList<>(order.subList(from, Math.min(order.size(), from + 8 * BATCH)));
                run.sort(Comparator.comparingInt(i -> Math.max(sentences.get(s.pairs().get(i)[0]).ids().length,
                        sentences.get(s.pairs().get(i)[1]).ids().length)));
                for (int b = 0; b < run.size(); b += BATCH) {
                    List<Integer> members = run.subList(b, Math.min(run.size(), b + BATCH));
                    float[] gold = new float[members.size()];
                    for (int i = 0; i < gold.length; i++) {
                        gold[i] = s.gold().get(members.get(i)).floatValue();
                    }
                    out.add(new Batch(members.stream().map(s.pairs()::get).toList(), gold));
                }
            }
        }
        Collections.shuffle(out, random);
        return out;
    }

    /** Cosine of each pair [pairs], both sides run as one padded batch of sentences. */
    private static NDArray cosines(NDManager step, AdaptedMiniLm model, List<Encoded> sentences, List<float[]> states,
                                   List<int[]> pairs, boolean training) {
        List<Encoded> batch = new ArrayList<>();
        List<float[]> lower = new ArrayList<>();
        for (int side = 0; side < 2; side++) {
            for (int[] p : pairs) {
                batch.add(sentences.get(p[side]));
                lower.add(states.get(p[side]));
            }
        }
        NDArray vectors = model.sentenceVectors(step, model.upper(step, lower, batch, training), batch);
        int n = pairs.size();
        return vectors.get("0:" + n).mul(vectors.get(n + ":")).sum(new int[]{1});
    }

    /** CoSENT: log(1 + Σ over pairs (i, j) with gold_i > gold_j of exp(λ(cos_j − cos_i))). */
    private static NDArray coSent(NDManager step, NDArray cos, float[] gold) {
        int n = gold.length;
        float[] mask = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                mask[i * n + j] = gold[i] > gold[j] ? 0 : -1e12f;
            }
        }
        NDArray diff = cos.reshape(1, n).sub(cos.reshape(n, 1)).mul(LAMBDA).add(step.create(mask, new Shape(n, n)));
        NDArray terms = NDArrays.concat(new NDList(step.zeros(new Shape(1)), diff.reshape(n * n)));
        NDArray max = terms.max().stopGradient();
        return terms.sub(max).exp().sum().log().add(max);
    }

    /** Held-out Pearson of cosine against gold for MRPC and STS-B (the figures the epoch is chosen by). */
    private static void report(NDManager manager, AdaptedMiniLm model, List<Encoded> sentences, List<float[]> states,
                               List<Split> heldOut, int epoch) {
        double[] r = new double[2];
        for (int set = 0; set < 2; set++) {
            List<int[]> pairs = heldOut.get(set).pairs();
            double[] cos = new double[pairs.size()];
            for (int from = 0; from < pairs.size(); from += 32) {
                try (NDManager sub = manager.newSubManager()) {
                    float[] c = cosines(sub, model, sentences, states, pairs.subList(from, Math.min(pairs.size(), from + 32)),
                            false).toFloatArray();
                    for (int i = 0; i < c.length; i++) {
                        cos[from + i] = c[i];
                    }
                }
            }
            double[] gold = heldOut.get(set).gold().stream().mapToDouble(Double::doubleValue).toArray();
            r[set] = PairMetrics.pearson(cos, gold);
        }
        System.out.printf("epoch %d: held-out Pearson of the cosine: MRPC %.4f, STS-B %.4f, mean %.4f%n", epoch, r[0], r[1],
                (r[0] + r[1]) / 2);
    }

    /** Single sentences as the embedder reads them: [CLS] text [SEP], token type 0. */
    private static List<Encoded> encode(List<String> texts) {
        try (HuggingFaceTokenizer tokenizer = CrossEncoder.tokenizer()) {
            List<Encoded> out = new ArrayList<>();
            for (String t : texts) {
                Encoding e = tokenizer.encode(t);
                out.add(new Encoded(e.getIds(), e.getTypeIds()));
            }
            return out;
        }
    }
}
