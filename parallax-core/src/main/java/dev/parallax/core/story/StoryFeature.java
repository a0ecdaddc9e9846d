package dev.parallax.core.story;

/**
 * What the clusterer measures between an article and a candidate story. Every value is in [0, 1] except
 * {@link #TIME_GAP} and {@link #SIZE}. The order is the model file's and the feature vector's: add new ones at the end.
 */
public enum StoryFeature {
    /** Cosine of the article's headline+lead {@link dev.parallax.core.embed.Embedding} and the story's mean one. */
    EMBEDDING,
    /** TF-IDF cosine of the article's headline terms and the story's headline centroid. */
    TITLE,
    /** TF-IDF cosine of the article's body terms and the story's body centroid (pruned to its heaviest terms). */
    BODY,
    /** TF-IDF cosine of the capitalised names in the article and in the story. */
    NAMES,
    /** {@code ln(1 + days)} between the article and the nearest end of the story's time span; 0 inside it. */
    TIME_GAP,
    /**
     * The best cosine of the article's embedding with one of the story's latest members' (single link): a story that
     * drifts, or that two kinds of report share, is near one of its members when it is far from their mean.
     */
    EMBEDDING_MAX,
    /**
     * TF-IDF cosine of the numbers in the article (years, counts, scores, magnitudes: tokens with a digit) and in the
     * story. Two similar events (two earthquakes, two Oscar ceremonies) differ mostly in their year and their counts.
     */
    NUMBERS,
    /** {@code ln(1 + articles)} of the story: the same cosine means more against a single article than a mean of 50. */
    SIZE;

    /** The name used in the model file: lower case. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
