package dev.parallax.ingest;

/** Receives what {@link JsonLinesSource#readLabelled} reads: articles with their gold story, and rejections. */
public interface LabelledSink {
    void article(LabelledArticle labelled);

    /** Same contract as {@link dev.parallax.core.pipeline.SourceSink#rejected}. */
    void rejected(String origin, String reason);
}
