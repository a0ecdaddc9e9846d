package dev.parallax.core.pipeline;

import java.util.List;

/**
 * What one ingest did, item by item.
 *
 * @param outcomes one per input item, in input order
 */
public record IngestReport(List<Outcome> outcomes) {
    public IngestReport {
        outcomes = List.copyOf(outcomes);
    }

    public enum Status {
        /** Stored, and placed in a story. */
        STORED,
        /** Already in the store (same id, or same outlet and same normalised text): nothing written. */
        DUPLICATE,
        /** Not an article: the reason says why. Nothing written. */
        REJECTED
    }

    /**
     * @param origin the input item (path, path:line)
     * @param articleId the article id, or null when the item was rejected before it had one
     * @param status what happened
     * @param storyId the story it joined (STORED), or the story of the stored copy (DUPLICATE); else null
     * @param openedStory true when the article opened a new story
     * @param detail the rejection reason, or the id of the stored copy for a duplicate
     */
    public record Outcome(String origin, String articleId, Status status, String storyId, boolean openedStory,
            String detail) {}

    public long count(Status status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }

    /**
     * The stories articles were stored in, in input order, each once. A story merged into another later in the batch
     * is named by its old id, which the store resolves to the story it merged into.
     */
    public List<String> storiesChanged() {
        return outcomes.stream().filter(o -> o.status() == Status.STORED).map(Outcome::storyId).distinct().toList();
    }

    public long storiesOpened() {
        return outcomes.stream().filter(Outcome::openedStory).count();
    }
}
