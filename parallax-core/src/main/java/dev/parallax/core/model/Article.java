package dev.parallax.core.model;

import java.util.List;
import java.util.Objects;

/**
 * A cleaned article: its clean text once, metadata, what cleaning removed, and standoff layers that annotators add.
 * Immutable: every stage returns a new value.
 *
 * @param id stable identifier (from the {@link RawArticle})
 * @param origin provenance of the raw article
 * @param outlet the publishing outlet ({@link Outlet#UNKNOWN} when not known)
 * @param published publication time, or null when neither the source nor the text says
 * @param url the article URL, or null
 * @param title the headline, or null
 * @param text the clean body: paragraphs separated by a blank line
 * @param rawText the body as delivered, which {@link Removal} offsets refer to
 * @param removals what cleaning took out, in raw-text order
 * @param layers standoff layers over {@code text}
 */
public record Article(String id, String origin, Outlet outlet, Published published, String url, String title,
        String text, String rawText, List<Removal> removals, Layers layers) {
    public Article {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(outlet, "outlet");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(rawText, "rawText");
        removals = List.copyOf(removals);
        Objects.requireNonNull(layers, "layers");
    }

    public <T extends Spanned> List<T> layer(LayerKey<T> key) {
        return layers.get(key);
    }

    public <T extends Spanned> Article with(LayerKey<T> key, List<? extends T> spans) {
        for (T s : spans) {
            if (s.end() > text.length()) {
                throw new IllegalArgumentException(key.name() + " span [" + s.start() + ", " + s.end()
                        + ") is outside the " + text.length() + "-char text of " + id);
            }
        }
        return new Article(id, origin, outlet, published, url, title, text, rawText, removals,
                layers.with(key, spans));
    }

    public Article withPublished(Published when) {
        return new Article(id, origin, outlet, when, url, title, text, rawText, removals, layers);
    }

    /** The title if there is one, else the first sentence or the start of the text: what a list shows. */
    public String headline() {
        if (title != null && !title.isBlank()) {
            return title.strip();
        }
        List<Sentence> sentences = layer(LayerKey.SENTENCES);
        String first = sentences.isEmpty() ? text : sentences.get(0).textIn(text);
        first = first.strip();
        if (first.length() <= 120) {
            return first;
        }
        int cut = first.lastIndexOf(' ', 118);
        return first.substring(0, cut > 60 ? cut : 118).strip() + "…";
    }

    public String textOf(Spanned span) {
        return span.textIn(text);
    }
}
