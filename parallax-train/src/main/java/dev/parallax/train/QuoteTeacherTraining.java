package dev.parallax.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.parallax.core.analysis.quote.QuoteAnnotator;
import dev.parallax.core.analysis.quote.QuoteTagger;
import dev.parallax.core.analysis.quote.QuoteTagger.TokenOffsets;
import dev.parallax.eval.quote.Polnear.Document;
import dev.parallax.eval.quote.QuoteEvaluation;
import dev.parallax.eval.quote.QuoteTrainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Fine-tunes the {@link QuoteTeacher} on PolNeAR train minus its held-out eighth ({@link QuoteTrainer#trainPart}):
 * AdamW on the LoRA, BitFit and head parameters, cross-entropy of each token's gold label at its first word piece,
 * linear warm-up over the first tenth then linear decay, dropout 0.1, batches of {@value #BATCH} windows. After
 * each epoch it writes the delta to OUT and OUT.epochN and scores the teacher on the held-out eighth, its spans
 * grouped by the quote annotator of HELDOUT_MODEL (a tagger model written by {@code parallax eval quotes --train
 * FILE --holdout}, whose content extent ranker has not seen the held-out eighth either).
 *
 * <p>{@code java -cp … dev.parallax.train.QuoteTeacherTraining POLNEAR_DIR OUT.bin HELDOUT_MODEL [epochs] [lr]
 * [rank] [first trained layer] [seed] [encoder: MINILM or BGE_SMALL]} (command and figures in
 * docs/quotes-results.md, round h38; the bge-small teacher in round h42).
 */
public final class QuoteTeacherTraining {

    private static final int BATCH = 8;

    private QuoteTeacherTraining() {
    }

    /** A training window with the gold label of each of its tokens. */
    private record Labelled(QuoteTeacher.Window window, int[] gold) {
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("ai.djl.offline", "true");
        Path polnear = Path.of(args[0]), out = Path.of(args[1]), heldOutModel = Path.of(args[2]);
        int epochs = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        double lr = args.length > 4 ? Double.parseDouble(args[4]) : 5e-4;
        int rank = args.length > 5 ? Integer.parseInt(args[5]) : 16;
        int firstTrained = args.length > 6 ? Integer.parseInt(args[6]) : 0;
        long seed = args.length > 7 ? Long.parseLong(args[7]) : 1;
        AdaptedMiniLm.Encoder encoder = args.length > 8 ? AdaptedMiniLm.Encoder.valueOf(args[8]) : AdaptedMiniLm.Encoder.MINILM;
        Engine.getInstance().setRandomSeed((int) seed);
        List<Document> train = QuoteTrainer.trainPart(polnear, false), heldOut = QuoteTrainer.trainPart(polnear, true);
        QuoteAnnotator annotator = QuoteEvaluation.annotator(heldOutModel);

        try (NDManager manager = NDManager.newBaseManager();
             QuoteTeacher teacher = new QuoteTeacher(new AdaptedMiniLm(encoder, manager, rank, 2f * rank, firstTrained, seed, false),
                     manager)) {
            List<Labelled> windows = new ArrayList<>();
            long pieces = 0;
            for (Document d : train) {
                TokenOffsets t = QuoteTagger.tokens(d.text());
                int[] gold = QuoteTagger.labels(d.text(), QuoteTrainer.spans(d));
                for (QuoteTeacher.Window w : teacher.windows(d.text(), t)) {
                    windows.add(new Labelled(w, java.util.Arrays.copyOfRange(gold, w.from(), w.from() + w.first().length)));
                    pieces += w.ids().length;
                }
            }
            System.out.printf("train %d articles, %d windows, %d word pieces; held out %d articles; epochs %d, lr %g,"
                            + " rank %d, layers from %d, seed %d, encoder %s%n", train.size(), windows.size(), pieces,
                    heldOut.size(), epochs, lr, rank, firstTrained, seed, encoder);
            List<float[]> cached = null;
            if (firstTrained > 0) {
                long start = System.nanoTime();
                cached = new ArrayList<>();
                for (int from = 0; from < windows.size(); from += 16) {
                    try (NDManager sub = manager.newSubManager()) {
                        cached.addAll(teacher.model.lowerStates(sub, windows.subList(from, Math.min(windows.size(),
                                from + 16)).stream().map(l -> l.window().encoded()).toList()));
                    }
                }
                System.out.printf("cached the input of layer %d in %.0f s%n", firstTrained, (System.nanoTime() - start) / 1e9);
            }
            Map<String, float[]> m = new LinkedHashMap<>(), v = new LinkedHashMap<>();
            teacher.model.trained.forEach((k, a) -> {
                m.put(k, new float[(int) a.size()]);
                v.put(k, new float[(int) a.size()]);
            });
            int stepsPerEpoch = (windows.size() + BATCH - 1) / BATCH, total = stepsPerEpoch * epochs, warmup = total / 10;
            Random random = new Random(seed);
            int step = 0, skipped = 0;
            for (int epoch = 1; epoch <= epochs; epoch++) {
                long start = System.nanoTime(), cpu0 = cpu();
                double lossSum = 0;
                List<List<Integer>> batches = CrossEncoderTraining.batches(windows.size(),
                        i -> windows.get(i).window().ids().length, BATCH, random);
                for (int b = 0; b < batches.size(); b++) {
                    List<Integer> members = batches.get(b);
                    List<QuoteTeacher.Window> batch = members.stream().map(i -> windows.get(i).window()).toList();
                    try (NDManager sub = manager.newSubManager();
                         GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        NDArray lp;
                        if (cached == null) {
                            lp = teacher.logProbs(sub, batch, true);
                        } else {
                            List<float[]> states = new ArrayList<>();
                            for (int i : members) {
                                states.add(cached.get(i));
                            }
                            lp = teacher.logProbs(sub, states, batch, true);
                        }
                        int len = (int) lp.getShape().get(1), labels = QuoteTagger.LABELS, count = 0;
                        float[] target = new float[batch.size() * len * labels];
                        for (int i = 0; i < batch.size(); i++) {
                            Labelled l = windows.get(members.get(i));
                            for (int k = 0; k < l.gold().length; k++) {
                                target[(i * len + l.window().first()[k]) * labels + l.gold()[k]] = 1;
                                count++;
                            }
                        }
                        NDArray loss = lp.mul(sub.create(target, new Shape(batch.size(), len, labels))).sum().neg().div(count);
                        collector.backward(loss);
                        float value = loss.getFloat();
                        lossSum += Float.isFinite(value) ? value : 0;
                    }
                    step++;
                    double rate = lr * (step <= warmup ? (double) step / warmup : (double) (total - step) / (total - warmup));
                    if (Double.isNaN(CrossEncoderTraining.adamW(teacher.model, m, v, rate, step))) {
                        skipped++;
                    }
                    if (step % 10 == 0) {
                        System.out.printf("epoch %d step %d/%d loss %.4f, %d skipped (%.2f s wall, %.2f s CPU a step)%n",
                                epoch, step, total, lossSum / (b + 1), skipped, (System.nanoTime() - start) / 1e9 / (b + 1),
                                (cpu() - cpu0) / 1e9 / (b + 1));
                    }
                }
                Files.createDirectories(out.toAbsolutePath().getParent());
                teacher.write(out);
                Files.copy(out, out.resolveSibling(out.getFileName() + ".epoch" + epoch), StandardCopyOption.REPLACE_EXISTING);
                long scoring = System.nanoTime();
                QuoteEvaluation.Result r = QuoteEvaluation.score(heldOut,
                        text -> annotator.quotes(text, teacher.tag(manager, text)));
                System.out.printf("epoch %d: train loss %.4f (%.0f s wall, %.0f s CPU); held-out train (%.0f s):%n%s%n",
                        epoch, lossSum / stepsPerEpoch, (scoring - start) / 1e9, (cpu() - cpu0) / 1e9,
                        (System.nanoTime() - scoring) / 1e9, r);
            }
        }
    }

    private static long cpu() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof
                com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }
}
