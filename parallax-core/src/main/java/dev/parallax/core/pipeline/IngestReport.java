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
 * @param outcomes one per input item, in input order; each names the story its article (or stored copy) is in at the
 *     end of the run: later merges and splits in the same run are followed
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
     * @param storyId the story the article (STORED) or its stored copy (DUPLICATE) is in at the end of the run; else
     *     null
     * @param openedStory true when this article brought {@code storyId} into being in this run: it opened the story,
     *     or placing it split the story off; false when the story it opened was merged into another later in the run
     * @param detail the rejection reason, or the id of the stored copy for a duplicate
     * @param split when placing the article split its story ({@code StoryAssignment.split}): the story its group left
     *     and the earlier articles that moved with it to the new story; else null
     * @param merged stories stored before this run that placing the article showed to be one with its own, and that
     *     were merged into it ({@code StoryAssignment.mergedFrom}); their ids now resolve to it
     */
    public record Outcome(String origin, String articleId, Status status, String storyId, boolean openedStory,
            String detail, StoryAssignment.Split split, List<String> merged) {
        public Outcome {
            merged = List.copyOf(merged);
        }

        public Outcome(String origin, String articleId, Status status, String storyId, boolean openedStory,
                String detail) {
            this(origin, articleId, status, storyId, openedStory, detail, null, List.of());
        }

        /**
         * This outcome with the article in another story, which a later merge or split in the same run moved it to;
         * the article no longer names a story it opened.
         */
        Outcome movedTo(String story) {
            return new Outcome(origin, articleId, status, story, openedStory && story.equals(storyId), detail, split,
                    merged);
        }
    }

    public long count(Status status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }

    /**
     * The stories articles were stored in, and those that lost articles to a split, in input order, each once. A story
     * that lost articles and was merged into another later in the run is named by its old id, which the store resolves
     * to the story it merged into.
     */
    public List<String> storiesChanged() {
        return outcomes.stream().filter(o -> o.status() == Status.STORED)
                .flatMap(o -> o.split() == null ? Stream.of(o.storyId()) : Stream.of(o.storyId(), o.split().from()))
                .distinct().toList();
    }

    /**
     * The stories this run brought into being that are still there at its end: those an article opened, and those a
     * split made, less those merged into another story later in the run.
     */
    public long storiesOpened() {
        return outcomes.stream().filter(Outcome::openedStory).count();
    }

    /** The stories stored before this run that it merged into others. */
    public long storiesMerged() {
        return outcomes.stream().flatMap(o -> o.merged().stream()).distinct().count();
    }

    /** The one-line summary every ingesting command prints (ingest, follow, demo, spark). */
    public String summary() {
        long stored = count(Status.STORED);
        long merged = storiesMerged();
        return "Ingested " + stored + " article" + (stored == 1 ? "" : "s") + " (" + storiesOpened() + " new stor"
                + (storiesOpened() == 1 ? "y" : "ies")
                + (merged == 0 ? "" : "; " + merged + " earlier stor" + (merged == 1 ? "y merged into another"
                        : "ies merged into others"))
                + "); " + count(Status.DUPLICATE) + " already stored; " + count(Status.REJECTED) + " rejected.";
    }

    /**
     * The JSON every ingesting command prints: {stored, duplicates, rejected, storiesOpened, storiesMerged, items}.
     */
    public ObjectNode toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("stored", count(Status.STORED));
        root.put("duplicates", count(Status.DUPLICATE));
        root.put("rejected", count(Status.REJECTED));
        root.put("storiesOpened", storiesOpened());
        root.put("storiesMerged", storiesMerged());
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
            if (!o.merged().isEmpty()) {
                o.merged().forEach(item.putArray("merged")::add);
            }
        }
        return root;
    }
}
