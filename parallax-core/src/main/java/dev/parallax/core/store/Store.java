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
     * A page of articles, the most recently stored first.
     *
     * @param afterId the last article of the previous page, or null for the first page
     * @throws IllegalArgumentException when {@code afterId} names no stored article
     */
    List<Article> articles(String afterId, int limit);

    /**
     * Full-text search: the articles whose title or text holds every word of {@code query}, best match first. Words
     * match whole, ignoring case and accents; punctuation in the query is ignored, so any string is a valid query (one
     * without words matches nothing).
     */
    List<SearchHit> search(String query, int limit);

    /**
     * Feeds every stored article published at or after {@code since} (and every undated one) with its story id, in
     * publication order: what a clusterer replays to resume.
     */
    void forEachPlaced(Instant since, BiConsumer<Article, String> consumer);

    @Override
    void close();
}
