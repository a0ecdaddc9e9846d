package dev.parallax.eval.pairs;

import dev.parallax.core.embed.Embedder;
import dev.parallax.core.embed.OnnxEmbedder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Scores sentence pairs by embedding cosine and compares the scores with gold judgements, for the three Format B
 * sets in shared/data: MRPC (paraphrase yes/no), STS-B (0–5 similarity) and the SemEval-2022 task 8 sample (1–4
 * dissimilarity). Which one a file holds is read off its ids.
 *
 * <p>Two methods are reported. {@code cosine} is the embedding cosine alone; {@code cosine+lexical} feeds it with
 * {@link PairFeatures} to a linear model. Anything fitted (thresholds, weights) is fitted on the train split only
 * and reported on the test split.
 */
public final class PairsEvaluation {

    public static final String COSINE = "cosine";
    public static final String COMBINED = "cosine+lexical";

    private PairsEvaluation() {
    }

    /** The sets this evaluation knows, by id prefix. */
    enum Dataset {
        MRPC("mrpc-"), STSB("stsb-"), SEMEVAL8("semeval8-");

        final String idPrefix;

        Dataset(String idPrefix) {
            this.idPrefix = idPrefix;
        }

        static Dataset of(List<TextPair> pairs, Path file) {
            for (Dataset d : values()) {
                if (pairs.stream().allMatch(p -> p.id().startsWith(d.idPrefix))) {
                    return d;
                }
            }
            throw new IllegalArgumentException("Cannot tell which dataset " + file + " is: every id must start with"
                    + " one of mrpc-, stsb-, semeval8- (first id: " + pairs.getFirst().id() + ")");
        }
    }

    /** A pair with its embedding cosine and surface features. */
    record Scored(TextPair pair, double[] features) {
        double cosine() {
            return features[0];
        }
    }

    /** Reads {@code goldFile} (Format B), embeds its texts with {@code embedder} and computes every figure. */
    public static PairsReport run(Path goldFile, Embedder embedder) {
        List<TextPair> pairs = PairsReader.read(goldFile);
        Dataset dataset = Dataset.of(pairs, goldFile);
        List<Scored> train = score(require(pairs, "train", goldFile), embedder);
        List<Scored> test = score(require(pairs, "test", goldFile), embedder);
        return switch (dataset) {
            case MRPC -> mrpc(train, test);
            case STSB -> stsb(train, test);
            case SEMEVAL8 -> semeval(train, test);
        };
    }

    /** Threshold (and the combined model) fitted on train for best F1; F1 and accuracy on test. */
    static PairsReport mrpc(List<Scored> train, List<Scored> test) {
        boolean[] trainGold = binary(train), testGold = binary(test);
        List<PairsResult> results = new ArrayList<>();
        results.add(classify(COSINE, cosines(train), trainGold, cosines(test), testGold));
        LinearScorer model = LinearScorer.fitLogistic(features(train), trainGold);
        results.add(classify(COMBINED, model.scoreAll(features(train)), trainGold, model.scoreAll(features(test)), testGold));
        return new PairsReport("mrpc", results);
    }

    /**
     * Correlation with the 0–5 gold on the test news subset and on the whole test split. The combined model for a
     * subset is fitted on the same subset of train (news pairs score differently from captions and forums).
     */
    static PairsReport stsb(List<Scored> train, List<Scored> test) {
        List<PairsResult> results = new ArrayList<>();
        for (var subset : List.of(Map.entry("test news", "main-news-"), Map.entry("test", ""))) {
            List<Scored> fit = train.stream().filter(s -> s.pair().id().startsWith("stsb-train-" + subset.getValue())).toList();
            List<Scored> part = test.stream().filter(s -> s.pair().id().startsWith("stsb-test-" + subset.getValue())).toList();
            LinearScorer model = LinearScorer.fitLeastSquares(features(fit), gold(fit));
            results.add(correlate(subset.getKey(), COSINE, cosines(part), gold(part)));
            results.add(correlate(subset.getKey(), COMBINED, model.scoreAll(features(part)), gold(part)));
        }
        return new PairsReport("stsb", results);
    }

    /**
     * SemEval's Overall label runs the other way (1 = very similar, 4 = very dissimilar), so the gold is turned into
     * a similarity (5 − label) and a good scorer correlates positively. Its "train"/"test" are the two HFL sample
     * files, both from the official training data.
     */
    static PairsReport semeval(List<Scored> train, List<Scored> test) {
        List<Scored> all = new ArrayList<>(train);
        all.addAll(test);
        LinearScorer model = LinearScorer.fitLeastSquares(features(train), similarity(train));
        return new PairsReport("semeval2022-task8", List.of(
                correlate("all", COSINE, cosines(all), similarity(all)),
                correlate("test", COSINE, cosines(test), similarity(test)),
                correlate("test", COMBINED, model.scoreAll(features(test)), similarity(test))));
    }

    private static PairsResult classify(String method, double[] trainScores, boolean[] trainGold, double[] testScores,
                                        boolean[] testGold) {
        double threshold = PairMetrics.fitThreshold(trainScores, trainGold).value();
        boolean[] predicted = PairMetrics.decide(testScores, threshold);
        return PairsResult.classification("test", method, testGold.length,
                PairMetrics.f1(predicted, testGold), PairMetrics.accuracy(predicted, testGold), threshold);
    }

    private static PairsResult correlate(String subset, String method, double[] scores, double[] gold) {
        return PairsResult.correlation(subset, method, gold.length, PairMetrics.pearson(scores, gold),
                PairMetrics.spearman(scores, gold));
    }

    /** Embeds each distinct text once and attaches cosine and surface features to every pair. */
    static List<Scored> score(List<TextPair> pairs, Embedder embedder) {
        List<String> texts = new ArrayList<>(new LinkedHashSet<>(pairs.stream()
                .flatMap(p -> Stream.of(p.a(), p.b())).toList()));
        float[][] vectors = embedder.embed(texts);
        Map<String, float[]> byText = new HashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            byText.put(texts.get(i), vectors[i]);
        }
        return pairs.stream().map(p -> new Scored(p,
                PairFeatures.of(p.a(), p.b(), Embedder.cosine(byText.get(p.a()), byText.get(p.b()))))).toList();
    }

    private static List<TextPair> require(List<TextPair> pairs, String split, Path file) {
        List<TextPair> part = pairs.stream().filter(p -> p.split().equals(split)).toList();
        if (part.isEmpty()) {
            throw new IllegalArgumentException(file + " has no pairs in split \"" + split
                    + "\": fitting uses train and figures are reported on test, so both are needed");
        }
        return part;
    }

    private static double[] cosines(List<Scored> s) {
        return s.stream().mapToDouble(Scored::cosine).toArray();
    }

    private static double[][] features(List<Scored> s) {
        return s.stream().map(Scored::features).toArray(double[][]::new);
    }

    private static double[] gold(List<Scored> s) {
        return s.stream().mapToDouble(x -> x.pair().label()).toArray();
    }

    private static double[] similarity(List<Scored> s) {
        return s.stream().mapToDouble(x -> 5 - x.pair().label()).toArray();
    }

    private static boolean[] binary(List<Scored> s) {
        boolean[] out = new boolean[s.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.get(i).pair().label() == 1;
        }
        return out;
    }

    /** {@code PairsEvaluation GOLD.pairs.jsonl [--json] [--quantized]}: until the CLI wires {@code parallax eval pairs}. */
    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: PairsEvaluation GOLD.pairs.jsonl [--json] [--quantized]");
            System.exit(2);
        }
        List<String> flags = List.of(args).subList(1, args.length);
        OnnxEmbedder.Builder builder = OnnxEmbedder.builder();
        if (flags.contains("--quantized")) {
            builder.model(OnnxEmbedder.Model.MINILM_L6_V2_Q);
        }
        try (OnnxEmbedder embedder = builder.build()) {
            long start = System.nanoTime();
            PairsReport report = run(Path.of(args[0]), embedder);
            System.out.println(flags.contains("--json") ? report.toJson() : report.toText());
            System.err.printf("%.1f s%n", (System.nanoTime() - start) / 1e9);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }
}
