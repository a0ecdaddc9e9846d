package dev.parallax.core.model;

/** Anything that covers a half-open character range {@code [start, end)} of an article's clean text. */
public interface Spanned {
    int start();

    int end();

    default String textIn(String text) {
        return text.substring(start(), end());
    }
}
