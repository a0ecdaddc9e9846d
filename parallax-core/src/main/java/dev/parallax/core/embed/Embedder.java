package dev.parallax.core.embed;

import java.util.List;

/**
 * Turns texts into fixed-size vectors whose cosine similarity reflects closeness of meaning. Close it to free what it
 * holds outside the heap (a native model session or tokenizer).
 */
public interface Embedder extends AutoCloseable {

    /**
     * Embeds each text; row {@code i} of the result belongs to {@code texts.get(i)} and has {@link #dimension()} values.
     */
    float[][] embed(List<String> texts);

    /** Length of every vector {@link #embed} returns. */
    int dimension();

    /**
     * What makes the vectors, e.g. {@code minilm} or {@code minilm-q} (the {@link EmbedderChoice} labels): vectors of
     * two names are not comparable, so stored vectors carry it ({@link Embedding#model}).
     */
    String name();

    /** Frees native resources; nothing by default. */
    @Override
    default void close() {}

    /** Cosine similarity of two vectors of equal length; 0 when either is all zeros. */
    static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("Vectors differ in length: " + a.length + " vs " + b.length);
        }
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
