package dev.parallax.core.text;

import dev.parallax.core.model.Article;
import dev.parallax.core.model.InvalidArticleException;
import dev.parallax.core.model.RawArticle;
import java.util.List;

/** Turns a raw article into a clean one, recording every removal. */
public interface Cleaner {
    /**
     * @throws InvalidArticleException when nothing of a body remains
     */
    Article clean(RawArticle raw);

    /**
     * The cleaner for one batch of articles: one that may also use what the batch shows as a whole, such as the page
     * text its articles repeat. This one by default.
     */
    default Cleaner forBatch(List<RawArticle> batch) {
        return this;
    }
}
