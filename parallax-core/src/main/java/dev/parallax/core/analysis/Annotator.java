package dev.parallax.core.analysis;

import dev.parallax.core.model.Article;

/** A pipeline stage that adds one or more standoff layers to an article. Stateless and thread-safe. */
public interface Annotator {
    Article annotate(Article article);
}
