package dev.parallax.core.model;

/** A sentence of the clean text. */
public record Sentence(int start, int end) implements Spanned {
    public Sentence {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }
}
