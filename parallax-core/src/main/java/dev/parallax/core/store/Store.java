package dev.parallax.core.store;

import dev.parallax.core.model.Article;
import dev.parallax.core.model.StorySummary;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Where articles, their layers and their stories live. An article is stored only once its transaction has committed;
 * a failed save leaves everything stored before it intact.
 */
public interface Store extends AutoCloseable {
    /**
     * The id of a stored article that this one duplicates: the same id, or the same text after normalisation
     * ({@link dev.parallax.core.text.TextFingerprint}).
     */
    Optional<String> findDuplicate(Article article);

    /** Stores the article with its layers and its story in one transaction. */
    void save(Article article, String storyId);

    /**
     * Moves every article of story {@code from} into story {@code into} and records {@code from} as an alias of it,
     * so that {@link #story}, {@link #storyArticles} and {@link #save} given the old id reach the merged story.
     */
    void mergeStories(String from, String into);

    Optional<Article> article(String id);

    /** The story's articles in publication order (undated last). */
    List<Article> storyArticles(String storyId);

    /** All stories, latest publication first. */
    List<StorySummary> stories();

    Optional<StorySummary> story(String id);

    /** The story an article belongs to. */
    Optional<String> storyOf(String articleId);

    int articleCount();

    /**
     * Feeds every stored article published at or after {@code since} (and every undated one) with its story id, in
     * publication order: what a clusterer replays to resume.
     */
    void forEachPlaced(Instant since, BiConsumer<Article, String> consumer);

    @Override
    void close();
}
