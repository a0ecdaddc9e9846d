package dev.parallax.core.brief;

import dev.parallax.core.analysis.Annotator;
import dev.parallax.core.embed.Embedder;
import dev.parallax.core.embed.EmbedderChoice;
import dev.parallax.core.embed.EmbeddingException;
import dev.parallax.core.model.Article;
import dev.parallax.core.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * The stored brief of every story, kept current. A story's brief is stored with the {@link #fingerprint} of what it
 * was built from (claim model, {@link #VERSION}, the story's article ids in order; stored articles are never edited),
 * served as it is while the story gives the same fingerprint, and rebuilt and stored again when it does not: after
 * ingest ({@link #refresh}, with the stories the pipeline placed articles in, merged ones included) or on read.
 *
 * <p>Rebuilding is incremental within a process: a {@link BriefBuilder} per story (the {@value #BUILDERS} most recently
 * used) keeps the units, pair scores and claims of the articles it has seen, and the articles themselves, so a story
 * that gained articles at its end reads, embeds and aligns only those. A story whose order changed (an article
 * published before its last one, a merge) gets a fresh builder: a builder's candidates depend on the order it saw
 * the articles in, and a brief must equal the one built from scratch. Sentence vectors are kept in the store
 * ({@link Store#unitVectors}), so a fresh builder, in this process or another, re-embeds nothing already stored.
 *
 * <p>Thread-safe: builds are serialised (one embedder session).
 */
public final class StoryBriefs implements AutoCloseable {
    /**
     * Bumped when the brief's building changes, so that briefs stored by an older Parallax are rebuilt: 2 since the
     * claim model was refitted on STS-B's news train pairs over {@code minilm-q} cosines (round h38-brief-bge), which
     * changes claims while the embedder's name, and so the stored vectors, stay; 3 since the quote grid names the
     * speaker of "the Chinese Embassy in the US questioned …" by its head, not by the place after it; 4 since
     * {@link Clauses} no longer splits where the right side continues a phrase (units changed, see below); 5 since the
     * summary no longer voices a claim by a clause without its subject; 6 since the quote grid leaves out speakers
     * that are bare pronouns no earlier source resolved ("who", "it") and takes speakers that differ only in case as
     * one; 7 since it takes "Mark Heller", "Mark Jay Heller" and a lone "Heller" as one speaker and lists a claim's
     * attribution conflict once per pair of speakers; 8 since a date anchored on one inferred from the
     * story is no side of a date discrepancy; 9 since the summary takes a piece of a quotation (a quotation mark
     * without its partner) for a fragment, and leaves out a claim that only such a piece voices; 10 since the quote
     * grid names a speaker by the name before an apposition ("Mr. Weiner, a Democrat,"), drops a weekday taken for
     * a speaker and takes a surname after a title ("Mr. Weiner") as the story's one full name ending in it, a suffix ("Jr.")
     * not being the surname, a party label ("(D-N.Y.)") no part of a name, and a description naming its person in
     * apposition ("A spokesman for the DNC, Brad Woodhouse,") that person; 11 since speakers that differ only in their
     * apostrophes ("Lohan's attorney", "Lohan’s attorney") are one.
     */
    public static final int VERSION = 11;
    /**
     * Bumped when the way articles are cut into units ({@link Clauses}) changes: stored vectors are then for other
     * texts, and are embedded again (a change elsewhere in the brief needs only {@link #VERSION}); 2 since a right
     * side that continues a phrase ("… in 2011 and 2012 if …") no longer makes a unit.
     */
    public static final int UNITS_VERSION = 2;
    /**
     * The shipped sentence embedder of the brief's units: all-MiniLM-L6-v2 int8 ({@code minilm-q}), about a third of
     * float32's CPU per sentence (3.3–4.0 ms against 10.1–10.5 on the Helsinki story), the largest cost of ingesting
     * an article into a large story. The claim model is fitted on its own int8 cosines (since h38-brief-bge; before,
     * float32 weights were applied to int8 cosines, h36-units). bge-small int8 ({@code bge-q}) was tried in its place
     * and is not used: its cosine ranks two sentences on one topic as close as two accounts of one fact, so the seed
     * gold fails under every claim-model fit, and it costs twice the CPU per sentence (docs/pairs-results.md, round
     * h38-brief-bge). Unit vectors and briefs are stored under its name ({@link Embedder#name},
     * {@code minilm-q}), so a store written with another embedder (float32 MiniLM stored them as
     * {@code all-MiniLM-L6-v2}) re-embeds its articles and rebuilds its briefs instead of comparing vectors of two
     * models.
     */
    public static final EmbedderChoice EMBEDDER = EmbedderChoice.MINILM_Q;
    private static final String LEXICAL = "lexical";
    /** Builders kept: a 600-article story's builder holds some hundred MB of units and scores. */
    static final int BUILDERS = 4;
    /**
     * Unit texts whose vectors are remembered across stories and ingests in this process: a third of the sentences
     * of a large story repeat an earlier article's verbatim (syndication), and such a text takes the vector it had
     * instead of a model run. At most 50k vectors, ~80 MB when no builder shares them.
     */
    static final int RECENT_TEXTS = 50_000;

    private final Store store;
    private final Supplier<Embedder> load;
    private final boolean ownsEmbedder;
    /** The embedder's name; {@value #LEXICAL} when there is none or it failed to load. */
    private String model;
    private Embedder embedder;
    private boolean loaded;

    private final Map<String, Kept> builders = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Kept> eldest) {
            return size() > BUILDERS;
        }
    };

    private final Map<String, float[]> recentTexts = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                    return size() > RECENT_TEXTS;
                }
            });

    /** A story's builder with the articles it has built so far, in order. */
    private record Kept(BriefBuilder builder, List<Article> articles) {}

    private StoryBriefs(Store store, String model, Supplier<Embedder> load, boolean ownsEmbedder) {
        this.store = store;
        this.model = model;
        this.load = load;
        this.ownsEmbedder = ownsEmbedder;
    }

    /**
     * Briefs with the shipped {@link #EMBEDDER}, loaded on the first build (a stored current brief needs none), or by
     * words alone when it does not load; the brief says which in its notes.
     */
    public static StoryBriefs minilm(Store store) {
        return new StoryBriefs(store, EMBEDDER.label(), StoryBriefs::openEmbedder, true);
    }

    /**
     * The {@link #unitEmbedding} of {@link #minilm} briefs, for a process that analyses articles but keeps no store
     * (an executor of the Spark job): it embeds the brief units as an ingest's analysis does, under the same name.
     */
    public static Optional<Annotator> minilmUnitEmbedding() {
        return new StoryBriefs(null, EMBEDDER.label(), StoryBriefs::openEmbedder, true).unitEmbedding();
    }

    /**
     * The {@link #EMBEDDER} on one intra-op thread: ingest's analysis already runs on every core, and one short
     * sentence leaves a second ONNX thread little to do.
     */
    private static Embedder openEmbedder() {
        return EMBEDDER.open(1);
    }

    /** Briefs with the given embedder, stored under {@code model}; the caller closes the embedder. */
    public static StoryBriefs with(Store store, String model, Embedder embedder) {
        return new StoryBriefs(store, model, () -> embedder, false);
    }

    /** Briefs by words, names and numbers alone. */
    public static StoryBriefs lexical(Store store) {
        return new StoryBriefs(store, LEXICAL, () -> null, false);
    }

    /**
     * What a stored brief was built from: the claim model, {@link #VERSION} and the story's article ids in order.
     * Articles are immutable once stored (a re-ingest is skipped), so their ids stand for their texts and layers.
     */
    public static String fingerprint(String model, List<String> articleIds) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((model + "\n" + VERSION + "\n").getBytes(StandardCharsets.UTF_8));
            for (String id : articleIds) {
                sha.update((id + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * The brief of a story (an absorbed story's id reaches the story it merged into): the stored one when current,
     * else built (incrementally when this object built the story before), stored and returned.
     *
     * @throws NoSuchElementException when there is no such story
     */
    public synchronized Brief of(String storyId) {
        return ofStory(store.storyId(storyId).orElseThrow(
                () -> new NoSuchElementException("no story '" + storyId + "'")));
    }

    /** The brief of the story with this id (not an alias): the summary of a 600-article story costs ~1.5 ms to read. */
    private Brief ofStory(String id) {
        List<String> ids = store.storyArticleIds(id);
        if (store.briefFingerprint(id).filter(fingerprint(model, ids)::equals).isPresent()) {
            return store.brief(id).orElseThrow().brief();
        }
        Brief brief = build(id, ids);
        store.saveBrief(id, new StoredBrief(fingerprint(model, ids), brief), builders.get(id).builder().changes());
        return brief;
    }

    /** Brings the stored briefs of these stories up to date: what ingest calls with the stories it placed articles in. */
    public void refresh(Collection<String> storyIds) {
        refresh(storyIds, done -> {});
    }

    /** The same, telling {@code progress} the number of the given stories handled so far (a large ingest takes a while). */
    public synchronized void refresh(Collection<String> storyIds, IntConsumer progress) {
        Set<String> done = new HashSet<>();
        int handled = 0;
        for (String s : storyIds) {
            store.storyId(s).filter(done::add).ifPresent(this::ofStory);
            progress.accept(++handled);
        }
    }

    /** Whether the stored brief of the story is current: true once {@link #of} or {@link #refresh} has run since it changed. */
    public synchronized boolean current(String storyId) {
        return store.storyId(storyId).flatMap(id -> store.briefFingerprint(id)
                .map(f -> f.equals(fingerprint(model, store.storyArticleIds(id))))).orElse(false);
    }

    /** The CPU milliseconds of each step of the last build ({@link BriefBuilder#phaseMillis}); empty before one. */
    public synchronized Map<String, Double> lastBuildPhaseMillis() {
        return lastBuilt == null ? Map.of() : lastBuilt.phaseMillis();
    }

    /** The heap megabytes of each step of the last build ({@link BriefBuilder#phaseMegabytes}); empty before one. */
    public synchronized Map<String, Double> lastBuildPhaseMegabytes() {
        return lastBuilt == null ? Map.of() : lastBuilt.phaseMegabytes();
    }

    /** CPU milliseconds the last build spent off the calling thread ({@link BriefBuilder#offThreadCpuMillis}). */
    public synchronized double lastBuildOffThreadCpuMillis() {
        return lastBuilt == null ? 0 : lastBuilt.offThreadCpuMillis();
    }

    private BriefBuilder lastBuilt;

    private Brief build(String storyId, List<String> ids) {
        embedder();
        Kept kept = builders.get(storyId);
        if (kept == null || !startsWith(ids, kept.articles())) {
            kept = new Kept(new BriefBuilder(embedder, new StoredVectors(), recentTexts), List.of());
        }
        Map<String, Article> known = new HashMap<>();
        kept.articles().forEach(a -> known.put(a.id(), a));
        List<Article> articles = new ArrayList<>(ids.size());
        for (String id : ids) {
            Article a = known.get(id);
            articles.add(a != null ? a : store.article(id).orElseThrow(
                    () -> new IllegalStateException("article '" + id + "' of story '" + storyId + "' is not stored")));
        }
        Brief brief = kept.builder().build(articles);
        lastBuilt = kept.builder();
        builders.put(storyId, new Kept(kept.builder(), List.copyOf(articles)));
        return brief;
    }

    private static boolean startsWith(List<String> ids, List<Article> prefix) {
        if (prefix.size() > ids.size()) {
            return false;
        }
        for (int i = 0; i < prefix.size(); i++) {
            if (!ids.get(i).equals(prefix.get(i).id())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The annotator that embeds articles' brief units at ingest's analysis phase with this object's embedder, under
     * the name its builders look them up by; empty when briefs are lexical (no embedder, or it did not load). With it
     * in the pipeline, {@link #refresh} after an ingest embeds nothing.
     */
    public synchronized Optional<Annotator> unitEmbedding() {
        embedder();
        return embedder == null ? Optional.empty()
                : Optional.of(new UnitEmbeddingAnnotator(embedder, unitVectorsName(model), recentTexts));
    }

    /** Loads the embedder once; a model that does not load leaves the briefs lexical, under the lexical fingerprint. */
    private void embedder() {
        if (loaded) {
            return;
        }
        loaded = true;
        try {
            embedder = load.get();
        } catch (EmbeddingException e) {
            embedder = null;
        }
        if (embedder == null) {
            model = LEXICAL;
        }
    }

    /** The name unit vectors of an embedder are stored under: the embedder and {@link #UNITS_VERSION}. */
    public static String unitVectorsName(String model) {
        return model + " units-v" + UNITS_VERSION;
    }

    /** Unit vectors in the store, under this object's model name. */
    private final class StoredVectors implements UnitVectors {
        @Override
        public float[][] find(String articleId, int units) {
            return store.unitVectors(articleId, unitVectorsName(model)).filter(v -> v.length == units).orElse(null);
        }

        @Override
        public void keep(String articleId, float[][] vectors) {
            store.saveUnitVectors(articleId, unitVectorsName(model), vectors);
        }
    }

    @Override
    public synchronized void close() {
        if (ownsEmbedder && embedder != null) {
            embedder.close();
        }
    }
}
