package dev.parallax.core.pipeline;

import dev.parallax.core.analysis.Annotator;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.InvalidArticleException;
import dev.parallax.core.model.Published;
import dev.parallax.core.model.RawArticle;
import dev.parallax.core.pipeline.IngestReport.Outcome;
import dev.parallax.core.pipeline.IngestReport.Status;
import dev.parallax.core.store.Store;
import dev.parallax.core.story.StoryAssignment;
import dev.parallax.core.story.StoryClusterer;
import dev.parallax.core.text.Cleaner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Wires the stages: clean and annotate every article of a batch (in parallel: analysis is per article), then dedupe,
 * cluster and store them one by one in publication order (sequential: those decisions depend on what came before).
 */
public final class Pipeline {
    private final Cleaner cleaner;
    private final List<Annotator> annotators;
    private final StoryClusterer clusterer;
    private final Store store;
    private Instant restoredSince;

    public Pipeline(Cleaner cleaner, List<Annotator> annotators, StoryClusterer clusterer, Store store) {
        this.cleaner = cleaner;
        this.annotators = List.copyOf(annotators);
        this.clusterer = clusterer;
        this.store = store;
    }

    /** Cleans and annotates one article: the per-article part of the pipeline, free of side effects. */
    public Article analyse(RawArticle raw) {
        Article article = cleaner.clean(raw);
        for (Annotator annotator : annotators) {
            article = annotator.annotate(article);
        }
        return article;
    }

    /**
     * Ingests a batch. Articles are placed in publication order (undated ones last, then by id), which makes the
     * stories deterministic for a given batch.
     *
     * @param progress told the number of items done so far, as work advances
     */
    public IngestReport ingest(List<RawArticle> batch, IntConsumer progress) {
        Object[] analysed = new Object[batch.size()];
        IntStream.range(0, batch.size()).parallel().forEach(i -> {
            try {
                analysed[i] = analyse(batch.get(i));
            } catch (InvalidArticleException e) {
                analysed[i] = e.getMessage();
            }
        });
        Outcome[] outcomes = new Outcome[batch.size()];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (analysed[i] instanceof Article) {
                order.add(i);
            } else {
                outcomes[i] = new Outcome(batch.get(i).origin(), batch.get(i).id(), Status.REJECTED, null, false,
                        (String) analysed[i]);
            }
        }
        order.sort(Comparator.comparing((Integer i) -> ((Article) analysed[i]).published(),
                Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(i -> ((Article) analysed[i]).id()));
        resume(order.isEmpty() ? null : ((Article) analysed[order.get(0)]).published());
        int done = batch.size() - order.size();
        progress.accept(done);
        for (int i : order) {
            outcomes[i] = place((Article) analysed[i]);
            progress.accept(++done);
        }
        return new IngestReport(List.of(outcomes));
    }

    private Outcome place(Article article) {
        Optional<String> copy = store.findDuplicate(article);
        if (copy.isPresent()) {
            return new Outcome(article.origin(), article.id(), Status.DUPLICATE, store.storyOf(copy.get()).orElse(null),
                    false, copy.get());
        }
        StoryAssignment assignment = clusterer.assign(article);
        for (String from : assignment.mergedFrom()) {
            store.mergeStories(from, assignment.storyId());
        }
        store.save(article, assignment.storyId());
        return new Outcome(article.origin(), article.id(), Status.STORED, assignment.storyId(), assignment.opened(),
                null);
    }

    /**
     * Lets the clusterer see the stored articles that can still attract new ones: those within its active window
     * before the earliest article of this batch. Done once per pipeline; a batch older than that replays again.
     */
    private void resume(Published earliest) {
        Instant since = earliest == null ? Instant.MIN : earliest.instant().minus(clusterer.activeWindow());
        if (restoredSince != null && !since.isBefore(restoredSince)) {
            return;
        }
        Instant until = restoredSince;
        store.forEachPlaced(since, (article, storyId) -> {
            // Undated articles and those from `until` on were seen in the first replay or placed since.
            if (until == null || article.published() != null && article.published().instant().isBefore(until)) {
                clusterer.restore(article, storyId);
            }
        });
        restoredSince = since;
    }
}
