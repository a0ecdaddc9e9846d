package dev.parallax.core.embed;

import dev.parallax.core.analysis.Annotator;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.LayerKey;
import dev.parallax.core.model.Sentence;
import java.util.ArrayList;
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
        return annotateAll(List.of(article)).get(0);
    }

    /**
     * Embeds the articles' inputs in one call: a model embeds a batch of short texts for much less CPU than one text
     * at a time (for MiniLM float32, headlines in batches of 16: about 1.5× less), with the same vectors as the
     * int8 layer stores them.
     */
    @Override
    public List<Article> annotateAll(List<Article> articles) {
        List<String> inputs = new ArrayList<>();
        List<Integer> embedded = new ArrayList<>();
        for (int i = 0; i < articles.size(); i++) {
            String input = input(articles.get(i));
            if (!input.isEmpty()) {
                inputs.add(input);
                embedded.add(i);
            }
        }
        List<Article> out = new ArrayList<>(articles);
        if (inputs.isEmpty()) {
            return out;
        }
        float[][] vectors = embedder.embed(inputs);
        for (int k = 0; k < vectors.length; k++) {
            Article article = articles.get(embedded.get(k));
            out.set(embedded.get(k), article.with(Embedding.LAYER,
                    List.of(Embedding.of(0, leadEnd(article), vectors[k], embedder.name()))));
        }
        return out;
    }

    /**
     * {@inheritDoc} A stored vector made by another embedder (a store written before the pipeline's embedder changed)
     * is embedded again: its cosines with this embedder's vectors would mix two representations.
     */
    @Override
    public Article current(Article stored) {
        List<Embedding> e = stored.layer(Embedding.LAYER);
        return e.isEmpty() || e.get(0).model().equals(embedder.name()) ? stored : annotate(stored);
    }

    /** The text embedded for an article: its headline and lead, or empty when it has neither. */
    public static String input(Article article) {
        String lead = article.text().substring(0, leadEnd(article)).strip();
        String title = article.title() == null ? "" : article.title().strip();
        // headline-only items repeat the title as their text
        return title.isEmpty() || lead.startsWith(title) ? lead : lead.isEmpty() ? title : title + ". " + lead;
    }

    private static int leadEnd(Article article) {
        String text = article.text();
        List<Sentence> sentences = article.layer(LayerKey.SENTENCES);
        int end = sentences.isEmpty() ? text.length()
                : sentences.get(Math.min(LEAD_SENTENCES, sentences.size()) - 1).end();
        return Math.min(end, Math.min(text.length(), MAX_LEAD_CHARS));
    }
}
