package dev.parallax.core.dedup;

import java.util.Objects;

/**
 * One article's place in a duplicate family: the family's original and how the article relates to it. This is the
 * value the store persists per duplicate article (originals have no link).
 *
 * @param articleId the copy
 * @param originalId the family's original (a credited wire copy, else the earliest published member)
 * @param relation how the copy relates to the original
 * @param jaccard estimated Jaccard similarity of the two texts' word-shingle sets
 * @param containment estimated share of the smaller shingle set found in the larger one
 */
public record DuplicateLink(String articleId, String originalId, Relation relation, double jaccard,
        double containment) {
    public DuplicateLink {
        Objects.requireNonNull(articleId, "articleId");
        Objects.requireNonNull(originalId, "originalId");
        Objects.requireNonNull(relation, "relation");
        if (articleId.equals(originalId)) {
            throw new IllegalArgumentException("article " + articleId + " cannot be a duplicate of itself");
        }
    }
}
