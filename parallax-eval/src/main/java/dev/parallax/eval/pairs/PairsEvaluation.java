package dev.parallax.eval.pairs;

import dev.parallax.core.brief.ClaimModel;
import dev.parallax.core.embed.BoostedTrees;
import dev.parallax.core.embed.CrossEncoder;
import dev.parallax.core.embed.Embedder;
import dev.parallax.core.embed.PairFeatures;
import dev.parallax.core.embed.PairScorer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Scores sentence pairs and compares the scores with gold judgements, for the three Format B sets in shared/data:
 * MRPC (paraphrase yes/no), STS-B (0–5 similarity) and the SemEval-2022 task 8 sample (1–4 dissimilarity). Which
 * one a file holds is read off its ids.
 *
 * <p>Two methods are reported. {@code cosine} is the MiniLM sentence cosine alone; {@code scorer} feeds
 * {@link PairFeatures} (MiniLM and bge cosines, token alignment, surface overlap) to boosted trees, the model {@link PairScorer}
 * ships. Anything fitted (trees, thresholds) is fitted on the train split only and reported on the test split;
 * {@link #fit} fits the shipped model the same way. Run as {@code parallax eval pairs --gold FILE [--json]} and
 * {@code parallax eval pairs --fit OUT.json --gold MRPC --gold STSB}.
 *
 * <p>{@link #runBrief} measures instead the decision the brief aligns claims with ({@link ClaimModel#logOdds}, whose
 * threshold was fitted on STS-B train): {@code parallax eval pairs --scorer brief --gold FILE}.
 */
public final class PairsEvaluation {

    public static final String COSINE = "cosine";
    /** The shipped scorer: on MRPC the trees blended with the cross-encoder, elsewhere the trees. */
    public static final String SCORER = "scorer";
    /** MRPC: the paraphrase trees alone (the scorer before the cross-encoder). */
    public static final String TREES = "trees";
    /** MRPC: the cross-encoder alone, its threshold fitted on the held-out fifth of train. */
    public static final String CROSS_ENCODER = "cross-encoder";
    /** The brief's pair score and decision ({@link #runBrief}). */
    public static final String BRIEF = "brief";

    /** Paraphrase head: chosen by 5-fold CV on MRPC train (docs/pairs-results.md). */
    static final BoostedTrees.Settings PARAPHRASE = new BoostedTrees.Settings(200, 3, 0.05, 20, 0.8);
    /** Similarity head: chosen on the STS-B dev news subset, fitted on train news. */
    static final BoostedTrees.Settings SIMILARITY = new BoostedTrees.Settings(400, 3, 0.03, 30, 0.8);

    private static final String STSB_TRAIN_NEWS = "stsb-train-main-news-";
    /** The headline STS-B figure is on this subset of test. */
    private static final String STSB_TEST_NEWS = "stsb-test-main-news-";

    private PairsEvaluation() {
    }

    /**
     * The fifth of MRPC train the cross-encoder is not fine-tuned on (chosen by a hash of the pair id, so training
     * and fitting agree without a shared list): the combination of the cross-encoder with the trees and its
     * threshold are fitted there, since its scores on its own training pairs are over-confident.
     */
    public static boolean crossEncoderHeldOut(TextPair pair) {
        return Math.floorMod(pair.id().hashCode(), 5) == 0;
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

    /** A pair with its {@link PairFeatures} (the first is the MiniLM sentence cosine). */
    record Scored(TextPair pair, double[] features) {
        double cosine() {
            return features[0];
        }
    }

    /** Reads {@code goldFile} (Format B), embeds its texts with {@code encoders} and computes every figure. */
    public static PairsReport run(Path goldFile, PairScorer.Encoders encoders) {
        List<TextPair> pairs = PairsReader.read(goldFile);
        Dataset dataset = Dataset.of(pairs, goldFile);
        List<Scored> train = score(require(pairs, "train", goldFile), encoders);
        List<Scored> test = score(require(pairs, "test", goldFile), encoders);
        return switch (dataset) {
            case MRPC -> mrpc(train, test, encoders.crossEncoder());
            case STSB -> stsb(train, test);
            case SEMEVAL8 -> semeval(train, test);
        };
    }

    /**
     * The brief's own pair decision on the test split: {@link ClaimModel#logOdds} of the shipped embedded claim model
     * over {@code embedder}'s vectors (the brief's unit embedder), each text read as one unit. Nothing is fitted here:
     * the claim model and its threshold were fitted on STS-B train (grade 2 up = one claim), and that threshold is
     * the MRPC decision too, since it is the one the brief groups claims with. STS-B and SemEval correlate the
     * log-odds with the gold.
     */
    public static PairsReport runBrief(Path goldFile, Embedder embedder) {
        List<TextPair> pairs = PairsReader.read(goldFile);
        Dataset dataset = Dataset.of(pairs, goldFile);
        List<TextPair> test = require(pairs, "test", goldFile);
        ClaimModel model = ClaimModel.shipped(true);
        double[] scored = claimLogOdds(test, embedder, model);
        double[] gold = test.stream().mapToDouble(TextPair::label).toArray();
        return switch (dataset) {
            case MRPC -> {
                boolean[] same = new boolean[gold.length];
                for (int i = 0; i < same.length; i++) {
                    same[i] = gold[i] == 1;
                }
                yield new PairsReport("mrpc", List.of(classify(BRIEF, model.threshold(), scored, same)));
            }
            case STSB -> {
                List<Integer> news = new ArrayList<>();
                for (int i = 0; i < test.size(); i++) {
                    if (test.get(i).id().startsWith(STSB_TEST_NEWS)) {
                        news.add(i);
                    }
                }
                yield new PairsReport("stsb", List.of(
                        correlate("test news", BRIEF, news.stream().mapToDouble(i -> scored[i]).toArray(),
                                news.stream().mapToDouble(i -> gold[i]).toArray()),
                        correlate("test", BRIEF, scored, gold)));
            }
            case SEMEVAL8 -> new PairsReport("semeval2022-task8", List.of(correlate("test", BRIEF, scored,
                    java.util.Arrays.stream(gold).map(g -> 5 - g).toArray())));
        };
    }

    /** The brief's claim-model log-odds of each pair, each text read as one unit, embedded once. */
    static double[] claimLogOdds(List<TextPair> pairs, Embedder embedder, ClaimModel model) {
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        pairs.forEach(p -> {
            distinct.add(p.a());
            distinct.add(p.b());
        });
        List<String> texts = List.copyOf(distinct);
        float[][] vectors = embedder.embed(texts);
        Map<String, float[]> vector = new HashMap<>();
        Map<String, ClaimModel.Text> unit = new HashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            vector.put(texts.get(i), vectors[i]);
            unit.put(texts.get(i), ClaimModel.Text.of(texts.get(i)));
        }
        return pairs.stream().mapToDouble(p -> model.logOdds(unit.get(p.a()), unit.get(p.b()), vector.get(p.a()),
                vector.get(p.b()))).toArray();
    }

    /**
     * Fits the model {@link PairScorer} ships: the paraphrase head and its threshold on MRPC train, the similarity
     * head on STS-B train news (news beat all of train on the dev news subset). Test pairs are never read.
     */
    public static PairScorer.Model fit(Path mrpcFile, Path stsbFile, PairScorer.Encoders encoders) {
        List<TextPair> mrpc = PairsReader.read(mrpcFile), stsb = PairsReader.read(stsbFile);
        if (Dataset.of(mrpc, mrpcFile) != Dataset.MRPC || Dataset.of(stsb, stsbFile) != Dataset.STSB) {
            throw new IllegalArgumentException("fit needs the MRPC file first and the STS-B file second");
        }
        List<Scored> paraphrase = score(require(mrpc, "train", mrpcFile), encoders);
        List<Scored> similarity = score(news(require(stsb, "train", stsbFile)), encoders);
        Paraphrase head = Paraphrase.fit(paraphrase);
        return new PairScorer.Model(PairFeatures.NAMES,
                BoostedTrees.fitRegression(features(similarity), gold(similarity), SIMILARITY),
                head.model(), head.threshold(), fitBlend(paraphrase, encoders.crossEncoder()));
    }

    /** The MRPC head: boosted trees for the log-odds and the train-F1-optimal threshold on them. */
    private record Paraphrase(BoostedTrees model, double threshold) {
        static Paraphrase fit(List<Scored> train) {
            boolean[] gold = binary(train);
            BoostedTrees model = BoostedTrees.fitLogistic(features(train), gold, PARAPHRASE);
            return new Paraphrase(model, PairMetrics.fitThreshold(scores(model, train), gold).value());
        }
    }

    /**
     * Fits how the trees and the cross-encoder are combined, on the pairs of MRPC train the cross-encoder was not
     * trained on ({@link #crossEncoderHeldOut}): a logistic regression on the trees' out-of-fold log-odds (5 folds
     * of train, so they are as confident as on unseen pairs) and the cross-encoder's, then the best-F1 threshold.
     */
    static PairScorer.Blend fitBlend(List<Scored> train, CrossEncoder crossEncoder) {
        double[] trees = outOfFold(train);
        List<Integer> held = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            if (crossEncoderHeldOut(train.get(i).pair())) {
                held.add(i);
            }
        }
        double[] cross = crossEncoder.logOdds(held.stream().map(i -> train.get(i).pair().a()).toList(),
                held.stream().map(i -> train.get(i).pair().b()).toList());
        double[][] x = new double[held.size()][];
        boolean[] gold = new boolean[held.size()];
        for (int k = 0; k < x.length; k++) {
            x[k] = new double[]{trees[held.get(k)], cross[k]};
            gold[k] = train.get(held.get(k)).pair().label() == 1;
        }
        LinearScorer fit = LinearScorer.fitLogistic(x, gold);
        double treeWeight = fit.weights()[0] / fit.scale()[0], crossWeight = fit.weights()[1] / fit.scale()[1];
        double bias = fit.bias() - treeWeight * fit.mean()[0] - crossWeight * fit.mean()[1];
        double[] blended = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            blended[k] = x[k][0] * treeWeight + x[k][1] * crossWeight + bias;
        }
        return new PairScorer.Blend(treeWeight, crossWeight, bias, PairMetrics.fitThreshold(blended, gold).value());
    }

    /** Each train pair's paraphrase log-odds from trees fitted on the other four of five folds. */
    private static double[] outOfFold(List<Scored> train) {
        double[] out = new double[train.size()];
        for (int fold = 0; fold < 5; fold++) {
            List<Scored> fitPart = new ArrayList<>();
            for (int i = 0; i < train.size(); i++) {
                if (i % 5 != fold) {
                    fitPart.add(train.get(i));
                }
            }
            BoostedTrees model = BoostedTrees.fitLogistic(features(fitPart), binary(fitPart), PARAPHRASE);
            for (int i = fold; i < train.size(); i += 5) {
                out[i] = model.score(train.get(i).features());
            }
        }
        return out;
    }

    /**
     * Thresholds (and the scorers) fitted on train for best F1; F1 and accuracy on test. The cross-encoder and the
     * blend are fitted on the held-out fifth of train ({@link #fitBlend}).
     */
    static PairsReport mrpc(List<Scored> train, List<Scored> test, CrossEncoder crossEncoder) {
        boolean[] trainGold = binary(train), testGold = binary(test);
        List<PairsResult> results = new ArrayList<>();
        results.add(classify(COSINE, PairMetrics.fitThreshold(cosines(train), trainGold).value(), cosines(test), testGold));
        Paraphrase head = Paraphrase.fit(train);
        double[] trees = scores(head.model(), test);
        results.add(classify(TREES, head.threshold(), trees, testGold));
        List<Scored> held = train.stream().filter(s -> crossEncoderHeldOut(s.pair())).toList();
        double[] cross = crossEncoder.logOdds(test.stream().map(s -> s.pair().a()).toList(),
                test.stream().map(s -> s.pair().b()).toList());
        double[] heldCross = crossEncoder.logOdds(held.stream().map(s -> s.pair().a()).toList(),
                held.stream().map(s -> s.pair().b()).toList());
        results.add(classify(CROSS_ENCODER, PairMetrics.fitThreshold(heldCross, binary(held)).value(), cross, testGold));
        PairScorer.Blend blend = fitBlend(train, crossEncoder);
        double[] blended = new double[test.size()];
        for (int i = 0; i < blended.length; i++) {
            blended[i] = blend.logOdds(trees[i], cross[i]);
        }
        results.add(classify(SCORER, blend.threshold(), blended, testGold));
        return new PairsReport("mrpc", results);
    }

    /**
     * Correlation with the 0–5 gold on the test news subset and on the whole test split. The scorer for the news
     * subset is fitted on train news, the one for the whole split on all of train.
     */
    static PairsReport stsb(List<Scored> train, List<Scored> test) {
        List<PairsResult> results = new ArrayList<>();
        List<Scored> testNews = test.stream().filter(s -> s.pair().id().startsWith(STSB_TEST_NEWS)).toList();
        List<Scored> trainNews = train.stream().filter(s -> s.pair().id().startsWith(STSB_TRAIN_NEWS)).toList();
        for (var subset : List.of(Map.entry(Map.entry("test news", testNews), trainNews), Map.entry(Map.entry("test", test), train))) {
            List<Scored> part = subset.getKey().getValue(), fit = subset.getValue();
            BoostedTrees model = BoostedTrees.fitRegression(features(fit), gold(fit), SIMILARITY);
            results.add(correlate(subset.getKey().getKey(), COSINE, cosines(part), gold(part)));
            results.add(correlate(subset.getKey().getKey(), SCORER, scores(model, part), gold(part)));
        }
        return new PairsReport("stsb", results);
    }

    /**
     * SemEval's Overall label runs the other way (1 = very similar, 4 = very dissimilar), so the gold is turned into
     * a similarity (5 − label) and a good scorer correlates positively. Its "train"/"test" are the two HFL sample
     * files, both from the official training data; the scorer is fitted on the 161 "train" pairs.
     */
    static PairsReport semeval(List<Scored> train, List<Scored> test) {
        List<Scored> all = new ArrayList<>(train);
        all.addAll(test);
        BoostedTrees model = BoostedTrees.fitRegression(features(train), similarity(train), SIMILARITY);
        return new PairsReport("semeval2022-task8", List.of(
                correlate("all", COSINE, cosines(all), similarity(all)),
                correlate("test", COSINE, cosines(test), similarity(test)),
                correlate("test", SCORER, scores(model, test), similarity(test))));
    }

    private static List<TextPair> news(List<TextPair> stsbTrain) {
        return stsbTrain.stream().filter(PairsEvaluation::stsbTrainNews).toList();
    }

    /** Whether the pair is one of STS-B's news train pairs (the genre the target is on). */
    public static boolean stsbTrainNews(TextPair p) {
        return p.id().startsWith(STSB_TRAIN_NEWS);
    }

    private static double[] scores(BoostedTrees model, List<Scored> s) {
        return s.stream().mapToDouble(x -> model.score(x.features())).toArray();
    }

    private static PairsResult classify(String method, double threshold, double[] testScores, boolean[] testGold) {
        boolean[] predicted = PairMetrics.decide(testScores, threshold);
        return PairsResult.classification("test", method, testGold.length,
                PairMetrics.f1(predicted, testGold), PairMetrics.accuracy(predicted, testGold), threshold);
    }

    private static PairsResult correlate(String subset, String method, double[] scores, double[] gold) {
        return PairsResult.correlation(subset, method, gold.length, PairMetrics.pearson(scores, gold),
                PairMetrics.spearman(scores, gold));
    }

    /** Embeds each distinct text once and attaches {@link PairFeatures} to every pair. */
    static List<Scored> score(List<TextPair> pairs, PairScorer.Encoders encoders) {
        List<double[]> features = PairScorer.features(encoders, pairs.stream().map(TextPair::a).toList(),
                pairs.stream().map(TextPair::b).toList());
        List<Scored> out = new ArrayList<>(pairs.size());
        for (int i = 0; i < pairs.size(); i++) {
            out.add(new Scored(pairs.get(i), features.get(i)));
        }
        return out;
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
}
