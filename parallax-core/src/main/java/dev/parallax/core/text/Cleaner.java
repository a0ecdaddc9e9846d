package dev.parallax.core.text;

import dev.parallax.core.model.Article;
import dev.parallax.core.model.InvalidArticleException;
import dev.parallax.core.model.RawArticle;

/** Turns a raw article into a clean one, recording every removal. */
public interface Cleaner {
    /**
     * @throws InvalidArticleException when nothing of a body remains
     */
    Article clean(RawArticle raw);
}
