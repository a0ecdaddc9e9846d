package dev.parallax.server;

import dev.parallax.core.brief.SentenceOverlap;
import dev.parallax.core.model.Article;
import java.util.List;

/**
 * A story's articles side by side with the {@link SentenceOverlap} comparison of their sentences: what both the brief
 * route and the story page show until the claim-level brief exists.
 *
 * @param columns one per article, in publication order
 */
record StoryComparison(List<Column> columns) {
    /**
     * @param article the article
     * @param rows its sentences in text order, each with the outlets that share it
     * @param shared how many of them another outlet shares
     */
    record Column(Article article, List<SentenceOverlap.Row> rows, int shared) {}

    static StoryComparison of(List<Article> articles) {
        List<SentenceOverlap.Row> rows = SentenceOverlap.compare(articles);
        return new StoryComparison(articles.stream().map(a -> {
            List<SentenceOverlap.Row> own = rows.stream().filter(r -> r.article() == a).toList();
            return new Column(a, own, (int) own.stream().filter(SentenceOverlap.Row::shared).count());
        }).toList());
    }
}
