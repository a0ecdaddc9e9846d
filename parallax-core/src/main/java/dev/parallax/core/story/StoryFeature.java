package dev.parallax.core.story;

/**
 * What the clusterer measures between an article and a candidate story. Every value is in [0, 1] except
 * {@link #TIME_GAP}.
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
    TIME_GAP;

    /** The name used in the model file: lower case. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
