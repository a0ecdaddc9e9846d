package dev.parallax.core.pipeline;

import dev.parallax.core.analysis.Annotator;
import dev.parallax.core.analysis.SentenceSplitter;
import dev.parallax.core.analysis.entity.EntityAnnotator;
import dev.parallax.core.analysis.quantity.QuantityAnnotator;
import dev.parallax.core.analysis.quote.QuoteAnnotator;
import dev.parallax.core.analysis.time.TimexAnnotator;
import dev.parallax.core.store.Store;
import dev.parallax.core.story.TfIdfStoryClusterer;
import dev.parallax.core.text.Cleaner;
import dev.parallax.core.text.NewsCleaner;
import java.util.List;

/** The standard pipeline: the one place that says which implementation each stage uses. */
public final class Pipelines {
    private Pipelines() {}

    public static Pipeline standard(Store store) {
        return new Pipeline(cleaner(), annotators(), new TfIdfStoryClusterer(), store);
    }

    public static Cleaner cleaner() {
        return new NewsCleaner();
    }

    /** The annotators, in the order they run (later ones may read the layers of earlier ones). */
    public static List<Annotator> annotators() {
        return List.of(new SentenceSplitter(), new EntityAnnotator(), new QuoteAnnotator(), new TimexAnnotator(),
                new QuantityAnnotator());
    }
}
