package dev.parallax.train;

import ai.djl.engine.Engine;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
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
import java.util.function.IntUnaryOperator;

/**
 * Fine-tunes the cross-encoder on MRPC train minus its held-out fifth ({@link PairsEvaluation#crossEncoderHeldOut}),
 * which is kept for fitting how PairScorer combines the cross-encoder with its trees. AdamW on the BitFit, LoRA and
 * head parameters of {@link AdaptedMiniLm}, binary cross-entropy, linear warm-up over the first tenth then linear
 * decay. After each epoch it prints the held-out log-loss and F1 and writes the delta that {@link CrossEncoder}
 * loads, to OUT and to OUT.epochN.
 *
 * <p>{@code java -cp … dev.parallax.train.CrossEncoderTraining MRPC.jsonl OUT.bin [epochs] [lr] [rank] [first trained
 * layer, -1 for the embeddings too] [seed]}
 * (see docs/pairs-results.md for the command line and the figures).
 */
public final class CrossEncoderTraining {

    private static final int BATCH = 16;
    private static final double BETA1 = 0.9, BETA2 = 0.999, ADAM_EPS = 1e-8;
    /** Global gradient-norm clip, as BERT's fine-tuning recipe does. */
    private static final double MAX_GRAD_NORM = 1.0;

    private CrossEncoderTraining() {
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("ai.djl.offline", "true");
        Path gold = Path.of(args[0]), out = Path.of(args[1]);
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        double lr = args.length > 3 ? Double.parseDouble(args[3]) : 1e-3;
        int rank = args.length > 4 ? Integer.parseInt(args[4]) : 8;
        int firstTrained = args.length > 5 ? Integer.parseInt(args[5]) : 0;
        long seed = args.length > 6 ? Long.parseLong(args[6]) : 1;
        Engine.getInstance().setRandomSeed((int) seed);

        List<TextPair> train = new ArrayList<>(), heldOut = new ArrayList<>();
        for (TextPair p : PairsReader.read(gold)) {
            if (p.split().equals("train")) {
                (PairsEvaluation.crossEncoderHeldOut(p) ? heldOut : train).add(p);
            }
        }
        List<Encoded> trainEnc = encode(train), heldOutEnc = encode(heldOut);
        System.out.printf("train %d pairs, held out %d; epochs %d, lr %g, rank %d, layers from %d, seed %d%n",
                train.size(), heldOut.size(), epochs, lr, rank, firstTrained, seed);

        try (NDManager manager = NDManager.newBaseManager()) {
            AdaptedMiniLm model = new AdaptedMiniLm(manager, rank, 2f * rank, firstTrained, seed);
            long cacheStart = System.nanoTime();
            List<float[]> trainStates = lowerStates(manager, model, trainEnc), heldOutStates = lowerStates(manager, model, heldOutEnc);
            System.out.printf("cached the input of %s for all pairs in %.0f s%n",
                    firstTrained < 0 ? "the word + position sums" : "layer " + firstTrained,
                    (System.nanoTime() - cacheStart) / 1e9);
            Map<String, float[]> m = new LinkedHashMap<>(), v = new LinkedHashMap<>();
            model.trained.forEach((k, a) -> {
                m.put(k, new float[(int) a.size()]);
                v.put(k, new float[(int) a.size()]);
            });
            int stepsPerEpoch = (train.size() + BATCH - 1) / BATCH, total = stepsPerEpoch * epochs, warmup = total / 10;
            Random random = new Random(seed);
            int step = 0;
            double maxNorm = 0;
            int skipped = 0;
            for (int epoch = 1; epoch <= epochs; epoch++) {
                long start = System.nanoTime();
                double lossSum = 0;
                List<List<Integer>> batches = batches(trainEnc.size(), i -> trainEnc.get(i).ids().length, BATCH, random);
                for (int b = 0; b < batches.size(); b++) {
                    List<Integer> members = batches.get(b);
                    List<Encoded> batch = members.stream().map(trainEnc::get).toList();
                    List<float[]> states = members.stream().map(trainStates::get).toList();
                    float[] labels = new float[members.size()];
                    for (int i = 0; i < labels.length; i++) {
                        labels[i] = (float) train.get(members.get(i)).label();
                    }
                    try (NDManager sub = manager.newSubManager();
                         GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        NDArray z = model.logOdds(sub, model.upper(sub, states, batch, true), batch);
                        NDArray loss = logLoss(z, sub.create(labels, new Shape(labels.length)));
                        collector.backward(loss);
                        float l = loss.getFloat();
                        lossSum += Float.isFinite(l) ? l : 0; // its step is skipped (adamW)
                    }
                    step++;
                    double rate = lr * (step <= warmup ? (double) step / warmup : (double) (total - step) / (total - warmup));
                    double norm = adamW(model, m, v, rate, step);
                    if (Double.isNaN(norm)) {
                        skipped++;
                    } else {
                        maxNorm = Math.max(maxNorm, norm);
                    }
                    if (step % 20 == 0) {
                        System.out.printf("epoch %d step %d/%d loss %.4f, largest gradient norm %.2f, %d steps skipped"
                                        + " (%.2f s/step)%n", epoch, step, total, lossSum / (b + 1), maxNorm, skipped,
                                (System.nanoTime() - start) / 1e9 / (b + 1));
                        maxNorm = 0;
                    }
                }
                double[] scores = scores(manager, model, heldOutStates, heldOutEnc);
                double[] labels = heldOut.stream().mapToDouble(TextPair::label).toArray();
                System.out.printf("epoch %d: train loss %.4f, held-out log-loss %.4f, F1 at 0 %.4f, best F1 %.4f (%.0f s)%n",
                        epoch, lossSum / stepsPerEpoch, logLoss(scores, labels), f1(scores, labels, 0),
                        PairMetrics.fitThreshold(scores, binary(heldOut)).f1(),
                        (System.nanoTime() - start) / 1e9);
                Files.createDirectories(out.toAbsolutePath().getParent());
                try (OutputStream os = Files.newOutputStream(out)) {
                    model.delta().write(os);
                }
                // each epoch's delta is also kept, as the held-out fifth may prefer an earlier one
                Files.copy(out, out.resolveSibling(out.getFileName() + ".epoch" + epoch), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static boolean[] binary(List<TextPair> pairs) {
        boolean[] out = new boolean[pairs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = pairs.get(i).label() >= 0.5;
        }
        return out;
    }

    private static List<Encoded> encode(List<TextPair> pairs) {
        try (HuggingFaceTokenizer tokenizer = CrossEncoder.tokenizer()) {
            return pairs.stream().map(p -> CrossEncoder.encode(tokenizer, p.a(), p.b())).toList();
        }
    }

    /** Mean binary cross-entropy of log-odds z against 0/1 labels, in the overflow-free form. */
    private static NDArray logLoss(NDArray z, NDArray y) {
        return z.maximum(0).sub(z.mul(y)).add(z.abs().neg().exp().add(1).log()).mean();
    }

    private static double logLoss(double[] z, double[] y) {
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            sum += Math.max(z[i], 0) - z[i] * y[i] + Math.log1p(Math.exp(-Math.abs(z[i])));
        }
        return sum / z.length;
    }

    private static double f1(double[] z, double[] y, double threshold) {
        int tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < z.length; i++) {
            boolean predicted = z[i] >= threshold, positive = y[i] >= 0.5;
            tp += predicted && positive ? 1 : 0;
            fp += predicted && !positive ? 1 : 0;
            fn += !predicted && positive ? 1 : 0;
        }
        return 2.0 * tp / (2.0 * tp + fp + fn);
    }

    private static double[] scores(NDManager manager, AdaptedMiniLm model, List<float[]> states, List<Encoded> pairs) {
        double[] out = new double[pairs.size()];
        for (int from = 0; from < pairs.size(); from += 32) {
            int to = Math.min(pairs.size(), from + 32);
            List<Encoded> batch = pairs.subList(from, to);
            try (NDManager sub = manager.newSubManager()) {
                float[] z = model.logOdds(sub, model.upper(sub, states.subList(from, to), batch, false), batch).toFloatArray();
                for (int i = 0; i < z.length; i++) {
                    out[from + i] = z[i];
                }
            }
        }
        return out;
    }

    private static List<float[]> lowerStates(NDManager manager, AdaptedMiniLm model, List<Encoded> pairs) {
        List<float[]> out = new ArrayList<>();
        for (int from = 0; from < pairs.size(); from += 32) {
            try (NDManager sub = manager.newSubManager()) {
                out.addAll(model.lowerStates(sub, pairs.subList(from, Math.min(pairs.size(), from + 32))));
            }
        }
        return out;
    }

    /**
     * One epoch's batches of {@code batch} of the {@code count} examples: a shuffle cut into runs of eight batches, each
     * run sorted by {@code length} (of example i) before it is cut into batches (less padding), then the batches
     * shuffled.
     */
    static List<List<Integer>> batches(int count, IntUnaryOperator length, int batch, Random random) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        List<List<Integer>> batches = new ArrayList<>();
        for (int from = 0; from < order.size(); from += 8 * batch) {
            List<Integer> run = new ArrayList<>(order.subList(from, Math.min(order.size(), from + 8 * batch)));
            run.sort(Comparator.comparingInt(length::applyAsInt));
            for (int b = 0; b < run.size(); b += batch) {
                batches.add(run.subList(b, Math.min(run.size(), b + batch)));
            }
        }
        Collections.shuffle(batches, random);
        return batches;
    }

    /**
     * One AdamW step (decoupled weight decay 0.01 on the LoRA factors only) in plain arrays on the gradient clipped to
     * global norm {@link #MAX_GRAD_NORM}, then zeroes the gradients. A step whose gradient is not finite is skipped
     * (as mixed-precision training skips overflowing steps): the documented run once applied one and every weight
     * turned NaN in epoch 2, and identical runs hit one at different steps (6, 300–320, 471), so it is not the data.
     * Returns the gradient's norm before clipping, NaN for a skipped step.
     */
    static double adamW(AdaptedMiniLm model, Map<String, float[]> m, Map<String, float[]> v, double rate, int step) {
        double c1 = 1 - Math.pow(BETA1, step), c2 = 1 - Math.pow(BETA2, step);
        Map<String, float[]> grads = new LinkedHashMap<>();
        double squares = 0;
        for (Map.Entry<String, NDArray> e : model.trained.entrySet()) {
            try (NDArray grad = e.getValue().getGradient()) {
                float[] g = grad.toFloatArray();
                // x^0 = 1 even for NaN and ±inf (grad − grad would leave them NaN); set() would make the gradient
                // point at a Java buffer freed once this wrapper closes (it crashed the JVM)
                grad.powi(0).subi(1);
                grads.put(e.getKey(), g);
                for (float x : g) {
                    squares += (double) x * x;
                }
            }
        }
        if (!Double.isFinite(squares)) {
            return Double.NaN;
        }
        double clip = Math.min(1, MAX_GRAD_NORM / Math.sqrt(squares));
        for (Map.Entry<String, NDArray> e : model.trained.entrySet()) {
            NDArray p = e.getValue();
            float[] w = p.toFloatArray(), mk = m.get(e.getKey()), vk = v.get(e.getKey()), g = grads.get(e.getKey());
            double decay = e.getKey().startsWith("lora.") ? 0.01 : 0;
            for (int i = 0; i < w.length; i++) {
                double gi = g[i] * clip;
                mk[i] = (float) (BETA1 * mk[i] + (1 - BETA1) * gi);
                vk[i] = (float) (BETA2 * vk[i] + (1 - BETA2) * gi * gi);
                w[i] -= (float) (rate * ((mk[i] / c1) / (Math.sqrt(vk[i] / c2) + ADAM_EPS) + decay * w[i]));
            }
            p.set(w);
        }
        return Math.sqrt(squares);
    }
}
