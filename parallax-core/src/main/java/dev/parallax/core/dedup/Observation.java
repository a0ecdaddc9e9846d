package dev.parallax.core.dedup;

import java.util.List;
import java.util.Optional;

/**
 * What {@link Deduper#observe} decided for one article.
 *
 * @param link the article's link to its family original, or empty when it is new or is now the original
 * @param relinked links of earlier articles that changed because this article became their family's original (a
 *     wire-credited copy arriving after an uncredited reprint, or an earlier publication arriving late); the store
 *     replaces their stored links with these
 */
public record Observation(Optional<DuplicateLink> link, List<DuplicateLink> relinked) {
    public Observation {
        relinked = List.copyOf(relinked);
    }

    public boolean isDuplicate() {
        return link.isPresent();
    }
}
