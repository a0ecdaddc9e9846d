package dev.parallax.ingest;

import dev.parallax.core.model.RawArticle;
import java.util.Objects;

/**
 * An article with the gold story label of an evaluation set, kept apart from the article so that no pipeline stage
 * can see it.
 *
 * @param story the dataset's story label (compare for equality only), or null when the set has none for it
 */
public record LabelledArticle(RawArticle article, String story) {
    public LabelledArticle {
        Objects.requireNonNull(article, "article");
    }
}
