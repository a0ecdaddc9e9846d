package dev.parallax.core.model;

import java.util.Objects;

/**
 * Names a standoff layer and the type of its spans. Layers are stored by name, so a name is never reused for another
 * type.
 */
public record LayerKey<T extends Spanned>(String name, Class<T> type) {
    public static final LayerKey<Paragraph> PARAGRAPHS = new LayerKey<>("paragraphs", Paragraph.class);
    public static final LayerKey<Sentence> SENTENCES = new LayerKey<>("sentences", Sentence.class);

    public LayerKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
