package dev.parallax.core.brief;

/**
 * Where the items of a brief come from in the brief its builder made before ({@code previous}): for each claim, quote
 * row, speaker, discrepancy and timeline point, the index of the item it continues there, or -1 for one the build
 * derived anew. A store that saved {@code previous} then compares each item with that one alone instead of finding it
 * among the ~35k parts of a large story's brief; a continued item can still differ (a claim's status, a claim renumbered
 * under a quote), so the store compares, and whatever does not match is found by its key as without this.
 */
public record BriefChanges(Brief previous, int[] claims, int[] quotes, int[] speakers, int[] discrepancies,
        int[] timeline) {}
