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
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Wires the stages: clean and annotate every article of a batch (in parallel: analysis is per article), then dedupe,
 * cluster and store them one by one in publication order (sequential: those decisions depend on what came before),
 * overlapping the two.
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
    /** Articles per analysis task: enough for the embedder to batch short texts, and placement can start early. */
    public static final int CHUNK = 64;
    /** The order articles are placed in: publication time, undated last, then id. */
    public static final Comparator<Article> PLACEMENT_ORDER = Comparator.comparing(Article::published,
            Comparator.nullsLast(Comparator.<Published>naturalOrder())).thenComparing(Article::id);
    /**
     * One analysis thread per core, shared by every pipeline of the process (daemons: they live as long as it does).
     * Placement runs on the ingesting thread meanwhile.
     */
    private static final ExecutorService ANALYSIS = Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(), Thread.ofPlatform().name("parallax-analysis-", 0).daemon()
                    .factory());

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

    /**
     * Ingests a batch. Articles are placed in publication order (undated ones last, then by id), which makes the
     * stories deterministic for a given batch.
     *
     * <p>Every article is cleaned first (in parallel: the cleaner may find the publication time, which sets the
     * order). Then chunks of {@value #CHUNK} articles, in that order, are annotated on the analysis threads while this
     * thread places the chunks already annotated, so placement (sequential) overlaps the analysis instead of leaving
     * the other cores idle.
     *
     * @param progress told the number of items done so far, as work advances
     */
    public IngestReport ingest(List<RawArticle> batch, IntConsumer progress) {
        Object[] cleaned = new Object[batch.size()];
        IntStream.range(0, batch.size()).parallel().forEach(i -> {
            try {
                cleaned[i] = cleaner.clean(batch.get(i));
            } catch (InvalidArticleException e) {
                cleaned[i] = e.getMessage();
            }
        });
        Outcome[] outcomes = new Outcome[batch.size()];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (cleaned[i] instanceof Article) {
                order.add(i);
            } else {
                outcomes[i] = new Outcome(batch.get(i).origin(), batch.get(i).id(), Status.REJECTED, null, false,
                        (String) cleaned[i]);
            }
        }
        order.sort(Comparator.comparing(i -> (Article) cleaned[i], PLACEMENT_ORDER));
        Published earliest = order.isEmpty() ? null : ((Article) cleaned[order.get(0)]).published();
        List<Future<List<Article>>> chunks = new ArrayList<>();
        for (int from = 0; from < order.size(); from += CHUNK) {
            List<Article> chunk = order.subList(from, Math.min(order.size(), from + CHUNK)).stream()
                    .map(i -> (Article) cleaned[i]).toList();
            chunks.add(ANALYSIS.submit(() -> annotate(chunk)));
        }
        Arrays.fill(cleaned, null); // each article is held by its chunk only, and let go once placed
        try {
            resume(earliest);
            resumeDeduper();
            int done = batch.size() - order.size();
            progress.accept(done);
            int[] placed = {done};
            for (int c = 0; c < chunks.size(); c++) {
                List<Article> annotated = annotated(chunks.get(c));
                chunks.set(c, null);
                placeChunk(annotated, outcome -> {
                    outcomes[order.get(placed[0] - done)] = outcome;
                    progress.accept(++placed[0]);
                });
            }
        } finally {
            chunks.stream().filter(Objects::nonNull).forEach(f -> f.cancel(false));
        }
        return new IngestReport(List.of(outcomes));
    }

    /**
     * Places articles cleaned and annotated elsewhere (by the executors of a Spark job, with {@link Pipelines#cleaner}
     * and {@link Pipelines#annotators}), as {@link #ingest} places its batch: the caller delivers them in
     * {@link #PLACEMENT_ORDER}, and the stories, links and store are then those an ingest of the same articles makes.
     *
     * @param analysed the articles, in placement order; read one chunk at a time, so they may stream from elsewhere
     * @param progress told the number of articles placed so far
     * @return one outcome per article, in placement order
     * @throws IllegalArgumentException when an article comes out of placement order
     */
    public List<Outcome> placeAnalysed(Iterator<Article> analysed, IntConsumer progress) {
        List<Outcome> outcomes = new ArrayList<>();
        List<Article> chunk = new ArrayList<>(CHUNK);
        Article previous = null;
        while (analysed.hasNext()) {
            Article article = analysed.next();
            if (previous == null) {
                resume(article.published());
                resumeDeduper();
            } else if (PLACEMENT_ORDER.compare(previous, article) > 0) {
                throw new IllegalArgumentException("article '" + article.id() + "' comes after '" + previous.id()
                        + "', out of placement order (publication time, undated last, then id)");
            }
            previous = article;
            chunk.add(article);
            if (chunk.size() == CHUNK || !analysed.hasNext()) {
                placeChunk(chunk, outcome -> {
                    outcomes.add(outcome);
                    progress.accept(outcomes.size());
                });
                chunk.clear();
            }
        }
        return outcomes;
    }

    /** Places a chunk in one commit: a crash loses at most the chunk being placed, which a re-ingest redoes. */
    private void placeChunk(List<Article> chunk, Consumer<Outcome> placed) {
        clusterer.prepare(chunk);
        store.batch(() -> {
            for (Article article : chunk) {
                placed.accept(place(article));
            }
        });
    }

    /** Annotates clean articles: each annotator in turn over the whole chunk. Free of side effects. */
    private List<Article> annotate(List<Article> articles) {
        for (Annotator annotator : annotators) {
            articles = annotator.annotateAll(articles);
        }
        return articles;
    }

    private static List<Article> annotated(Future<List<Article>> chunk) {
        try {
            return chunk.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for analysis", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("analysis failed: " + e.getCause(), e.getCause());
        }
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
            store.mergeStories(from, assignment.mergedInto());
        }
        if (assignment.split() != null) {
            store.splitStory(assignment.split().from(), assignment.storyId(), assignment.split().moved());
        }
        for (Annotator annotator : annotators) {
            if (annotator instanceof StoryAwareAnnotator aware) {
                article = aware.annotateInStory(article, () -> store.story(assignment.storyId()));
            }
        }
        store.save(article, assignment.storyId(), links);
        return new Outcome(article.origin(), article.id(), Status.STORED, assignment.storyId(), assignment.opened(),
                null, assignment.split() == null ? null : assignment.split().from());
    }

    /** A stored article with the layers this pipeline's annotators would give it now (see {@link Annotator#current}). */
    private Article current(Article stored) {
        for (Annotator annotator : annotators) {
            stored = annotator.current(stored);
        }
        return stored;
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
                clusterer.restore(current(article), storyId);
            }
        });
        restoredSince = since;
    }
}
