package dev.parallax.core.pipeline;

import dev.parallax.core.analysis.Annotator;
import dev.parallax.core.analysis.StoryAwareAnnotator;
import dev.parallax.core.dedup.Deduper;
import dev.parallax.core.dedup.DuplicateLink;
import dev.parallax.core.dedup.Observation;
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
 *
 * <p>Duplicates: a re-ingest (the same id, or the same outlet with the same text) is skipped. Any other article is
 * stored, and the {@link Deduper} links it to its family original when it copies one: an exact copy from another
 * outlet is a syndicated reprint, evidence of syndication rather than noise, so it is kept and linked EXACT. The
 * links go into the same transaction as the article. On its first batch the pipeline replays every stored article
 * into the Deduper, in stored order, which rebuilds the same families: 2.1 s for the 19,043 articles of
 * Reuters-21578 (docs/dedup-results.md), most of it reading texts, of which sketching is a fifth. Persisted sketches
 * would save that fifth and tie the schema to the sketch parameters, so the replay stays until stores outgrow it.
 */
public final class Pipeline {
    private final Cleaner cleaner;
    private final List<Annotator> annotators;
    private final StoryClusterer clusterer;
    private final Deduper deduper;
    private final Store store;
    private Instant restoredSince;
    private boolean dedupResumed;

    /** @param deduper a fresh one: the pipeline fills it with the stored articles before its first batch */
    public Pipeline(Cleaner cleaner, List<Annotator> annotators, StoryClusterer clusterer, Deduper deduper,
            Store store) {
        this.cleaner = cleaner;
        this.annotators = List.copyOf(annotators);
        this.clusterer = clusterer;
        this.deduper = deduper;
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
        resumeDeduper();
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
        Observation lineage = deduper.observe(article);
        List<DuplicateLink> links = new ArrayList<>(lineage.relinked());
        lineage.link().ifPresent(links::add);
        StoryAssignment assignment = clusterer.assign(article);
        for (String from : assignment.mergedFrom()) {
            store.mergeStories(from, assignment.storyId());
        }
        for (Annotator annotator : annotators) {
            if (annotator instanceof StoryAwareAnnotator aware) {
                article = aware.annotateInStory(article, () -> store.story(assignment.storyId()));
            }
        }
        store.save(article, assignment.storyId(), links);
        return new Outcome(article.origin(), article.id(), Status.STORED, assignment.storyId(), assignment.opened(),
                null);
    }

    /** Replays every stored article into the Deduper once, in stored order: its links then come out as stored. */
    private void resumeDeduper() {
        if (!dedupResumed) {
            store.forEachStored(deduper::observe);
            dedupResumed = true;
        }
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
