package dev.parallax.spark;

import dev.parallax.core.analysis.Annotator;
import dev.parallax.core.brief.StoryBriefs;
import dev.parallax.core.model.Article;
import dev.parallax.core.pipeline.Pipelines;
import dev.parallax.core.text.NewsCleaner;
import dev.parallax.store.ArticleJson;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-article work of an ingest, as an executor runs it: the standard cleaner and annotators, made once per JVM
 * (the MiniLM embedder is about a second to load and 90 MB) and shared by the tasks running in it, as the analysis
 * threads of {@code parallax ingest} share them.
 */
final class Analysis {
    private static Analysis plain;
    private static Analysis withBriefs;

    final NewsCleaner cleaner = Pipelines.cleaner();
    final ArticleJson json = new ArticleJson();
    private final List<Annotator> annotators;

    private Analysis(boolean briefs) {
        List<Annotator> all = new ArrayList<>(Pipelines.annotators());
        if (briefs) { // the brief's unit vectors, embedded here as ingest's analysis does, so the driver embeds none
            StoryBriefs.minilmUnitEmbedding().ifPresent(all::add);
        }
        annotators = List.copyOf(all);
    }

    static synchronized Analysis get(boolean briefs) {
        if (briefs) {
            return withBriefs == null ? withBriefs = new Analysis(true) : withBriefs;
        }
        return plain == null ? plain = new Analysis(false) : plain;
    }

    /** Annotates clean articles as the pipeline's analysis does: each annotator in turn over the whole chunk. */
    List<Article> annotate(List<Article> articles) {
        for (Annotator annotator : annotators) {
            articles = annotator.annotateAll(articles);
        }
        return articles;
    }
}
