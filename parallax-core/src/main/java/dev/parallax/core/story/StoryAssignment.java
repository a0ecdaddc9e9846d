package dev.parallax.core.story;

/**
 * A clusterer's decision for one article.
 *
 * @param articleId the article placed
 * @param storyId the story it joined or opened
 * @param opened true when the article opened a new story
 * @param score the similarity to the story it joined (0 when it opened one)
 */
public record StoryAssignment(String articleId, String storyId, boolean opened, double score) {}
