package dev.parallax.ingest;

import dev.parallax.core.model.Published;
import dev.parallax.core.model.RawArticle;

/**
 * The article an HTML page holds: its main text, and what the page states about it. A field the page does not state
 * is null; nothing is guessed (the outlet falls back to the URL's host, which the page was fetched from).
 *
 * @param text the main text, paragraphs separated by a blank line
 * @param url the canonical URL, else where the page was fetched from, else null
 */
public record WebPage(String text, String title, Published published, String outlet, String url) {
    RawArticle article(String id, String origin) {
        return new RawArticle(id, origin, outlet, published, url, title, text);
    }
}
