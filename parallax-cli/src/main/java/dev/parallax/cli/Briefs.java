package dev.parallax.cli;

import dev.parallax.core.brief.Brief;
import dev.parallax.core.brief.BriefBuilder;
import dev.parallax.core.embed.EmbeddingException;
import dev.parallax.core.embed.OnnxEmbedder;
import dev.parallax.core.model.Article;
import java.util.List;

/** Builds briefs for the CLI: with sentence embeddings when the model loads, else by words alone (the brief says so). */
final class Briefs {
    private Briefs() {}

    static Brief build(List<Article> articles) {
        OnnxEmbedder embedder;
        try {
            embedder = OnnxEmbedder.miniLm();
        } catch (EmbeddingException e) {
            return BriefBuilder.lexical().build(articles);
        }
        try (embedder) {
            return new BriefBuilder(embedder).build(articles);
        }
    }
}
