package dev.parallax.core.brief;

/**
 * A story's brief as the store keeps it.
 *
 * @param fingerprint what it was built from ({@link StoryBriefs#fingerprint}): it is current while the story's
 *     articles give the same fingerprint
 */
public record StoredBrief(String fingerprint, Brief brief) {}
