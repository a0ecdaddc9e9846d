package dev.parallax.core.pipeline;

import dev.parallax.core.model.RawArticle;

/** Receives what a {@link Source} reads. */
public interface SourceSink {
    void article(RawArticle article);

    /**
     * @param origin the bad item (a path, {@code path:line})
     * @param reason one line saying what is wrong
     */
    void rejected(String origin, String reason);

    /**
     * Items a source passed over on purpose, which are not articles and not errors either (a web archive's request
     * records and images): told once per source, so that nothing vanishes unaccounted.
     *
     * @param origin the source (a path)
     * @param what one line: how many items, of which kinds
     */
    default void skipped(String origin, String what) {
    }
}
