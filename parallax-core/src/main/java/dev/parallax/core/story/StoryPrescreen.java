package dev.parallax.core.story;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The cheap first pass of a {@link StoryScorer}: a logistic regression over the features that need no model run
 * (TF-IDF cosines, static-embedding cosines, time gap, size), fitted on the same training pairs as the scorer, and the
 * band of its probability in which the scorer itself (with MiniLM's cosines) must decide. A candidate stays in the
 * running when its first-pass probability reaches {@code below} and its log-odds are within {@code margin} of the
 * best candidate's. No candidate in the running: the article opens a story, and MiniLM never runs for it. Otherwise
 * the scorer decides among those in the running. The band is fitted on training streams so that the cascade decides
 * as the scorer would in at least 99.9 % of articles (see {@code StoryModelFitter}).
 *
 * @param weights weight of each feature used (never the MiniLM ones)
 * @param bias the intercept
 * @param below the least first-pass probability at which a candidate is scored by the model
 * @param margin how far (in log-odds) below the best candidate's a candidate may lie and stay in the running
 */
public record StoryPrescreen(Map<StoryFeature, Double> weights, double bias, double below, double margin) {
    public StoryPrescreen {
        Objects.requireNonNull(weights, "weights");
        weights = weights.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new EnumMap<>(weights));
        if (weights.containsKey(StoryFeature.EMBEDDING) || weights.containsKey(StoryFeature.EMBEDDING_MAX)) {
            throw new IllegalArgumentException("the first pass cannot read MiniLM's cosines: " + weights.keySet());
        }
        if (!(below >= 0 && below < 1)) {
            throw new IllegalArgumentException("below must be in [0, 1), was " + below);
        }
        if (!(margin > 0)) {
            throw new IllegalArgumentException("margin must be positive, was " + margin);
        }
    }

    /** The first-pass probability that the article belongs to the story, given the features indexed by ordinal. */
    public double probability(double[] features) {
        return 1 / (1 + Math.exp(-logOdds(features)));
    }

    /** The first-pass log-odds, {@code bias + Σ weight·feature}. */
    public double logOdds(double[] features) {
        double z = bias;
        for (Map.Entry<StoryFeature, Double> e : weights.entrySet()) {
            z += e.getValue() * features[e.getKey().ordinal()];
        }
        return z;
    }

    /** Whether a candidate with these first-pass log-odds stays in the running beside the best one's. */
    public boolean inRunning(double logOdds, double bestLogOdds) {
        return 1 / (1 + Math.exp(-logOdds)) >= below && logOdds >= bestLogOdds - margin;
    }

    public StoryPrescreen withBand(double below, double margin) {
        return new StoryPrescreen(weights, bias, below, margin);
    }
}
