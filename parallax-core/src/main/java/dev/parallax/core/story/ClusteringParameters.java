package dev.parallax.core.story;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of {@link TfIdfStoryClusterer}. The threshold and weights were tuned on the ECB+ training split only
 * (grid search with {@code dev.parallax.eval.StoryClusteringTool}); B³ F1 there is flat (0.85-0.86) for thresholds
 * 0.15-0.20 and name weights 0.3-0.6, so the defaults sit inside a plateau rather than on a spike. More than 20 query
 * terms found no further candidates on that split.
 *
 * @param window how long a story stays open after its last article; older stories are not candidates
 * @param threshold the least score with which an article joins a story instead of opening one
 * @param nameWeight the share of the score given to capitalised-name overlap (the rest is term cosine); used only
 *     when the article has names
 * @param titleBoost how many times a title term counts compared with a body term
 * @param queryTerms how many of the article's heaviest terms are looked up in the index to find candidate stories
 * @param maxCandidates the most stories scored for one article: bounds the cost when a common term is shared by
 *     thousands of open stories in a dense stream
 */
public record ClusteringParameters(Duration window, double threshold, double nameWeight, double titleBoost,
        int queryTerms, int maxCandidates) {
    public static final ClusteringParameters DEFAULTS = new ClusteringParameters(Duration.ofDays(7), 0.20, 0.45, 2.0,
            20, 300);

    public ClusteringParameters {
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1], was " + threshold);
        }
        if (!(nameWeight >= 0 && nameWeight <= 1)) {
            throw new IllegalArgumentException("nameWeight must be in [0, 1], was " + nameWeight);
        }
        if (!(titleBoost >= 1)) {
            throw new IllegalArgumentException("titleBoost must be at least 1, was " + titleBoost);
        }
        if (queryTerms < 1) {
            throw new IllegalArgumentException("queryTerms must be at least 1, was " + queryTerms);
        }
        if (maxCandidates < 1) {
            throw new IllegalArgumentException("maxCandidates must be at least 1, was " + maxCandidates);
        }
    }

    public ClusteringParameters withWindow(Duration w) {
        return new ClusteringParameters(w, threshold, nameWeight, titleBoost, queryTerms, maxCandidates);
    }

    public ClusteringParameters withThreshold(double t) {
        return new ClusteringParameters(window, t, nameWeight, titleBoost, queryTerms, maxCandidates);
    }

    public ClusteringParameters withNameWeight(double w) {
        return new ClusteringParameters(window, threshold, w, titleBoost, queryTerms, maxCandidates);
    }

    public ClusteringParameters withTitleBoost(double b) {
        return new ClusteringParameters(window, threshold, nameWeight, b, queryTerms, maxCandidates);
    }
}
