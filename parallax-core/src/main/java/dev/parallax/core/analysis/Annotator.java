package dev.parallax.core.analysis;

import dev.parallax.core.model.Article;
import java.util.List;

/** A pipeline stage that adds one or more standoff layers to an article. Stateless and thread-safe. */
public interface Annotator {
    Article annotate(Article article);

    /**
     * Annotates several articles, with the same result as {@link #annotate} on each: the pipeline hands over chunks
     * so that an annotator with a per-call cost (a model run) can share it among many articles.
     */
    default List<Article> annotateAll(List<Article> articles) {
        return articles.stream().map(this::annotate).toList();
    }

    /**
     * A stored article as this annotator would annotate it now, for placing new articles beside it (a pipeline
     * resuming from its store). The stored layers by default; an annotator whose layer placement compares across
     * articles re-makes it when the stored one was made differently.
     */
    default Article current(Article stored) {
        return stored;
    }
}
