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

    public static NewsCleaner cleaner() {
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
     * The pipeline's headline+lead embedder: MiniLM with int8 dynamic quantization ({@code minilm-q}), about half the
     * CPU of float32 per lead. It is the post-training quantization of {@link #referenceEmbedder}: the story model was
     * fitted on float32 vectors and is used with these unchanged, since refitting on the quantized vectors moved the
     * cross-validated thresholds by a coin toss (docs/BENCHMARKS.md, "Story clustering quality", h34-quant, h36-ptq).
     * One text per ONNX call: the quantized activations' scales depend on the batch. Loaded once per process (about a
     * second) and shared: it is thread-safe. One intra-op thread, since the pipeline already analyses articles in
     * parallel on every core. Its native session lives until the process exits. The cache remembers the last 10,000
     * distinct inputs (about 20 MB): feeds repeat headlines (12 % of the first 20,000 Reuters 2015 headlines repeat a
     * title), and a repeat costs a lookup instead of a model run, with the very same vector.
     */
    public static synchronized OnnxEmbedder embedder() {
        if (embedder == null) {
            embedder = OnnxEmbedder.builder().model(OnnxEmbedder.Model.MINILM_L6_V2_Q).intraOpThreads(1)
                    .cacheSize(10_000).build();
        }
        return embedder;
    }

    /**
     * Float32 MiniLM, the representation the story model is fitted on ({@code parallax eval clustering --fit}), so
     * that the documented refit remakes the shipped model; {@link #embedder} approximates it at run time. Texts of
     * similar length go in batches of up to 16 and 256 padded tokens (16 headlines cost about 1.3× less CPU each than
     * one at a time, long leads more in a batch); padding is masked, so the vectors are those of one text at a time.
     * Loaded on first use, once per process.
     */
    public static synchronized OnnxEmbedder referenceEmbedder() {
        if (referenceEmbedder == null) {
            referenceEmbedder = OnnxEmbedder.builder().intraOpThreads(1).batchSize(16).batchTokens(256).build();
        }
        return referenceEmbedder;
    }

    private static OnnxEmbedder embedder;
    private static OnnxEmbedder referenceEmbedder;
}
