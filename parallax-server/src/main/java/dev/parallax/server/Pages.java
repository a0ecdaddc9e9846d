package dev.parallax.server;

import dev.parallax.core.analysis.entity.EntityType;
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
     * @param independent how many independent accounts its articles give (duplicate families count once)
     * @param dates the date or date range, or "undated"
     * @param entities the entities most of its articles name, at most {@link WebUi#CARD_ENTITIES}
     */
    public record StoryCard(String href, String title, int articles, List<String> outlets, int independent,
            String dates, List<EntityRef> entities) {}

    /** How the pages name an entity type. */
    static String typeLabel(EntityType t) {
        return switch (t) {
            case PERSON -> "Person";
            case ORGANIZATION -> "Organisation";
            case PLACE -> "Place";
            case OTHER -> "Other name";
        };
    }

    /**
     * A run of a sentence's text: plain, or marked.
     *
     * @param kind null for plain text; else person, organization, place, other, time or quantity
     * @param href the entity page of a mention, or null
     * @param title what the mark means (type and role, normalised value), or null
     * @param chip a value shown after the text (a time expression's normalised value), or null
     * @param quote the part of a quote the segment lies in, or null
     */
    public record Segment(String text, String kind, String href, String title, String chip, QuotePart quote) {
        static Segment plain(String text) {
            return new Segment(text, null, null, null, null, null);
        }
    }

    /**
     * The part of an attribution a segment lies in, drawn around the segment's own mark.
     *
     * @param role "quoted" (the content), "q-source" or "q-cue"
     * @param title who said it and how: "Patrick Ryder · direct"
     */
    public record QuotePart(String role, String title) {}

    /**
     * @param number 1-based position in the article
     * @param segments its text, in runs; one plain run when nothing is marked
     * @param shared true when another outlet carries a sentence saying much the same
     * @param alsoIn the other outlets that carry it, for a tooltip and screen readers ("" when none)
     */
    /**
     * @param status the status of the brief's widest-carried claim stated in the sentence (consensus, partial, unique),
     *     or empty when the sentence states none or is not compared
     * @param title which claim that is and who carries it, or null
     */
    public record SentenceView(int number, List<Segment> segments, String status, String title) {}

    public record ParagraphView(List<SentenceView> sentences) {}

    /** A cleaning note: what was removed from the raw text and why. */
    public record Note(String kind, String text, String reason) {}

    /** One article of a story page, shown side by side with the others. */
    /**
     * One independent account of a story page, shown side by side with the others.
     *
     * @param shared how many of the claims it states another voice carries too
     * @param claims how many claims it states
     * @param copies the story's articles that copy it, collapsed under it
     */
    public record Column(String outlet, String headline, String href, String published, Link original, int shared,
            int claims, List<ParagraphView> paragraphs, List<Note> notes, List<Copy> copies) {}

    /** A syndicated copy of a column's article. */
    public record Copy(String outlet, Link article, String relation) {}

    /** A summary sentence and the articles it cites (links labelled by outlet). */
    public record Cited(String text, List<Link> citations) {}

    /**
     * A row of the claim matrix.
     *
     * @param cells per voice of the page, the claim's status when that voice carries it, else empty
     */
    public record ClaimRow(int id, String status, String text, List<String> cells) {
        /** The voices that carry the claim, in the page's order of voices: the list form of its row. */
        public List<String> carriers(List<String> voices) {
            List<String> out = new java.util.ArrayList<>();
            for (int i = 0; i < cells.size(); i++) {
                if (!cells.get(i).isEmpty()) {
                    out.add(voices.get(i));
                }
            }
            return out;
        }
    }

    /** A row of the quote grid: per voice, what it quotes the speaker as saying. */
    public record SpeakerRow(String name, boolean differentStatements, int differentWording,
            List<List<String>> cells) {}

    /** One claim stated with different values by two outlets, with both spans. */
    public record DiscrepancyView(int claim, String kind, String outletA, String valueA, String textA,
            String outletB, String valueB, String textB) {}

    /**
     * @param compared true when at least two voices cover the story, so that claims can be compared
     * @param lineage "N articles: K independent accounts, …"
     * @param summary the brief's cited summary
     * @param voices the brief's independent voices: the columns of the claim matrix and the quote grid
     * @param notes what the brief could not use
     * @param entities who and what the story's articles name, most articles first
     * @param timeline the dates its articles name, or null when they name none
     */
    public record StoryPage(String title, String dates, int articles, List<String> outlets, boolean compared,
            String lineage, List<Cited> summary, List<String> voices, List<ClaimRow> claims,
            List<SpeakerRow> speakers, List<DiscrepancyView> discrepancies, List<String> notes, List<Column> columns,
            List<EntityRow> entities, Timeline timeline) {
        /** The claims more than one voice carries: the matrix shows them open. */
        public List<ClaimRow> sharedClaims() {
            return claims.stream().filter(c -> !c.status().equals("unique")).toList();
        }

        /** The claims one voice alone makes: often most of them, so the page folds them away. */
        public List<ClaimRow> uniqueClaims() {
            return claims.stream().filter(c -> c.status().equals("unique")).toList();
        }

        /**
         * Whether claims and "who said what, where" are matrices with a column per voice. Past {@link #MATRIX_VOICES}
         * voices the columns run off the page and most cells are empty (21 outlets, most carrying a claim or quoting
         * a speaker once), so each claim and each speaker lists only the voices that carry or quote it.
         */
        public boolean matrix() {
            return voices.size() <= MATRIX_VOICES;
        }

        /** The voices that quote a speaker, with what each quotes: the list form of the speaker's row. */
        public List<VoiceQuotes> quotedBy(SpeakerRow row) {
            List<VoiceQuotes> out = new java.util.ArrayList<>();
            for (int i = 0; i < row.cells().size(); i++) {
                if (!row.cells().get(i).isEmpty()) {
                    out.add(new VoiceQuotes(voices.get(i), row.cells().get(i)));
                }
            }
            return out;
        }
    }

    /** Four columns of quotes fit beside the speaker's at the page's width. */
    static final int MATRIX_VOICES = 4;

    /** What one voice quotes a speaker as saying. */
    public record VoiceQuotes(String voice, List<String> quotes) {}

    /** A link to an entity page, with the entity's type as a CSS class name (person, organization, place, other). */
    public record EntityRef(String href, String name, String type, String typeLabel) {}

    /**
     * One entity of a story: a row of the story page's panel.
     *
     * @param cells one per column of the story page, in the same order: how that article names it
     */
    public record EntityRow(EntityRef entity, List<String> roles, List<EntityCell> cells) {}

    /**
     * How one article names an entity.
     *
     * @param names its names, as written; empty when the article does not mention it
     */
    public record EntityCell(List<String> names, List<String> roles, int mentions) {}

    /**
     * @param from the label of the earliest point
     * @param to the label of the latest
     * @param axis the y of the axis line in the SVG
     * @param height the SVG's height (its width is {@link TimelineChart#WIDTH})
     */
    public record Timeline(String from, String to, List<Tick> ticks, List<TimePoint> points, int axis, int height) {
        public int width() {
            return TimelineChart.WIDTH;
        }
    }

    public record Tick(double x, String label) {}

    /**
     * A date the story's articles name.
     *
     * @param label the date in words ("30 May 2023", "May 2023", "week 22 of 2023", "2023")
     * @param value the TimeML value
     * @param x where its period starts in the SVG; {@code width} how far it runs; {@code y} its lane
     * @param day true when it names one day (drawn as a dot, not a bar)
     * @param citations the articles and words that name it
     */
    public record TimePoint(int number, String label, String value, double x, double width, int y, boolean day,
            List<Citation> citations) {
        /** Where the number goes: inside a bar wide enough to hold it, else just after the mark. */
        public double labelX() {
            return day ? x + 9 : width >= 24 ? x + 6 : x + width + 3;
        }
    }

    /**
     * @param headline the article's headline, which tells apart two articles of one (or no known) outlet
     * @param inferred true when the date was resolved against a date inferred from the story
     */
    public record Citation(String outlet, String href, String headline, String text, boolean inferred) {}

    /** @param entities the entities the article names, in order of first mention */
    public record ArticlePage(String id, String headline, String outlet, String published, Link original,
            String origin, Link story, List<ParagraphView> paragraphs, List<Note> notes, int sentences,
            List<EntityRef> entities, int times, int quantities, int quotes) {}

    /**
     * @param stories the stories it appears in, latest first
     */
    public record EntityPage(String id, String name, String type, String typeLabel, List<String> aliases,
            List<String> roles, int articles, int mentions, List<EntityStory> stories) {}

    /** A story an entity appears in, with how each article of it names the entity. */
    public record EntityStory(Link story, String dates, int storyArticles, List<EntityAppearance> appearances) {}

    public record EntityAppearance(String outlet, Link article, String published, List<String> names,
            List<String> roles, int mentions) {}

    /**
     * @param type the type filter ("" for all)
     * @param message what to say when nothing matches, or null
     */
    public record EntitiesPage(String query, String type, List<EntityCard> entities, String nextHref,
            String message) {}

    public record EntityCard(EntityRef entity, List<String> aliases, List<String> roles, int stories, int articles) {}

    public record Fragment(String text, boolean match) {}

    public record Hit(String href, String headline, String outlet, String published, List<Fragment> snippet,
            Link story) {}

    /** @param message what to say instead of results (no query yet, nothing found), or null */
    public record SearchPage(String query, List<Hit> hits, String message) {}

    public record ErrorPage(int status, String title, String detail) {}
}
