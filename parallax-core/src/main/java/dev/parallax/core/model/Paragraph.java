package dev.parallax.core.model;

/** A paragraph of the clean text. */
public record Paragraph(int start, int end) implements Spanned {
    public Paragraph {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }
}
