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
import dev.parallax.core.text.TextFingerprint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
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
    /**
     * The one thread that writes placed articles to their stores, shared like the analysis threads (a daemon), so
     * every store is written in the order its pipeline placed (see {@link #placeChunks}).
     */
    private static final ExecutorService STORE_WRITER = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("parallax-store-writer").daemon().factory());

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
     * order), by the cleaner {@link Cleaner#forBatch for this batch}. Then chunks of {@value #CHUNK} articles, in that order, are annotated on the analysis threads while this
     * thread places the chunks already annotated, so placement (sequential) overlaps the analysis instead of leaving
     * the other cores idle.
     *
     * @param progress told the number of items done so far, as work advances
     */
    public IngestReport ingest(List<RawArticle> batch, IntConsumer progress) {
        Object[] cleaned = new Object[batch.size()];
        Cleaner batchCleaner = cleaner.forBatch(batch);
        IntStream.range(0, batch.size()).parallel().forEach(i -> {
            try {
                cleaned[i] = batchCleaner.clean(batch.get(i));
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
        // an undated article is compared with every story the clusterer remembers, so a batch holding one restores
        // them all, as a batch of undated articles only does: it then finds the stories one batch of everything would
        boolean undated = !order.isEmpty() && ((Article) cleaned[order.get(order.size() - 1)]).published() == null;
        Published earliest = order.isEmpty() || undated ? null : ((Article) cleaned[order.get(0)]).published();
        List<List<Article>> plain = new ArrayList<>();
        List<Future<List<Article>>> analysed = new ArrayList<>();
        for (int from = 0; from < order.size(); from += CHUNK) {
            List<Article> chunk = order.subList(from, Math.min(order.size(), from + CHUNK)).stream()
                    .map(i -> (Article) cleaned[i]).toList();
            plain.add(chunk);
            analysed.add(ANALYSIS.submit(() -> annotate(chunk)));
        }
        Arrays.fill(cleaned, null); // each article is held by its chunk only, and let go once placed
        try {
            resume(earliest);
            resumeDeduper();
            int done = batch.size() - order.size();
            progress.accept(done);
            int[] placed = {done};
            Ledger ledger = new Ledger(Arrays.asList(outcomes));
            placeChunks(new Chunks() {
                @Override
                public boolean has(int k) {
                    return k < plain.size();
                }

                @Override
                public List<Article> plain(int k) {
                    return plain.get(k);
                }

                @Override
                public List<Article> analysed(int k) {
                    List<Article> chunk = await(analysed.get(k));
                    plain.set(k, null);
                    analysed.set(k, null);
                    return chunk;
                }
            }, outcome -> {
                ledger.record(outcome, order.get(placed[0] - done));
                progress.accept(++placed[0]);
            });
        } finally {
            analysed.stream().filter(Objects::nonNull).forEach(f -> f.cancel(false));
        }
        return new IngestReport(List.of(outcomes));
    }

    /**
     * Places articles cleaned and annotated elsewhere (by the executors of a Spark job, with {@link Pipelines#cleaner}
     * and {@link Pipelines#annotators}), as {@link #ingest} places its batch: the caller delivers them in
     * {@link #PLACEMENT_ORDER}, and the stories, links and store are then those an ingest of the same articles makes.
     *
     * @param analysed the articles, in placement order; read one chunk at a time, so they may stream from elsewhere
     * @param undated whether undated articles are among them (last, in placement order): as in {@link #ingest}, the
     *     stored stories are then all restored first, since an undated article is compared with every one
     * @param progress told the number of articles placed so far
     * @return one outcome per article, in placement order
     * @throws IllegalArgumentException when an article comes out of placement order
     */
    public List<Outcome> placeAnalysed(Iterator<Article> analysed, boolean undated, IntConsumer progress) {
        List<Outcome> outcomes = new ArrayList<>();
        List<List<Article>> read = new ArrayList<>();
        RuntimeException[] outOfOrder = {null};
        Article[] previous = {null};
        // chunks are read one ahead of placement (the next chunk's duplicate lookups run meanwhile); an article out of
        // order ends the input there, and its error comes once the chunks before it are placed and stored
        Chunks chunks = new Chunks() {
            @Override
            public boolean has(int k) {
                while (read.size() <= k && outOfOrder[0] == null && analysed.hasNext()) {
                    List<Article> chunk = new ArrayList<>(CHUNK);
                    while (chunk.size() < CHUNK && analysed.hasNext()) {
                        Article article = analysed.next();
                        if (previous[0] == null) {
                            resume(undated ? null : article.published());
                            resumeDeduper();
                        } else if (PLACEMENT_ORDER.compare(previous[0], article) > 0) {
                            outOfOrder[0] = new IllegalArgumentException("article '" + article.id() + "' comes after '"
                                    + previous[0].id() + "', out of placement order (publication time, undated last,"
                                    + " then id)");
                            return false;
                        }
                        previous[0] = article;
                        chunk.add(article);
                    }
                    read.add(chunk);
                }
                return k < read.size();
            }

            @Override
            public List<Article> plain(int k) {
                return read.get(k);
            }

            @Override
            public List<Article> analysed(int k) {
                List<Article> chunk = read.get(k);
                read.set(k, null);
                return chunk;
            }
        };
        Ledger ledger = new Ledger(outcomes);
        placeChunks(chunks, outcome -> {
            outcomes.add(null);
            ledger.record(outcome, outcomes.size() - 1);
            progress.accept(outcomes.size());
        });
        if (outOfOrder[0] != null) {
            throw outOfOrder[0];
        }
        return outcomes;
    }

    /**
     * The outcomes of one run as they come, in placement order, kept naming the story each article is in: when placing
     * an article merged stories or split one, the outcomes already put for the articles that moved are re-pointed.
     */
    private static final class Ledger {
        private final List<Outcome> outcomes;
        private final Map<String, Integer> byArticle = new HashMap<>();
        private final Map<String, Set<Integer>> byStory = new HashMap<>();
        /** The stories this run opened or split off. */
        private final Set<String> made = new HashSet<>();

        Ledger(List<Outcome> outcomes) {
            this.outcomes = outcomes;
        }

        /** Puts the outcome of the article placed next at {@code slot}, and follows its merges and split. */
        void record(Outcome placed, int slot) {
            Outcome outcome = placed;
            if (placed.status() == Status.STORED) {
                String into = placed.split() == null ? placed.storyId() : placed.split().from();
                for (String absorbed : placed.merged()) {
                    for (int at : Objects.requireNonNullElse(byStory.remove(absorbed), Set.<Integer>of())) {
                        move(at, into);
                    }
                }
                if (placed.split() != null) {
                    placed.split().moved().stream().map(byArticle::get).filter(Objects::nonNull)
                            .forEach(at -> move(at, placed.storyId()));
                }
                if (placed.openedStory()) {
                    made.add(placed.storyId());
                }
                // of the stories it merged, those this run made are not stories stored before it
                outcome = new Outcome(placed.origin(), placed.articleId(), placed.status(), placed.storyId(),
                        placed.openedStory(), placed.detail(), placed.split(),
                        placed.merged().stream().filter(absorbed -> !made.contains(absorbed)).toList());
                byArticle.put(placed.articleId(), slot);
            }
            outcomes.set(slot, outcome);
            if (outcome.storyId() != null) {
                byStory.computeIfAbsent(outcome.storyId(), s -> new HashSet<>()).add(slot);
            }
        }

        private void move(int slot, String story) {
            Outcome before = outcomes.get(slot);
            Set<Integer> left = byStory.get(before.storyId()); // null when its story merged away
            if (left != null) {
                left.remove(slot);
            }
            outcomes.set(slot, before.movedTo(story));
            byStory.computeIfAbsent(story, s -> new HashSet<>()).add(slot);
        }
    }

    /** The chunks of one run, in placement order. */
    private interface Chunks {
        /** Whether there is a chunk {@code k}. */
        boolean has(int k);

        /** Chunk {@code k} as cleaned: ids, outlets and texts, enough to look up stored copies before analysis ends. */
        List<Article> plain(int k);

        /** Chunk {@code k} analysed, the same articles in the same order; asked once, after {@link #plain}. */
        List<Article> analysed(int k);
    }

    /**
     * Places the chunks on this thread while {@link #STORE_WRITER} writes them: the store's work (about a third of
     * placing a headline, most of it SQLite inserting and committing) overlaps the next chunk's decisions instead of
     * adding to them. The writer runs, in order: the stored-copy lookups of chunk k + 1, then the writes of chunk k,
     * each chunk's writes in one batch as before. So the lookups of chunk k + 1 see every chunk up to k − 1 stored,
     * and the {@link InFlight} articles of chunks k and k + 1 fill the gap: every decision is the one of placing and
     * storing one article at a time. Outcomes come from the writer, in placement order, once their article is written
     * (a duplicate's story is read there, after the writes before it). A crash loses at most the chunks in flight;
     * a failed write ends the run with its error after the writes before it, as before: the writes queued behind it
     * are skipped.
     */
    private void placeChunks(Chunks chunks, Consumer<Outcome> placed) {
        List<Future<?>> writes = new ArrayList<>();
        AtomicBoolean failed = new AtomicBoolean();
        InFlight inFlight = new InFlight();
        Future<List<Lookup>> lookups = chunks.has(0) ? STORE_WRITER.submit(lookups(chunks.plain(0))) : null;
        try {
            for (int k = 0; lookups != null; k++) {
                List<Lookup> found = await(lookups);
                lookups = chunks.has(k + 1) ? STORE_WRITER.submit(lookups(chunks.plain(k + 1))) : null;
                List<Article> chunk = chunks.analysed(k);
                clusterer.prepare(chunk);
                inFlight.nextChunk();
                List<Write> pending = new ArrayList<>();
                try {
                    for (int i = 0; i < chunk.size(); i++) {
                        place(chunk.get(i), found.get(i), inFlight, pending, () -> {
                            writes.add(STORE_WRITER.submit(batch(List.copyOf(pending), placed, failed)));
                            pending.clear();
                            writes.forEach(Pipeline::await);
                        });
                    }
                } finally {
                    // what was placed is written even when placing the next article failed, as a batch would
                    writes.add(STORE_WRITER.submit(batch(pending, placed, failed)));
                }
                // a failed write stops the run at the next chunk rather than at the end
                while (!writes.isEmpty() && writes.get(0).isDone()) {
                    await(writes.remove(0));
                }
            }
        } finally {
            if (lookups != null) {
                lookups.cancel(false);
            }
            RuntimeException failure = null;
            for (Future<?> write : writes) {
                try {
                    await(write);
                } catch (RuntimeException e) {
                    failure = failure == null ? e : failure;
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** What the store holds of a chunk's articles before its writes: each one's fingerprint and stored copy. */
    private Callable<List<Lookup>> lookups(List<Article> chunk) {
        return () -> chunk.stream()
                .map(a -> new Lookup(a.id(), TextFingerprint.of(a.text()), store.findDuplicate(a).orElse(null)))
                .toList();
    }

    private record Lookup(String articleId, String fingerprint, String storedCopy) {}

    /** A store write of one placed article (or a duplicate's outcome), run on the writer. */
    private interface Write {
        void run(Consumer<Outcome> placed);
    }

    /** One chunk's writes in one store batch, unless a write of the run failed before them. */
    private Runnable batch(List<Write> writes, Consumer<Outcome> placed, AtomicBoolean failed) {
        return () -> {
            if (failed.get()) {
                return;
            }
            try {
                store.batch(() -> writes.forEach(w -> w.run(placed)));
            } catch (RuntimeException | Error e) {
                failed.set(true);
                throw e;
            }
        };
    }

    /**
     * The articles saved in the chunk being placed and in the one before, whose writes may not have run when the
     * current chunk's lookups did: a re-ingest of one of them (same id, or same outlet and text) is found here.
     */
    private static final class InFlight {
        private Map<String, String> current = new HashMap<>();
        private Map<String, String> previous = new HashMap<>();

        void nextChunk() {
            previous = current;
            current = new HashMap<>();
        }

        void add(Article article, String fingerprint) {
            current.put("id\0" + article.id(), article.id());
            current.put("text\0" + article.outlet().name() + "\0" + fingerprint, article.id());
        }

        /** The copy {@link Store#findDuplicate} would find were they stored: by id first, then by outlet and text. */
        String copyOf(Article article, String fingerprint, String storedCopy) {
            String byId = find("id\0" + article.id());
            if (byId != null) {
                return byId;
            }
            // a stored copy found by id beats one in flight found by text; stored and in-flight texts never repeat
            return storedCopy != null ? storedCopy : find("text\0" + article.outlet().name() + "\0" + fingerprint);
        }

        private String find(String key) {
            String id = current.get(key);
            return id != null ? id : previous.get(key);
        }
    }

    /** Annotates clean articles: each annotator in turn over the whole chunk. Free of side effects. */
    private List<Article> annotate(List<Article> articles) {
        for (Annotator annotator : annotators) {
            articles = annotator.annotateAll(articles);
        }
        return articles;
    }

    /** The task's result, or its own unchecked exception. */
    private static <T> T await(Future<T> task) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for analysis or the store", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("analysis or store failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Decides one article and adds its writes to {@code pending}; {@code flush} writes everything pending and waits,
     * for the rare read of a story's stored state during placement (an undated article's reference date).
     */
    private void place(Article analysed, Lookup lookup, InFlight inFlight, List<Write> pending, Runnable flush) {
        Article article = analysed;
        if (!lookup.articleId().equals(article.id())) {
            throw new IllegalStateException("analysis reordered the chunk: expected '" + lookup.articleId()
                    + "', got '" + article.id() + "'");
        }
        String copy = inFlight.copyOf(article, lookup.fingerprint(), lookup.storedCopy());
        if (copy != null) {
            pending.add(placed -> placed.accept(new Outcome(analysed.origin(), analysed.id(), Status.DUPLICATE,
                    store.storyOf(copy).orElse(null), false, copy)));
            return;
        }
        Observation lineage = deduper.observe(article);
        List<DuplicateLink> links = new ArrayList<>(lineage.relinked());
        lineage.link().ifPresent(links::add);
        StoryAssignment assignment = clusterer.assign(article);
        for (String from : assignment.mergedFrom()) {
            pending.add(placed -> store.mergeStories(from, assignment.mergedInto()));
        }
        if (assignment.split() != null) {
            pending.add(placed -> store.splitStory(assignment.split().from(), assignment.storyId(),
                    assignment.split().moved()));
        }
        for (Annotator annotator : annotators) {
            if (annotator instanceof StoryAwareAnnotator aware) {
                article = aware.annotateInStory(article, () -> {
                    flush.run();
                    return store.story(assignment.storyId());
                });
            }
        }
        Article annotated = article;
        pending.add(placed -> {
            store.save(annotated, assignment.storyId(), links);
            // a story split off is one the article brought into being, as one it opened
            placed.accept(new Outcome(annotated.origin(), annotated.id(), Status.STORED, assignment.storyId(),
                    assignment.opened() || assignment.split() != null, null, assignment.split(),
                    assignment.mergedFrom()));
        });
        inFlight.add(article, lookup.fingerprint());
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
