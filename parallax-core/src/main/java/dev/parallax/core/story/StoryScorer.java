package dev.parallax.core.story;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A logistic regression over {@link StoryFeature}s for one kind of item, {@code p = 1 / (1 + e^-(bias + Σ
 * weight·feature))}, with the least {@code p} with which an article joins its best candidate instead of opening a
 * story, the least {@code p} at which a second story it fits is merged, and how weak the link between a story's two
 * groups of members must be, against the links within them, for the later group to split off (see
 * {@link OnlineStoryClusterer}). Features absent from the weights are not used.
 *
 * @param weights weight of each feature used
 * @param bias the intercept
 * @param threshold the least probability that joins a story, in (0, 1)
 * @param merge the least probability with which an article that joined one story also fits another open story, for
 *     the two to be merged; 1 never merges
 * @param split a story splits when the mean member-to-member probability between its two groups is below this
 *     fraction of the mean within the weaker group; 0 never splits
 */
public record StoryScorer(Map<StoryFeature, Double> weights, double bias, double threshold, double merge,
        double split) {
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
        if (!(split >= 0 && split < 1)) {
            throw new IllegalArgumentException("split must be in [0, 1), was " + split);
        }
        for (double w : weights.values()) {
            if (!Double.isFinite(w)) {
                throw new IllegalArgumentException("weights must be finite numbers, were " + weights);
            }
        }
    }

    /** A scorer that never splits a story. */
    public StoryScorer(Map<StoryFeature, Double> weights, double bias, double threshold, double merge) {
        this(weights, bias, threshold, merge, 0);
    }

    public StoryScorer withThreshold(double t) {
        return new StoryScorer(weights, bias, t, Math.max(t, merge), split);
    }

    public StoryScorer withMerge(double m) {
        return new StoryScorer(weights, bias, threshold, m, split);
    }

    public StoryScorer withSplit(double s) {
        return new StoryScorer(weights, bias, threshold, merge, s);
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
