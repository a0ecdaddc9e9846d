package dev.parallax.core.pipeline;

import dev.parallax.core.analysis.Annotator;
import dev.parallax.core.analysis.SentenceSplitter;
import dev.parallax.core.analysis.entity.EntityAnnotator;
import dev.parallax.core.analysis.quantity.QuantityAnnotator;
import dev.parallax.core.analysis.quote.QuoteAnnotator;
import dev.parallax.core.analysis.time.TimexAnnotator;
import dev.parallax.core.dedup.Deduper;
import dev.parallax.core.embed.Embedder;
import dev.parallax.core.embed.EmbeddingAnnotator;
import dev.parallax.core.embed.OnnxEmbedder;
import dev.parallax.core.store.Store;
import dev.parallax.core.story.OnlineStoryClusterer;
import dev.parallax.core.text.Cleaner;
import dev.parallax.core.text.NewsCleaner;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The standard pipeline: the one place that says which implementation each stage uses. */
public final class Pipelines {
    private Pipelines() {}

    public static Pipeline standard(Store store) {
        return standard(store, Optional.empty());
    }

    /**
     * The standard pipeline with further annotators after the standard ones: the brief's unit embedding
     * ({@link dev.parallax.core.brief.StoryBriefs#unitEmbedding}) where briefs are kept current after ingest.
     */
    public static Pipeline standard(Store store, Optional<Annotator> extra) {
        List<Annotator> all = new ArrayList<>(annotators());
        extra.ifPresent(all::add);
        return new Pipeline(cleaner(), all, new OnlineStoryClusterer(), new Deduper(), store);
    }

    public static Cleaner cleaner() {
        return new NewsCleaner();
    }

    /**
     * The annotators, in the order they run (later ones may read the layers of earlier ones): the headline+lead
     * embedding reads the sentences.
     */
    public static List<Annotator> annotators() {
        return annotators(embedder());
    }

    /** The same annotators with another embedder (a faster one, or one that caches vectors across runs). */
    public static List<Annotator> annotators(Embedder embedder) {
        return List.of(new SentenceSplitter(), new EntityAnnotator(), new QuoteAnnotator(), new TimexAnnotator(),
                new QuantityAnnotator(), new EmbeddingAnnotator(embedder));
    }

    /**
     * The MiniLM embedder, loaded once per process (about a second and 90 MB) and shared: it is thread-safe. One
     * intra-op thread, since the pipeline already analyses articles in parallel on every core. Texts of similar length
     * go in batches of up to 16 and 256 padded tokens: a headline alone leaves the model's matrix products too small
     * to run efficiently (16 headlines cost about 1.3× less CPU each), while batches of long leads cost more than one
     * at a time (docs/BENCHMARKS.md); padding is masked, so the stored int8 vectors are those of one text at a time.
     * Its native session
     * lives until the process exits. The cache remembers the last 10,000 distinct inputs (about 20 MB): feeds repeat
     * headlines (12 % of the first 20,000 Reuters 2015 headlines repeat a title), and a repeat costs a lookup
     * instead of a model run, with the very same vector.
     */
    public static synchronized OnnxEmbedder embedder() {
        if (embedder == null) {
            embedder = OnnxEmbedder.builder().intraOpThreads(1).batchSize(16).batchTokens(256).cacheSize(10_000).build();
        }
        return embedder;
    }

    private static OnnxEmbedder embedder;
}
