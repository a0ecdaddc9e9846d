package dev.parallax.core.story;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A logistic regression over {@link StoryFeature}s for one kind of item, {@code p = 1 / (1 + e^-(bias + Σ
 * weight·feature))}, with the least {@code p} with which an article joins its best candidate instead of opening a
 * story, and the least {@code p} at which a second story it fits is merged. Features absent from the weights are not
 * used.
 *
 * @param weights weight of each feature used
 * @param bias the intercept
 * @param threshold the least probability that joins a story, in (0, 1)
 * @param merge the least probability with which an article that joined one story also fits another open story, for
 *     the two to be merged; 1 never merges
 */
public record StoryScorer(Map<StoryFeature, Double> weights, double bias, double threshold, double merge) {
    public StoryScorer {
        // an EnumMap sums the terms in feature order, so a score does not depend on hash order
        Objects.requireNonNull(weights, "weights");
        weights = weights.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new EnumMap<>(weights));
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1), was " + threshold);
        }
        if (!(merge >= threshold && merge <= 1)) {
            throw new IllegalArgumentException("merge must be in [threshold, 1], was " + merge);
        }
        for (double w : weights.values()) {
            if (!Double.isFinite(w)) {
                throw new IllegalArgumentException("weights must be finite numbers, were " + weights);
            }
        }
    }

    public StoryScorer withMerge(double m) {
        return new StoryScorer(weights, bias, threshold, m);
    }

    public Set<StoryFeature> features() {
        return weights.isEmpty() ? EnumSet.noneOf(StoryFeature.class) : EnumSet.copyOf(weights.keySet());
    }

    /** The probability that the article belongs to the story, given the features indexed by ordinal. */
    public double probability(double[] features) {
        double z = bias;
        for (Map.Entry<StoryFeature, Double> e : weights.entrySet()) {
            z += e.getValue() * features[e.getKey().ordinal()];
        }
        return 1 / (1 + Math.exp(-z));
    }
}
