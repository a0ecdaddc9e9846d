package dev.parallax.core.embed;

import dev.parallax.core.analysis.Annotator;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.LayerKey;
import dev.parallax.core.model.Sentence;
import java.util.List;
import java.util.Objects;

/**
 * Adds the {@link Embedding} of the headline and the lead (the first {@value #LEAD_SENTENCES} sentences, from the
 * {@link LayerKey#SENTENCES} layer, so this runs after the sentence splitter). Only the lead is embedded: it names the
 * event, costs a fraction of the whole body (the model's time grows with the tokens), and the body is covered by the
 * clusterer's TF-IDF features. Stateless and thread-safe when the embedder is.
 */
public final class EmbeddingAnnotator implements Annotator {
    static final int LEAD_SENTENCES = 2;
    /** Bounds the lead when the sentence layer is missing or a "sentence" runs on. */
    private static final int MAX_LEAD_CHARS = 600;

    private final Embedder embedder;

    public EmbeddingAnnotator(Embedder embedder) {
        this.embedder = Objects.requireNonNull(embedder, "embedder");
    }

    @Override
    public Article annotate(Article article) {
        String text = article.text();
        int end = leadEnd(article);
        String lead = text.substring(0, end).strip();
        String title = article.title() == null ? "" : article.title().strip();
        // headline-only items repeat the title as their text
        String input = title.isEmpty() || lead.startsWith(title) ? lead : lead.isEmpty() ? title : title + ". " + lead;
        if (input.isEmpty()) {
            return article;
        }
        float[] vector = embedder.embed(List.of(input))[0];
        return article.with(Embedding.LAYER, List.of(Embedding.of(0, end, vector)));
    }

    private static int leadEnd(Article article) {
        String text = article.text();
        List<Sentence> sentences = article.layer(LayerKey.SENTENCES);
        int end = sentences.isEmpty() ? text.length()
                : sentences.get(Math.min(LEAD_SENTENCES, sentences.size()) - 1).end();
        return Math.min(end, Math.min(text.length(), MAX_LEAD_CHARS));
    }
}
