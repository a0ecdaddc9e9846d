package dev.parallax.core.story;

import dev.parallax.core.model.Article;
import java.time.Duration;
import java.util.List;

/**
 * Groups articles into stories online. Articles are fed in publication order; the result is deterministic for a given
 * input order. Implementations are not thread-safe.
 */
public interface StoryClusterer {
    /** Places the article in an existing story or opens a new one, and remembers the decision. */
    StoryAssignment assign(Article article);

    /**
     * Says which articles come next, in the order they will be assigned (some may then be skipped), so that work
     * that does not depend on their placement can be done for all of them at once. Changes no decision.
     */
    default void prepare(List<Article> next) {}

    /** Remembers an article already placed (loaded from the store), so that clustering resumes where it stopped. */
    void restore(Article article, String storyId);

    /** How far back a story can still attract new articles: what must be restored to resume. */
    Duration activeWindow();
}
