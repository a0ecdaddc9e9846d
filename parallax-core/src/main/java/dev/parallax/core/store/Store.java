package dev.parallax.core.store;

import dev.parallax.core.brief.BriefChanges;
import dev.parallax.core.brief.StoredBrief;
import dev.parallax.core.dedup.DuplicateLink;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.StorySummary;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Where articles, their layers and their stories live. An article is stored only once its transaction has committed;
 * a failed save leaves everything stored before it intact.
 */
public interface Store extends AutoCloseable {
    /**
     * The id of a stored article that this one re-ingests: the same id, or the same outlet with the same text after
     * normalisation ({@link dev.parallax.core.text.TextFingerprint}). The same text from another outlet is not a
     * re-ingest but a syndicated reprint, which is stored and linked to its original ({@link DuplicateLink}).
     */
    Optional<String> findDuplicate(Article article);

    /** Stores the article with its layers and its story in one transaction; it duplicates nothing. */
    default void save(Article article, String storyId) {
        save(article, storyId, List.of());
    }

    /**
     * Stores the article with its layers, its story and duplicate links in one transaction. {@code links} holds the
     * article's own link to its family original, if any, and the links of earlier articles that changed because of it
     * (they replace their stored links); an original may be the article itself.
     */
    void save(Article article, String storyId, List<DuplicateLink> links);

    /**
     * Runs {@code writes}, whose saves and merges the store may commit together in one transaction (much cheaper than
     * one each). Until it returns, what it wrote may be lost to a crash, as a whole; a write that fails inside it
     * still leaves the writes before it stored, and its exception comes out of this call. The default runs them one
     * by one.
     */
    default void batch(Runnable writes) {
        writes.run();
    }

    /**
     * The duplicate links of the story's articles (an original may lie in another story), copies in arrival order.
     * Articles without a link are originals or have no duplicate: each is an independent account.
     */
    List<DuplicateLink> duplicateLinks(String storyId);

    /**
     * Moves every article of story {@code from} into story {@code into} and records {@code from} as an alias of it,
     * so that {@link #story}, {@link #storyArticles} and {@link #save} given the old id reach the merged story.
     */
    void mergeStories(String from, String into);

    /**
     * Moves the given articles of story {@code from} into the new story {@code into} (a clusterer's split: see
     * {@code StoryAssignment.split}); {@code from} keeps its other articles and its id. No id stops resolving: an
     * {@code into} that was once merged away stops being an alias and is a story again.
     */
    void splitStory(String from, String into, List<String> articleIds);

    Optional<Article> article(String id);

    /** The story's articles in publication order (undated last). */
    List<Article> storyArticles(String storyId);

    /** The ids of the story's articles in publication order: {@link #storyArticles} without reading them. */
    List<String> storyArticleIds(String storyId);

    /** All stories, latest publication first. */
    List<StorySummary> stories();

    Optional<StorySummary> story(String id);

    /**
     * The id of the story, or of the story an absorbed story merged into: {@link #story}'s id without reading the
     * summary (for a 600-article story, every article's outlet, date and title); empty when there is no such story.
     */
    default Optional<String> storyId(String id) {
        return story(id).map(StorySummary::id);
    }

    /** The story an article belongs to. */
    Optional<String> storyOf(String articleId);

    int articleCount();

    /**
     * Feeds every stored article in the order it was stored, with its clean text and metadata only (no removals, no
     * layers, the clean text standing in for the raw text): what a deduplicator replays to resume, since its decisions
     * depend on arrival order.
     */
    void forEachStored(Consumer<Article> consumer);

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

    /** The stored brief of a story (an absorbed story's id reaches the story it merged into), current or not. */
    Optional<StoredBrief> brief(String storyId);

    /**
     * The fingerprint of the story's stored brief: whether it is current, without reading the brief (a large story's
     * brief is megabytes of JSON).
     */
    Optional<String> briefFingerprint(String storyId);

    /** Stores the story's brief, replacing the one stored before. A merge drops the absorbed story's brief. */
    void saveBrief(String storyId, StoredBrief brief);

    /**
     * The same, told where the brief's items come from in the brief its builder made before ({@code changes}), so
     * that a store that saved that brief compares each item with its predecessor alone. What is stored is the same.
     */
    default void saveBrief(String storyId, StoredBrief brief, BriefChanges changes) {
        saveBrief(storyId, brief);
    }

    /**
     * The sentence vectors of an article's brief units made by embedder {@code model}, in unit order, or empty when
     * none are stored.
     */
    Optional<float[][]> unitVectors(String articleId, String model);

    void saveUnitVectors(String articleId, String model, float[][] vectors);

    @Override
    void close();
}
