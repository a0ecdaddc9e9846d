package dev.parallax.core.pipeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parallax.core.story.StoryAssignment;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What one ingest did, item by item.
 *
 * @param outcomes one per input item, in input order; each stored article's story is the one it is in at the end of
 *     the run, except that a story merged into another later in the run is named by its old id, which the store
 *     resolves to the story it merged into
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
     * @param split when placing the article split its story ({@code StoryAssignment.split}): the story its group left
     *     and the earlier articles that moved with it to {@code storyId}, a new story; else null
     */
    public record Outcome(String origin, String articleId, Status status, String storyId, boolean openedStory,
            String detail, StoryAssignment.Split split) {
        public Outcome(String origin, String articleId, Status status, String storyId, boolean openedStory,
                String detail) {
            this(origin, articleId, status, storyId, openedStory, detail, null);
        }

        /** This outcome with the article in another story: a later split in the same run moved it there. */
        Outcome movedTo(String story) {
            return new Outcome(origin, articleId, status, story, openedStory, detail, split);
        }
    }

    public long count(Status status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }

    /**
     * The stories articles were stored in, and those that lost articles to a split, in input order, each once. A story
     * merged into another later in the batch is named by its old id, which the store resolves to the story it merged
     * into.
     */
    public List<String> storiesChanged() {
        return outcomes.stream().filter(o -> o.status() == Status.STORED)
                .flatMap(o -> o.split() == null ? Stream.of(o.storyId()) : Stream.of(o.storyId(), o.split().from()))
                .distinct().toList();
    }

    /** The stories this run brought into being: those an article opened, and those a split made. */
    public long storiesOpened() {
        return outcomes.stream().filter(o -> o.openedStory() || o.split() != null).count();
    }

    /** The one-line summary every ingesting command prints (ingest, follow, demo, spark). */
    public String summary() {
        long stored = count(Status.STORED);
        return "Ingested " + stored + " article" + (stored == 1 ? "" : "s") + " (" + storiesOpened() + " new stor"
                + (storiesOpened() == 1 ? "y" : "ies") + "); " + count(Status.DUPLICATE) + " already stored; "
                + count(Status.REJECTED) + " rejected.";
    }

    /** The JSON every ingesting command prints: {stored, duplicates, rejected, storiesOpened, items}. */
    public ObjectNode toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("stored", count(Status.STORED));
        root.put("duplicates", count(Status.DUPLICATE));
        root.put("rejected", count(Status.REJECTED));
        root.put("storiesOpened", storiesOpened());
        ArrayNode items = root.putArray("items");
        for (Outcome o : outcomes) {
            ObjectNode item = items.addObject();
            item.put("origin", o.origin());
            item.put("id", o.articleId());
            item.put("status", o.status().name().toLowerCase(Locale.ROOT));
            item.put("story", o.storyId());
            if (o.detail() != null) {
                item.put(o.status() == Status.DUPLICATE ? "duplicateOf" : "reason", o.detail());
            }
        }
        return root;
    }
}
