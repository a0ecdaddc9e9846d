package dev.parallax.core.store;

import java.util.Objects;

/**
 * An article that matched a full-text search.
 *
 * @param articleId the matching article
 * @param snippet a passage of its title or text around the matches, each matched word wrapped in {@link #MATCH_START}
 *     and {@link #MATCH_END}
 */
public record SearchHit(String articleId, String snippet) {
    /** Opens a matched word in a snippet: a control character, which clean article text does not contain. */
    public static final char MATCH_START = '\u0002';
    /** Closes a matched word in a snippet. */
    public static final char MATCH_END = '\u0003';

    public SearchHit {
        Objects.requireNonNull(articleId, "articleId");
        Objects.requireNonNull(snippet, "snippet");
    }
}
