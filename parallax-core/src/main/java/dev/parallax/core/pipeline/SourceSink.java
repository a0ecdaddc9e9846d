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
}
