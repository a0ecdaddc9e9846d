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
 *     {@link #mergedInto()}, oldest first; their ids should now resolve to it ({@code Store.mergeStories})
 * @param split when joining made its story split, the story the article's group left; {@code storyId} is then the
 *     new story, which the group's earlier articles move to ({@code Store.splitStory}); else null
 */
public record StoryAssignment(String articleId, String storyId, boolean opened, double score,
        List<String> mergedFrom, Split split) {
    public StoryAssignment {
        mergedFrom = List.copyOf(Objects.requireNonNull(mergedFrom, "mergedFrom"));
    }

    public StoryAssignment(String articleId, String storyId, boolean opened, double score,
            List<String> mergedFrom) {
        this(articleId, storyId, opened, score, mergedFrom, null);
    }

    public StoryAssignment(String articleId, String storyId, boolean opened, double score) {
        this(articleId, storyId, opened, score, List.of());
    }

    /**
     * The story {@link #mergedFrom} merged into: the one the article joined, which is {@code storyId} unless it then
     * split ({@link #split}), a merge first and a split second (the group split off may even begin with an absorbed
     * story's founding article, and take its id back).
     */
    public String mergedInto() {
        return split == null ? storyId : split.from();
    }

    /**
     * @param from the story that keeps its id and its founding article
     * @param moved the articles placed before this one that moved from it to the new story, in the order they came
     */
    public record Split(String from, List<String> moved) {
        public Split {
            Objects.requireNonNull(from, "from");
            moved = List.copyOf(moved);
        }
    }
}
