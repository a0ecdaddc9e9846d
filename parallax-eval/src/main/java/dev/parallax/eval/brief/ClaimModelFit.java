package dev.parallax.eval.brief;

import dev.parallax.core.brief.ClaimModel;
import dev.parallax.core.embed.Embedder;
import dev.parallax.eval.pairs.LinearScorer;
import dev.parallax.eval.pairs.PairMetrics;
import dev.parallax.eval.pairs.PairsEvaluation;
import dev.parallax.eval.pairs.PairsReader;
import dev.parallax.eval.pairs.TextPair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Fits the brief's {@link ClaimModel} (with and without the embedding cosine) on the TRAIN split of a Format B pairs
 * file and prints it in the form of {@code parallax-core/src/main/resources/dev/parallax/core/brief/claim-model.properties}.
 * The threshold is the one that maximises F1 on train. Test pairs are never read for fitting.
 *
 * <p>Binary gold (MRPC) is used as is; graded gold (STS-B, 0–5) counts a pair as one claim from a grade up (2 for the
 * shipped model, {@code --same-claim}; STS's wording: "not equivalent, but share some details"), so that two outlets
 * stating one fact with different detail count as one claim; grade 3 ("roughly equivalent, but some important
 * information differs") split the seed story's shared claims over bge-q cosines (round h38-brief-bge). The shipped
 * model is fitted on STS-B: MRPC's negatives are almost all pairs with high word overlap, so a model fitted on them
 * rejects the differently-worded accounts of one fact that a brief must join.
 *
 * <p>The shipped model: {@code parallax eval brief --fit-claim-model ../shared/data/pairs/stsb.pairs.jsonl --news
 * --embedder minilm-q}, on the int8 cosines of the brief's own embedder
 * ({@link dev.parallax.core.brief.StoryBriefs#EMBEDDER}), checked on the seed gold and BASIL.
 */
public final class ClaimModelFit {
    private ClaimModelFit() {}

    /**
     * The grade's least-squares fit turned into the log-odds of the same claim by a one-feature logistic regression on
     * the fitted grades (Platt scaling): the pairs keep the grade's order, which is what a graded similarity reads,
     * and the score keeps the log-odds scale the brief's average link sums. A linear map of a linear score is linear,
     * so the result is again a {@link ClaimModel} over the same features (threshold left at 0 for the caller).
     */
    static ClaimModel calibrated(LinearScorer grade, double[][] x, boolean[] gold, boolean embedded) {
        double[][] fitted = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            fitted[i] = new double[] {grade.score(x[i])};
        }
        LinearScorer platt = LinearScorer.fitLogistic(fitted, gold);
        double slope = platt.weights()[0] / platt.scale()[0];
        double[] weights = new double[grade.weights().length];
        for (int j = 0; j < weights.length; j++) {
            weights[j] = slope * grade.weights()[j];
        }
        return new ClaimModel(embedded, grade.mean(), grade.scale(), weights,
                platt.bias() + slope * (grade.bias() - platt.mean()[0]), 0);
    }

    /**
     * @param embedder its name is written into the header: the cosine weights belong to that embedder's cosines
     * @param sameClaim with graded gold, the lowest grade that counts as the same claim
     * @param heldOutFifth fit on the train pairs of the fifth {@code BiEncoderTraining} holds out
     *     ({@link PairsEvaluation#crossEncoderHeldOut}) only: a fine-tuned embedder's cosines on the pairs it trained
     *     on are over-confident, and a fit on them would over-weight the cosine
     * @param newsOnly fit on STS-B's news train pairs only ({@link PairsEvaluation#stsbTrainNews}): the brief aligns
     *     news sentences, whose cosines sit on another scale than the captions' and forum posts'
     */
    public static String fit(Path pairs, Embedder embedder, double sameClaim, boolean heldOutFifth, boolean newsOnly) {
        List<TextPair> train = PairsReader.read(pairs).stream().filter(p -> p.split().equals("train"))
                .filter(p -> !heldOutFifth || PairsEvaluation.crossEncoderHeldOut(p))
                .filter(p -> !newsOnly || PairsEvaluation.stsbTrainNews(p)).toList();
        if (train.isEmpty()) {
            throw new IllegalArgumentException(pairs + " has no train pairs");
        }
        List<String> texts = new ArrayList<>(new LinkedHashSet<>(train.stream()
                .flatMap(p -> Stream.of(p.a(), p.b())).toList()));
        float[][] vectors = embedder.embed(texts);
        Map<String, float[]> vec = new HashMap<>();
        Map<String, ClaimModel.Text> parsed = new HashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            vec.put(texts.get(i), vectors[i]);
            parsed.put(texts.get(i), ClaimModel.Text.of(texts.get(i)));
        }
        boolean graded = train.stream().anyMatch(p -> p.label() != 0 && p.label() != 1);
        double[] grade = train.stream().mapToDouble(TextPair::label).toArray();
        boolean[] gold = new boolean[train.size()];
        for (int i = 0; i < gold.length; i++) {
            gold[i] = graded ? grade[i] >= sameClaim : grade[i] == 1;
        }
        StringBuilder out = new StringBuilder("# Fitted by dev.parallax.eval.brief.ClaimModelFit on the train split of "
                + pairs.getFileName() + (newsOnly ? ", news pairs" : "") + (heldOutFifth ? ", its held-out fifth" : "")
                + " (" + train.size() + " pairs"
                + (graded ? ", same claim = grade >= " + sameClaim : "")
                + "); least squares on the grade, calibrated to the log-odds of the same claim; threshold = best F1 on"
                + " train; cosine of " + embedder.name() + ".\n");
        for (boolean embedded : new boolean[] {false, true}) {
            double[][] x = new double[train.size()][];
            for (int i = 0; i < x.length; i++) {
                TextPair p = train.get(i);
                x[i] = ClaimModel.features(parsed.get(p.a()), parsed.get(p.b()),
                        Embedder.cosine(vec.get(p.a()), vec.get(p.b())), embedded);
            }
            ClaimModel model = calibrated(LinearScorer.fitLeastSquares(x, grade), x, gold, embedded);
            double[] logOdds = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                logOdds[i] = model.score(x[i]);
            }
            PairMetrics.Threshold t = PairMetrics.fitThreshold(logOdds, gold);
            out.append("# ").append(embedded ? "with" : "without").append(" cosine: train F1 ")
                    .append(String.format("%.3f", t.f1()));
            if (graded) {
                out.append(String.format(", Pearson with the grade %.4f", PairMetrics.pearson(logOdds, grade)));
            }
            out.append('\n').append(new ClaimModel(embedded, model.mean(), model.scale(), model.weights(), model.bias(),
                    t.value()).toProperties());
        }
        return out.toString();
    }
}
