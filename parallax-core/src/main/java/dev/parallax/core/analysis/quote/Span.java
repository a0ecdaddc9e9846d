package dev.parallax.core.analysis.quote;

import dev.parallax.core.model.Spanned;

/** A half-open character range {@code [start, end)} of the clean text: one piece of a quote's source, cue or content. */
public record Span(int start, int end) implements Spanned {
    public Span {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }
}
