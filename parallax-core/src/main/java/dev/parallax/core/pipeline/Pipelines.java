package dev.parallax.core.pipeline;

import dev.parallax.core.analysis.Annotator;
import dev.parallax.core.analysis.SentenceSplitter;
import dev.parallax.core.store.Store;
import dev.parallax.core.embed.EmbeddingAnnotator;
import dev.parallax.core.embed.OnnxEmbedder;
import dev.parallax.core.story.OnlineStoryClusterer;
import dev.parallax.core.text.NewsCleaner;
import java.util.List;

/** The standard pipeline: the one place that says which implementation each stage uses. */
public final class Pipelines {
    private Pipelines() {}

    public static Pipeline standard(Store store) {
        return new Pipeline(new NewsCleaner(), annotators(), new OnlineStoryClusterer(), store);
    }

    /** The standard annotators, in order: sentences, then the headline+lead embedding (which reads them). */
    public static List<Annotator> annotators() {
        return List.of(new SentenceSplitter(), new EmbeddingAnnotator(embedder()));
    }

    /**
     * The MiniLM embedder, loaded once per process (about a second and 90 MB) and shared: it is thread-safe. One
     * intra-op thread, since the pipeline already analyses articles in parallel on every core; its native session
     * lives until the process exits.
     */
    public static synchronized OnnxEmbedder embedder() {
        if (embedder == null) {
            embedder = OnnxEmbedder.builder().intraOpThreads(1).batchSize(1).build();
        }
        return embedder;
    }

    private static OnnxEmbedder embedder;
}
