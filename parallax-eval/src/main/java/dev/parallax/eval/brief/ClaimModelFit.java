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
        boolean[] gold = new boolean[train.size()];
        for (int i = 0; i < gold.length; i++) {
            gold[i] = graded ? train.get(i).label() >= sameClaim : train.get(i).label() == 1;
        }
        StringBuilder out = new StringBuilder("# Fitted by dev.parallax.eval.brief.ClaimModelFit on the train split of "
                + pairs.getFileName() + (newsOnly ? ", news pairs" : "") + (heldOutFifth ? ", its held-out fifth" : "")
                + " (" + train.size() + " pairs"
                + (graded ? ", same claim = grade >= " + sameClaim : "")
                + "); threshold = best F1 on train; cosine of " + embedder.name() + ".\n");
        for (boolean embedded : new boolean[] {false, true}) {
            double[][] x = new double[train.size()][];
            for (int i = 0; i < x.length; i++) {
                TextPair p = train.get(i);
                x[i] = ClaimModel.features(parsed.get(p.a()), parsed.get(p.b()),
                        Embedder.cosine(vec.get(p.a()), vec.get(p.b())), embedded);
            }
            LinearScorer s = LinearScorer.fitLogistic(x, gold);
            PairMetrics.Threshold t = PairMetrics.fitThreshold(s.scoreAll(x), gold);
            out.append("# ").append(embedded ? "with" : "without").append(" cosine: train F1 ")
                    .append(String.format("%.3f", t.f1())).append('\n');
            out.append(new ClaimModel(embedded, s.mean(), s.scale(), s.weights(), s.bias(), t.value()).toProperties());
        }
        return out.toString();
    }
}
