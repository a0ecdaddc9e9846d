package dev.parallax.core.story;

import java.util.List;
import java.util.Objects;

/**
 * A clusterer's decision for one article.
 *
 * @param articleId the article placed
 * @param storyId the story it joined or opened
 * @param opened true when the article opened a new story
 * @param score the similarity to the story it joined (0 when it opened one)
 * @param mergedFrom open stories that this article showed to be the same story and that were merged into
 *     {@code storyId}, oldest first; their ids should now resolve to it ({@code Store.mergeStories})
 */
public record StoryAssignment(String articleId, String storyId, boolean opened, double score,
        List<String> mergedFrom) {
    public StoryAssignment {
        mergedFrom = List.copyOf(Objects.requireNonNull(mergedFrom, "mergedFrom"));
    }

    public StoryAssignment(String articleId, String storyId, boolean opened, double score) {
        this(articleId, storyId, opened, score, List.of());
    }
}
