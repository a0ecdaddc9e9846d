package dev.parallax.core.model;

import java.io.Serializable;
import java.util.Objects;

/**
 * An article as a source delivered it, before cleaning. Fields other than {@code id} and {@code text} are hints that
 * the source knew (a JSON Lines record has them; a plain-text file has only its name and body).
 *
 * @param id stable identifier, unique within the store (file name, dataset id)
 * @param origin where it came from, for error messages and provenance (a path, a path:line, a URL)
 * @param outlet the publishing outlet, or null when unknown
 * @param published publication time, or null when the source did not say
 * @param url the article URL, or null
 * @param title the headline, or null
 * @param text the body as delivered (may hold scraping residue: metadata lines, captions, headings)
 */
// Serializable: a Spark job (parallax-spark) ships raw articles from the tasks that read them to those that analyse.
public record RawArticle(String id, String origin, String outlet, Published published, String url, String title,
        String text) implements Serializable {
    public RawArticle {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        origin = origin == null ? id : origin;
    }
}
