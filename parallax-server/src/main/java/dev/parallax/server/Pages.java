package dev.parallax.server;

import java.util.List;

/**
 * What the page templates (src/main/jte) are given: plain values, already decided, so that templates only lay out
 * text. Every string here is raw text; the templates escape it.
 */
public final class Pages {
    private Pages() {}

    /** A link: {@code href} is always a path of this site or an http(s) URL, never a script URL. */
    public record Link(String href, String label) {}

    public record Feed(String sort, List<StoryCard> stories, String nextHref, int storyCount, int articleCount) {}

    /**
     * @param outlets the outlets, most articles first
     * @param dates the date or date range, or "undated"
     */
    public record StoryCard(String href, String title, int articles, List<String> outlets, String dates) {}

    /**
     * @param number 1-based position in the article
     * @param shared true when another outlet carries a sentence saying much the same
     * @param alsoIn the other outlets that carry it, for a tooltip and screen readers ("" when none)
     */
    public record SentenceView(int number, String text, boolean shared, String alsoIn) {}

    public record ParagraphView(List<SentenceView> sentences) {}

    /** A cleaning note: what was removed from the raw text and why. */
    public record Note(String kind, String text, String reason) {}

    /** One article of a story page, shown side by side with the others. */
    public record Column(String outlet, String headline, String href, String published, Link original, int shared,
            int sentences, List<ParagraphView> paragraphs, List<Note> notes) {}

    /**
     * @param compared true when at least two outlets cover the story, so that sentences can be compared
     */
    public record StoryPage(String title, String dates, int articles, List<String> outlets, boolean compared,
            List<Column> columns) {}

    public record ArticlePage(String id, String headline, String outlet, String published, Link original,
            String origin, Link story, List<ParagraphView> paragraphs, List<Note> notes, int sentences) {}

    public record Fragment(String text, boolean match) {}

    public record Hit(String href, String headline, String outlet, String published, List<Fragment> snippet,
            Link story) {}

    /** @param message what to say instead of results (no query yet, nothing found), or null */
    public record SearchPage(String query, List<Hit> hits, String message) {}

    public record ErrorPage(int status, String title, String detail) {}
}
