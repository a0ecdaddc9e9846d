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
import java.util.List;

/** The standard pipeline: the one place that says which implementation each stage uses. */
public final class Pipelines {
    private Pipelines() {}

    public static Pipeline standard(Store store) {
        return new Pipeline(cleaner(), annotators(), new OnlineStoryClusterer(), new Deduper(), store);
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
     * intra-op thread, since the pipeline already analyses articles in parallel on every core. Batches of 16 texts of
     * similar length: a headline alone leaves the model's matrix products too small to run efficiently, and 16 cost
     * about 1.5× less CPU each, with vectors that are the same once stored as int8 (3,000 of 3,000 Reuters headlines
     * identical to one-at-a-time; padding is masked). Its native session
     * lives until the process exits. The cache remembers the last 10,000 distinct inputs (about 20 MB): feeds repeat
     * headlines (12 % of the first 20,000 Reuters 2015 headlines repeat a title), and a repeat costs a lookup
     * instead of a model run, with the very same vector.
     */
    public static synchronized OnnxEmbedder embedder() {
        if (embedder == null) {
            embedder = OnnxEmbedder.builder().intraOpThreads(1).batchSize(16).cacheSize(10_000).build();
        }
        return embedder;
    }

    private static OnnxEmbedder embedder;
}
