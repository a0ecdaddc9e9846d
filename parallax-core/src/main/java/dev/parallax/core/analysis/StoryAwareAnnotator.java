package dev.parallax.core.analysis;

import dev.parallax.core.model.Article;
import dev.parallax.core.model.StorySummary;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An annotator that can do better once it knows the story an article joined: an undated article's relative time
 * expressions can be anchored on its story's dates. The pipeline calls {@link #annotateInStory} after placing each
 * article, before storing it.
 */
public interface StoryAwareAnnotator extends Annotator {
    /**
     * @param story the story as stored before this article joined (empty for a story the article opens); looked up
     *     only when asked for, since most articles need nothing from it
     */
    Article annotateInStory(Article article, Supplier<Optional<StorySummary>> story);
}
