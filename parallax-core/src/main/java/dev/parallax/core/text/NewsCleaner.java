package dev.parallax.core.text;

import dev.parallax.core.model.Article;
import dev.parallax.core.model.InvalidArticleException;
import dev.parallax.core.model.LayerKey;
import dev.parallax.core.model.Layers;
import dev.parallax.core.model.Outlet;
import dev.parallax.core.model.Paragraph;
import dev.parallax.core.model.Published;
import dev.parallax.core.model.RawArticle;
import dev.parallax.core.model.Removal;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * Cleans scraped news text: splits the body into paragraphs, takes out scraping residue and records every removal
 * with its raw-text span.
 *
 * <p>What it removes, each for a reason that shows in the data:
 * <ul>
 *   <li>a leading scraper metadata field, {@code date 2023-05-30}, whose ISO value becomes the publication date when
 *       the source gave none ({@link Removal.Kind#METADATA});
 *   <li>standalone time stamps such as "Published: July 28, 2004", "THURSDAY, APRIL 11, 2013, 12:12 AM" or
 *       "Updated 4:08 p.m. ET" ({@link Removal.Kind#METADATA});
 *   <li>bylines ("By JILL COLVIN Associated Press") ({@link Removal.Kind#CREDIT});
 *   <li>photo credits, whole-paragraph ("Photo: Patrick Semansky, AP", "Andrew Burton | Getty Images") or trailing a
 *       paragraph ("… Harnik. (AP Photo/Luca Bruno)", "… 2018. REUTERS/Kevin Lamarque") ({@link Removal.Kind#CREDIT});
 *       a paragraph that ends in a photo credit is the photo's caption ({@link Removal.Kind#CAPTION});
 *   <li>in-body section headings ({@link Removal.Kind#HEADING}), see {@link #isHeading};
 *   <li>page furniture a scraper kept with the article: share strips, sign-up prompts, widgets, section labels
 *       ({@link Removal.Kind#BOILERPLATE}), as the shipped {@link PageFurniture} model judges them; in a batch
 *       ({@link #forBatch}) also a paragraph the model leans to furniture for that the batch repeats in
 *       {@value #TEMPLATE_ARTICLES} or more unrelated articles: an outlet's page template ({@link #templateText}).
 * </ul>
 * Kept paragraphs are verbatim apart from trimming and joining hard-wrapped lines with a space. The clean text is
 * the kept paragraphs joined by a blank line, with a {@link LayerKey#PARAGRAPHS} layer over it. Immutable and
 * thread-safe.
 */
public final class NewsCleaner implements Cleaner {
    /**
     * A paragraph in this many unrelated articles of a batch (and a share of one outlet's, {@link #TEMPLATE_SHARE}) is
     * template text when the furniture model leans that way. Copies and versions of one story repeat their paragraphs
     * too, but they also share their article text, so they count once.
     */
    private static final int TEMPLATE_ARTICLES = 3;
    /** The least share of an outlet's articles in a batch that its template text stands in. */
    private static final double TEMPLATE_SHARE = 0.1;
    /** Two articles that share this many long paragraphs are copies or versions of one story. */
    private static final int RELATED_PARAGRAPHS = 2;
    /** A long paragraph, the kind article text is made of and furniture rarely is. */
    private static final int LONG_WORDS = 20;
    /**
     * The furniture log-odds from which a repeated paragraph counts as template text. Set by reading what the rule
     * removed from the Helsinki pages (docs/BENCHMARKS.md, "Page furniture"): from 0 it also took quoted tweets and
     * sentences of wire copy the batch repeats; from 1 it left weather widgets and sign-up prompts.
     */
    private static final double TEMPLATE_LOG_ODDS = 0.5;

    /** Longest text before a trailing photo credit that is still read as the photo's caption. */
    private static final int MAX_CAPTION_WORDS = 80;
    /** Longest photo credit, in words (the longest seen is "(Alexei Nikolsky | nSputnik, Kremlin Pool Photo via AP)"). */
    private static final int MAX_CREDIT_WORDS = 15;
    /** Longest trailing residue after a parenthesised credit, such as AP's transmission code "ORG XMIT: GBRM159". */
    private static final int MAX_CREDIT_RESIDUE_WORDS = 6;
    private static final int MAX_HEADING_WORDS = 12;
    private static final int MAX_HEADING_CHARS = 100;

    /** Scraper metadata keys whose value is a date; only "date" occurs in the data seen so far. */
    private static final List<String> DATE_KEYS = List.of("date");

    /** How a paragraph that is all credit (or caption) begins. Compared ignoring case. */
    private static final List<String> LEADING_CREDIT = List.of("photo:", "photos:", "photo credit", "photograph:",
            "credit:", "credits:", "image copyright", "image source", "photo by", "photo via", "photo courtesy",
            "pool photo", "file photo", "ap photo", "courtesy of");
    /** How a paragraph that is all caption begins (BBC's scraped picture furniture). Compared ignoring case. */
    private static final List<String> LEADING_CAPTION = List.of("image caption");
    /** How a credit trailing a caption begins. Case-sensitive: lower-case "photo via" is running text. */
    private static final List<String> TRAILING_CREDIT = List.of("Photo via ", "Photo: ", "Photo by ", "Photo credit",
            "Photo Credit", "Photograph: ", "Credit: ", "AP Photo/", "REUTERS/", "Reuters/", "Image copyright ");
    /**
     * How a byline opens: "By JILL COLVIN Associated Press", "by Rachel Siegel July 15 at 7:00 AM Email the author",
     * "Authored by Craig Murray,", or "By" alone, its name lost in the scrape. A name follows, so a capital; a
     * sentence that opens with "By" ("By region, Britain contributed …", "By 6:40 a.m. the fire was under control")
     * has none, or ends like a sentence.
     */
    private static final Pattern BYLINE = Pattern.compile("(?:(?:[Aa]uthored|[Ww]ritten|[Rr]eported) by|By|by|BY)"
            + "(?:\\s+\\p{Lu}|\\s*$)");
    /** Marks of a photo agency or photo credit inside a short credit line or a closing parenthesis. */
    private static final List<String> CREDIT_SIGNS = List.of("Getty Images", "Photo via", "Pool Photo", "Pool photo",
            "AP Photo", "Photo by", "REUTERS/", "Reuters/", "/AP", "/ AP", "| AP", "/AFP", "/ AFP", "EPA-EFE",
            "Shutterstock", "/Invision", "/Reuters", "/ Reuters", "| Reuters");

    /** The hashes of this cleaner's batch's {@link #templateText}; empty outside a batch. */
    private final Set<Long> templateText;

    public NewsCleaner() {
        this(Set.of());
    }

    private NewsCleaner(Set<Long> templateText) {
        this.templateText = templateText;
    }

    @Override
    public Article clean(RawArticle raw) {
        rejectNul(raw);
        String rawText = raw.text();
        List<int[]> paragraphs = paragraphs(rawText);
        List<Piece> pieces = new ArrayList<>();
        if (paragraphs.size() == 1 && raw.title() != null && rawText.strip().equals(raw.title().strip())) {
            // A headline-only record (an aggregator's text is its title): a headline is never residue, even one that
            // reads like a credit or a time stamp ("Yoshikazu Tsuno/AFP/File", "March 11, 2014, 2:02 am").
            pieces.add(Piece.kept(rawText, paragraphs.get(0)[0], paragraphs.get(0)[1]));
            return assemble(raw, rawText, pieces, raw.published());
        }
        Published fromMetadata = null;
        List<String> texts = new ArrayList<>(paragraphs.size());
        int[] firstPiece = new int[paragraphs.size() + 1];
        for (int p = 0; p < paragraphs.size(); p++) {
            texts.add(paragraphText(rawText, paragraphs.get(p)[0], paragraphs.get(p)[1]));
            firstPiece[p] = pieces.size();
            int start = paragraphs.get(p)[0];
            int end = paragraphs.get(p)[1];
            if (p == 0) {
                int[] field = leadingDateField(rawText, start, end);
                if (field != null) {
                    fromMetadata = Published.parse(rawText.substring(field[2], field[1]));
                    pieces.add(Piece.removed(Removal.Kind.METADATA, start, field[1], false,
                            "scraper metadata field"));
                    start = skipSpace(rawText, field[1], end);
                }
            }
            splitCredit(rawText, start, end, pieces);
        }
        firstPiece[paragraphs.size()] = pieces.size();
        removeHeadings(pieces);
        removeFurniture(pieces, texts, firstPiece);
        return assemble(raw, rawText, pieces, raw.published() != null ? raw.published() : fromMetadata);
    }

    // ---- template text of a batch --------------------------------------------------------------------------------

    /**
     * An article's paragraphs as {@link #templateText} reads them, small and serializable so that a cluster's tasks
     * can send them to one place.
     *
     * @param paragraphs     the hashes of its distinct paragraphs
     * @param longParagraphs the hashes of those of {@value #LONG_WORDS} words or more
     */
    public record Page(String id, String outlet, long[] paragraphs, long[] longParagraphs) implements Serializable {
    }

    /** The article's page, or null for a text of one paragraph (a headline-only record holds no page text). */
    public static Page page(RawArticle raw) {
        String text = raw.text();
        List<int[]> paragraphs = paragraphs(text);
        if (paragraphs.size() < 2) {
            return null;
        }
        Set<Long> own = new LinkedHashSet<>();
        Set<Long> longOnes = new LinkedHashSet<>();
        for (int[] p : paragraphs) {
            String t = paragraphText(text, p[0], p[1]);
            long h = hash(t);
            own.add(h);
            if (wordCount(t) >= LONG_WORDS) {
                longOnes.add(h);
            }
        }
        return new Page(raw.id(), String.valueOf(raw.outlet()), own.stream().mapToLong(Long::longValue).toArray(),
                longOnes.stream().mapToLong(Long::longValue).toArray());
    }

    /**
     * A batch's template text: paragraphs that stand in {@value #TEMPLATE_ARTICLES} or more unrelated articles (no two
     * share {@value #RELATED_PARAGRAPHS} or more paragraphs of {@value #LONG_WORDS} words or more, as copies and
     * versions of one story do) and in at least a {@value #TEMPLATE_SHARE} share of one outlet's articles. A wire
     * service repeats formulae such as "Terms were not disclosed." across unrelated stories too, but in a few of its
     * articles, where a page template is on most of an outlet's pages. The same pages in any order give the same set.
     */
    public static Set<Long> templateText(Collection<Page> batch) {
        List<Page> pages = batch.stream().sorted(Comparator.comparing(Page::id).thenComparing(Page::outlet)).toList();
        List<Set<Long>> longParagraphs = new ArrayList<>(pages.size());
        Map<String, Integer> outletArticles = new HashMap<>();
        Map<Long, List<Integer>> holders = new HashMap<>(); // paragraph -> the articles holding it, in id order
        for (int article = 0; article < pages.size(); article++) {
            Page page = pages.get(article);
            outletArticles.merge(page.outlet(), 1, Integer::sum);
            for (long h : page.paragraphs()) {
                holders.computeIfAbsent(h, k -> new ArrayList<>(2)).add(article);
            }
            longParagraphs.add(LongStream.of(page.longParagraphs()).boxed().collect(Collectors.toSet()));
        }
        List<String> outlets = pages.stream().map(Page::outlet).toList();
        Set<Long> out = new HashSet<>();
        holders.forEach((h, articles) -> {
            if (articles.size() >= TEMPLATE_ARTICLES && onMostPages(articles, outlets, outletArticles)
                    && unrelated(articles, longParagraphs) >= TEMPLATE_ARTICLES) {
                out.add(h);
            }
        });
        return Set.copyOf(out);
    }

    /** This cleaner, knowing a batch's {@link #templateText}. */
    public NewsCleaner withTemplateText(Set<Long> paragraphs) {
        return new NewsCleaner(Set.copyOf(paragraphs));
    }

    /** This cleaner, knowing the batch's {@link #templateText}. */
    @Override
    public Cleaner forBatch(List<RawArticle> batch) {
        return withTemplateText(templateText(batch.stream().map(NewsCleaner::page).filter(Objects::nonNull).toList()));
    }

    /** Whether the articles make up at least {@value #TEMPLATE_SHARE} of one outlet's articles in the batch. */
    private static boolean onMostPages(List<Integer> articles, List<String> outlets, Map<String, Integer> all) {
        Map<String, Integer> holding = new HashMap<>();
        for (int a : articles) {
            holding.merge(outlets.get(a), 1, Integer::sum);
        }
        return holding.entrySet().stream().anyMatch(e -> e.getValue() >= TEMPLATE_SHARE * all.get(e.getKey()));
    }

    /** How many of the articles are unrelated to each other, counted greedily up to {@value #TEMPLATE_ARTICLES}. */
    private static int unrelated(List<Integer> articles, List<Set<Long>> longParagraphs) {
        List<Set<Long>> counted = new ArrayList<>();
        for (int a : articles) {
            Set<Long> own = longParagraphs.get(a);
            boolean related = false;
            for (Set<Long> c : counted) {
                int shared = 0;
                for (long h : own) {
                    shared += c.contains(h) ? 1 : 0;
                }
                related |= shared >= RELATED_PARAGRAPHS;
            }
            if (!related) {
                counted.add(own);
                if (counted.size() == TEMPLATE_ARTICLES) {
                    break;
                }
            }
        }
        return counted.size();
    }

    /** A 64-bit hash of a paragraph's text (FNV-1a over its characters): collisions are negligible at batch scale. */
    private static long hash(String t) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < t.length(); i++) {
            h = (h ^ t.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }

    /**
     * No text we read holds U+0000 (files with NUL bytes are refused as binary), but a JSON escape or an entity can
     * still deliver one; it is junk, not text, and PostgreSQL cannot store it, so the article is refused whole.
     */
    private static void rejectNul(RawArticle raw) {
        String[] fields = {raw.id(), raw.outlet(), raw.url(), raw.title(), raw.text()};
        String[] names = {"id", "outlet", "url", "title", "text"};
        for (int f = 0; f < fields.length; f++) {
            int at = fields[f] == null ? -1 : fields[f].indexOf('\u0000');
            if (at >= 0) {
                throw new InvalidArticleException(raw.id().replace('\u0000', '\uFFFD') + ": its " + names[f]
                        + " holds a NUL character (U+0000) at offset " + at + ", which is no text");
            }
        }
    }

    // ---- paragraphs ----------------------------------------------------------------------------------------------

    /** Trimmed {start, end} ranges of the blank-line-separated paragraphs of {@code s}, any line-end convention. */
    private static List<int[]> paragraphs(String s) {
        List<int[]> out = new ArrayList<>();
        int paraStart = -1;
        int paraEnd = -1;
        int i = 0;
        int n = s.length();
        while (i < n) {
            int lineEnd = i;
            while (lineEnd < n && s.charAt(lineEnd) != '\n' && s.charAt(lineEnd) != '\r') {
                lineEnd++;
            }
            int a = skipSpace(s, i, lineEnd);
            if (a == lineEnd) {
                if (paraStart >= 0) {
                    out.add(new int[] {paraStart, paraEnd});
                    paraStart = -1;
                }
            } else {
                if (paraStart < 0) {
                    paraStart = a;
                }
                paraEnd = trimEnd(s, a, lineEnd);
            }
            i = lineEnd;
            if (i < n && s.charAt(i) == '\r') {
                i++;
            }
            if (i < n && s.charAt(i) == '\n') {
                i++;
            }
        }
        if (paraStart >= 0) {
            out.add(new int[] {paraStart, paraEnd});
        }
        return out;
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || c == '\u00A0' || c == '\uFEFF' || c == '\u2007' || c == '\u202F';
    }

    private static int skipSpace(String s, int from, int to) {
        while (from < to && isSpace(s.charAt(from))) {
            from++;
        }
        return from;
    }

    private static int trimEnd(String s, int from, int to) {
        while (to > from && isSpace(s.charAt(to - 1))) {
            to--;
        }
        return to;
    }

    /** The paragraph's text with hard-wrapped lines joined by one space; otherwise verbatim. */
    private static String paragraphText(String raw, int start, int end) {
        String t = raw.substring(start, end);
        if (t.indexOf('\n') < 0 && t.indexOf('\r') < 0) {
            return t;
        }
        StringBuilder b = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\n' || c == '\r') {
                b.setLength(trimEnd(b.toString(), 0, b.length()));
                b.append(' ');
                i = skipSpace(t, i, t.length()) - 1;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    // ---- metadata ------------------------------------------------------------------------------------------------

    /**
     * A leading {@code key value} field such as {@code date 2023-05-30} (the key lower-case, optionally followed by a
     * colon, the value an ISO date or date-time): {start, end, valueStart}, or null.
     */
    private static int[] leadingDateField(String s, int start, int end) {
        for (String key : DATE_KEYS) {
            if (!s.startsWith(key, start)) {
                continue;
            }
            int i = start + key.length();
            if (i < end && s.charAt(i) == ':') {
                i++;
            }
            if (i >= end || !isSpace(s.charAt(i))) {
                continue;
            }
            int valueStart = skipSpace(s, i, end);
            int valueEnd = valueStart;
            while (valueEnd < end && !isSpace(s.charAt(valueEnd))) {
                valueEnd++;
            }
            try {
                Published.parse(s.substring(valueStart, valueEnd));
                return new int[] {start, valueEnd, valueStart};
            } catch (IllegalArgumentException notADate) {
                // running text that happens to start with the word "date"
            }
        }
        return null;
    }

    /** Between a stamp's tokens: white space (a no-break space too: "1:45\u00a0pm"), punctuation, "@" ("@ 6:15 am"). */
    private static final Pattern STAMP_SEPARATORS = Pattern.compile("[\\s\u00a0,|()@\\-–—]+");
    private static final Pattern NUMBER = Pattern.compile(
            "\\d{1,4}(?:st|nd|rd|th)?|\\d{1,2}(?:[.:]\\d\\d){1,2}(?:\\.\\d+)?(?:[ap]m|[AP]M)?");
    private static final Pattern YEAR = Pattern.compile("(?:19|20)\\d\\d");
    private static final Pattern NUMERIC_DATE = Pattern.compile("\\d{1,2}/\\d{1,2}/\\d{2,4}");
    private static final Set<String> STAMP_WORDS = Set.of("published", "posted", "updated", "last", "first",
            "originally", "modified", "created", "on", "at", "/", "am", "pm", "am.", "pm.", "a.m.", "p.m.", "gmt",
            "utc", "bst", "cet", "cest", "et", "est", "edt", "ct", "cdt", "cst", "mt", "mst", "mdt", "pt", "pst", "pdt",
            "ist", "hkt", "jst", "aest");
    private static final Set<String> MERIDIEMS = Set.of("am", "pm", "am.", "pm.", "a.m.", "p.m.");
    /** How a stamp gives an age instead of a time: "Updated 7 minutes ago", "Published: 56 mins ago". */
    private static final Set<String> RELATIVE_WORDS = Set.of("ago", "min", "mins", "minute", "minutes", "hour", "hours",
            "hr", "hrs", "day", "days");
    private static final Set<String> CALENDAR_WORDS = Set.of("january", "february", "march",
            "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb",
            "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday",
            "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat",
            "sun");
    private static final Set<String> MONTHS = Set.copyOf(
            List.of("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
                    "nov", "dec"));

    /**
     * A paragraph that is only a publication or update stamp: "Published: July 28, 2004 at 1:24 PM", "updated
     * 7/28/2004 3:02:00 PM ET", "THURSDAY, APRIL 11, 2013, 12:12 AM", "First Published: June 13, 2013 4:59 PM EDT",
     * "May 2, 2013 1:35 pm.". Every token is a calendar word, a number or time, a time zone or a stamp word, and
     * there is one date with a year (two when the stamp says "Posted … Updated …"). A stamp that says it is one
     * ("updated", "posted", "published") needs no year: "Updated 4:08 p.m. ET", "Originally published May 30 at
     * 10:25 p.m. PT.", "Updated 7 minutes ago", or the word alone, its value lost in the scrape ("Posted on"). A clock
     * time alone on its line ("9:05 a.m.", "1:50 P.M.") is the stamp of a live story's entry (AP's "The Latest").
     */
    private static boolean isTimestamp(String t) {
        if (t.length() > 80) {
            return false;
        }
        int dates = 0;
        boolean year = false;
        boolean stampWord = false;
        boolean clock = false;
        boolean ago = false;
        boolean numbers = false;
        boolean calendar = false;
        boolean meridiem = false;
        int numberTokens = 0;
        for (String token : STAMP_SEPARATORS.split(t)) {
            if (token.isEmpty()) {
                continue;
            }
            String w = token.endsWith(":") ? token.substring(0, token.length() - 1) : token;
            String lower = w.toLowerCase(Locale.ROOT);
            String bare = lower.endsWith(".") && !lower.endsWith("m.") ? lower.substring(0, lower.length() - 1) : lower;
            if (NUMERIC_DATE.matcher(w).matches()) {
                dates++;
                year = true;
            } else if (NUMBER.matcher(w).matches()) {
                numberTokens++;
                year |= YEAR.matcher(w).matches();
                clock |= w.indexOf(':') > 0;
                numbers = true;
            } else if (CALENDAR_WORDS.contains(bare)) {
                dates += MONTHS.contains(bare) ? 1 : 0;
                calendar = true;
            } else if (STAMP_WORDS.contains(bare)) {
                stampWord |= bare.equals("updated") || bare.equals("posted") || bare.equals("published");
                meridiem |= MERIDIEMS.contains(bare);
            } else if (RELATIVE_WORDS.contains(bare)) {
                ago |= bare.equals("ago");
            } else {
                return false;
            }
        }
        // a row of dates ("04/09/87 03/09/87 04/09/87") is a table header; "Posted … Updated …" carries two
        return year && (dates == 1 || (dates == 2 && stampWord))
                || stampWord && dates <= 1 && (clock || ago && numbers || !numbers && !calendar && !ago)
                || clock && meridiem && dates == 0 && !calendar && !ago && numberTokens == 1;
    }

    // ---- captions and credits ------------------------------------------------------------------------------------

    /** Adds the paragraph {@code [start, end)} to {@code pieces}, split into caption, credit and kept text. */
    private static void splitCredit(String s, int start, int end, List<Piece> pieces) {
        if (start >= end) {
            return;
        }
        String text = s.substring(start, end);
        int words = wordCount(text);
        if (isTimestamp(text)) {
            pieces.add(Piece.removed(Removal.Kind.METADATA, start, end, false, "time stamp"));
            return;
        }
        if (startsWithIgnoreCase(text, LEADING_CAPTION) && words <= MAX_CAPTION_WORDS) {
            pieces.add(Piece.removed(Removal.Kind.CAPTION, start, end, false, "photo caption"));
            return;
        }
        if (startsWithIgnoreCase(text, LEADING_CREDIT) && words <= MAX_CREDIT_WORDS) {
            pieces.add(Piece.removed(Removal.Kind.CREDIT, start, end, false, "photo credit"));
            return;
        }
        int credit = trailingCredit(text);
        if (credit < 0) {
            if (words <= MAX_CREDIT_WORDS && !endsSentence(text) && containsAny(text, CREDIT_SIGNS)) {
                pieces.add(Piece.removed(Removal.Kind.CREDIT, start, end, false, "photo credit"));
            } else if (words <= MAX_CREDIT_WORDS && !endsSentence(text) && BYLINE.matcher(text).lookingAt()) {
                pieces.add(Piece.removed(Removal.Kind.CREDIT, start, end, false, "byline"));
            } else {
                pieces.add(Piece.kept(s, start, end));
            }
            return;
        }
        int headEnd = start + trimEnd(text, 0, credit);
        boolean captioned = wordCount(text.substring(0, credit)) <= MAX_CAPTION_WORDS;
        if (captioned) {
            pieces.add(Piece.removed(Removal.Kind.CAPTION, start, headEnd, false, "caption of a credited photo"));
        } else {
            pieces.add(Piece.kept(s, start, headEnd));
        }
        pieces.add(Piece.removed(Removal.Kind.CREDIT, start + credit, end, !captioned, "photo credit"));
    }

    /** Where a photo credit that runs to the end of {@code t} begins (after a sentence end), or -1. */
    private static int trailingCredit(String t) {
        for (int i = 1; i < t.length(); i++) {
            if (isSpace(t.charAt(i))) {
                continue;
            }
            if (!isSpace(t.charAt(i - 1))) {
                // a scrape that glued the credit to its caption: "… at the Capitol.CreditJoshua Roberts/Reuters"
                boolean glued = ".!?”)".indexOf(t.charAt(i - 1)) >= 0 && Character.isUpperCase(t.charAt(i))
                        && (i < 2 || Character.isLowerCase(t.charAt(i - 2)) || Character.isDigit(t.charAt(i - 2)));
                if (!glued || !(t.startsWith("Credit", i) || containsAny(t.substring(i), CREDIT_SIGNS))) {
                    continue;
                }
            }
            int before = trimEnd(t, 0, i);
            if (before == 0 || ".!?\"”’)…".indexOf(t.charAt(before - 1)) < 0) {
                continue;
            }
            String tail = t.substring(i);
            if (wordCount(tail) > MAX_CREDIT_WORDS) {
                continue;
            }
            if (tail.charAt(0) == '(') {
                int close = tail.indexOf(')');
                if (close > 0 && containsAny(tail.substring(0, close), CREDIT_SIGNS)) {
                    String residue = tail.substring(close + 1);
                    if (wordCount(residue) <= MAX_CREDIT_RESIDUE_WORDS && !endsSentence(residue.strip())) {
                        return i;
                    }
                }
            } else if (startsWithAny(tail, TRAILING_CREDIT)
                    || (tail.startsWith("Credit") && tail.length() > 6 && Character.isUpperCase(tail.charAt(6)))
                    || (wordCount(tail) <= MAX_CREDIT_RESIDUE_WORDS + 2 && !endsSentence(tail)
                            && !tail.contains(". ") && containsAny(tail, CREDIT_SIGNS))) {
                return i;
            }
        }
        return -1;
    }

    // ---- headings and furniture ----------------------------------------------------------------------------------

    /**
     * Turns into BOILERPLATE removals the kept pieces of two kinds of paragraph: lines that end no sentence and that
     * {@link PageFurniture} takes for page furniture, outside lists and tables; and this batch's template text, of any
     * shape. The model alone leaves sentences be: fitted on whole pages, where article text comes in long paragraphs,
     * it leans to furniture for any short one ("Thousands marched."). A paragraph that opens a quotation is always
     * kept. The model reads the paragraphs as delivered, time stamps and credits included, as it was fitted on a
     * page's every block. Nothing is removed when it takes every paragraph that still has a kept piece: its judgement
     * is relative to the article text around the furniture, so a page it finds no article text in is left whole.
     *
     * @param firstPiece the index of each paragraph's first piece (and, last, the number of pieces)
     */
    private void removeFurniture(List<Piece> pieces, List<String> paragraphs, int[] firstPiece) {
        PageFurniture model = PageFurniture.shipped();
        boolean list = isList(pieces);
        int n = paragraphs.size();
        boolean[] line = new boolean[n];
        boolean[] template = new boolean[n];
        boolean[] candidate = new boolean[n];
        boolean any = false;
        for (int p = 0; p < n; p++) {
            String t = paragraphs.get(p);
            line[p] = !list && !endsSentence(t);
            template[p] = !templateText.isEmpty() && templateText.contains(hash(t));
            candidate[p] = (line[p] || template[p]) && !opensQuotation(t);
            any |= candidate[p];
        }
        if (!any) {
            return;
        }
        double[] logOdds = model.logOdds(paragraphs, candidate);
        boolean[] byLine = new boolean[n];
        boolean[] furniture = new boolean[n];
        for (int p = 0; p < n; p++) {
            byLine[p] = candidate[p] && line[p] && logOdds[p] >= model.model().threshold();
            furniture[p] = byLine[p] || candidate[p] && template[p] && logOdds[p] >= TEMPLATE_LOG_ODDS;
        }
        boolean articleLeft = false;
        for (int p = 0; p < paragraphs.size() && !articleLeft; p++) {
            articleLeft = !furniture[p] && keeps(pieces, firstPiece[p], firstPiece[p + 1]);
        }
        if (!articleLeft) {
            return;
        }
        for (int p = 0; p < paragraphs.size(); p++) {
            for (int i = firstPiece[p]; furniture[p] && i < firstPiece[p + 1]; i++) {
                Piece piece = pieces.get(i);
                if (piece.kind == null) {
                    pieces.set(i, Piece.removed(Removal.Kind.BOILERPLATE, piece.rawStart, piece.rawEnd, false,
                            byLine[p] ? "page furniture" : "page template text"));
                }
            }
        }
    }

    /**
     * A list or table, such as a wire earnings report ("Shr 24.8 cts vs 17.8 cts", "Nine mths", "Pay April 30") or a
     * commodity table ("HRW Wheat", "April - No bids"): fewer than half of its kept paragraphs end a sentence. Its
     * short lines read as furniture, but they are its items.
     */
    private static boolean isList(List<Piece> pieces) {
        int kept = 0;
        int sentences = 0;
        for (Piece p : pieces) {
            if (p.kind == null) {
                kept++;
                sentences += endsSentence(p.text) ? 1 : 0;
            }
        }
        return sentences * 2 < kept;
    }

    /** A paragraph that opens with a quotation mark is someone's words ('"Always reckless."'), never furniture. */
    private static boolean opensQuotation(String t) {
        return !t.isEmpty() && "\"“‘'«".indexOf(t.charAt(0)) >= 0;
    }

    private static boolean keeps(List<Piece> pieces, int from, int to) {
        for (int i = from; i < to; i++) {
            if (pieces.get(i).kind == null) {
                return true;
            }
        }
        return false;
    }

    /** Turns kept paragraphs that are in-body section headings into HEADING removals. */
    private static void removeHeadings(List<Piece> pieces) {
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            if (pieces.get(i).kind == null) {
                kept.add(i);
            }
        }
        if (kept.size() < 3) {
            return;
        }
        List<String> texts = new ArrayList<>(kept.size());
        int other = 0;
        int punctuated = 0;
        for (int i : kept) {
            String t = pieces.get(i).text;
            texts.add(t);
            if (!headingShaped(t)) {
                other++;
                punctuated += endsSentence(t) ? 1 : 0;
            }
        }
        // Wire tables and lists ("Shr 24.8 cents vs 17.8", "Terms were not disclosed") are not prose with headings
        // between its paragraphs: most paragraphs that could not be headings must end a sentence.
        if (punctuated * 4 < other * 3) {
            return;
        }
        List<Integer> headings = new ArrayList<>();
        for (int k = 1; k + 1 < texts.size(); k++) {
            if (isHeading(texts.get(k - 1), texts.get(k), texts.get(k + 1))) {
                headings.add(kept.get(k));
            }
        }
        for (int i : headings) {
            Piece p = pieces.get(i);
            pieces.set(i, Piece.removed(Removal.Kind.HEADING, p.rawStart, p.rawEnd, false, "section heading"));
        }
    }

    /**
     * A section heading is a short title-like line between two prose paragraphs: at most {@value #MAX_HEADING_WORDS}
     * words, starting with a capital, with no closing punctuation, most of its content words capitalised ("Human
     * Rights in Xinjiang and restrictions on Freedom in Hong Kong", "BIGGEST PROTEST"); the paragraph before ends a
     * sentence and the one after opens one and is longer. Sentence-case headings ("Seismic risk") are kept: they
     * cannot be told from a sentence missing its full stop ("Terms were not disclosed") without a parser.
     */
    private static boolean isHeading(String before, String candidate, String after) {
        return headingShaped(candidate) && endsSentence(before) && endsSentence(after)
                && after.length() > candidate.length() && opensSentence(after);
    }

    private static boolean headingShaped(String t) {
        if (t.length() > MAX_HEADING_CHARS || !Character.isUpperCase(t.charAt(0))
                || !Character.isLetterOrDigit(t.charAt(t.length() - 1))) {
            return false;
        }
        String[] words = t.split("\\s+");
        return words.length >= 2 && words.length <= MAX_HEADING_WORDS && titleLike(words);
    }

    private static final Set<String> MINOR_WORDS = Set.of("a", "an", "the", "and", "or", "nor",
            "but", "of", "in", "on", "at", "to", "for", "by", "with", "from", "as", "vs", "via", "per", "into", "over",
            "after", "about", "is", "its", "his", "her", "their", "de", "la", "von");

    private static boolean titleLike(String[] words) {
        int content = 0;
        int capitalised = 0;
        for (String w : words) {
            // month and day names are capitalised in running text too ("from December 1986 to April 1987")
            if (w.isEmpty() || !Character.isLetter(w.charAt(0)) || MINOR_WORDS.contains(w)
                    || CALENDAR_WORDS.contains(w.toLowerCase(Locale.ROOT))) {
                continue;
            }
            content++;
            capitalised += Character.isUpperCase(w.charAt(0)) ? 1 : 0;
        }
        return capitalised >= 2 && capitalised * 3 >= content * 2;
    }

    private static boolean opensSentence(String t) {
        char c = t.charAt(0);
        return Character.isUpperCase(c) || Character.isDigit(c) || "\"“‘'(".indexOf(c) >= 0;
    }

    /** True when {@code t} ends like a sentence: a full stop, question or exclamation mark, ellipsis or close quote. */
    private static boolean endsSentence(String t) {
        int i = t.length();
        while (i > 0 && "\"”’')]".indexOf(t.charAt(i - 1)) >= 0) {
            i--;
        }
        if (i < t.length() && i > 0 && Character.isLetterOrDigit(t.charAt(i - 1))) {
            // a quotation that closes a paragraph without its own full stop ('… conditions for dialogue"') ends it too
            return "\"”’".indexOf(t.charAt(t.length() - 1)) >= 0;
        }
        return i > 0 && ".!?…".indexOf(t.charAt(i - 1)) >= 0;
    }

    // ---- assembly ------------------------------------------------------------------------------------------------

    private static Article assemble(RawArticle raw, String rawText, List<Piece> pieces, Published published) {
        StringBuilder clean = new StringBuilder(rawText.length());
        List<Paragraph> paragraphs = new ArrayList<>();
        List<Removal> removals = new ArrayList<>();
        List<Integer> pointingAhead = new ArrayList<>();
        for (Piece p : pieces) {
            if (p.kind == null) {
                if (!clean.isEmpty()) {
                    clean.append("\n\n");
                }
                int start = clean.length();
                clean.append(p.text);
                paragraphs.add(new Paragraph(start, clean.length()));
                for (int r : pointingAhead) {
                    removals.set(r, at(removals.get(r), start));
                }
                pointingAhead.clear();
            } else {
                removals.add(new Removal(p.kind, p.rawStart, p.rawEnd, clean.length(),
                        rawText.substring(p.rawStart, p.rawEnd), p.reason));
                if (!p.trailing) {
                    pointingAhead.add(removals.size() - 1);
                }
            }
        }
        if (paragraphs.isEmpty()) {
            throw new InvalidArticleException(raw.id() + ": no body text after cleaning");
        }
        Article article = new Article(raw.id(), raw.origin(), Outlet.of(raw.outlet()), published, raw.url(),
                raw.title(), clean.toString(), rawText, removals, Layers.empty());
        return article.with(LayerKey.PARAGRAPHS, paragraphs);
    }

    private static Removal at(Removal r, int cleanOffset) {
        return new Removal(r.kind(), r.rawStart(), r.rawEnd(), cleanOffset, r.text(), r.reason());
    }

    /** A kept paragraph ({@code kind == null}) or a removal; {@code trailing} removals belong to the text before. */
    private record Piece(Removal.Kind kind, int rawStart, int rawEnd, boolean trailing, String reason, String text) {
        static Piece kept(String raw, int start, int end) {
            return new Piece(null, start, end, false, null, paragraphText(raw, start, end));
        }

        static Piece removed(Removal.Kind kind, int start, int end, boolean trailing, String reason) {
            return new Piece(kind, start, end, trailing, reason, null);
        }
    }

    // ---- small string helpers ------------------------------------------------------------------------------------

    private static int wordCount(String t) {
        int n = 0;
        boolean in = false;
        for (int i = 0; i < t.length(); i++) {
            boolean space = isSpace(t.charAt(i));
            if (!space && !in) {
                n++;
            }
            in = !space;
        }
        return n;
    }

    private static boolean startsWithIgnoreCase(String t, List<String> prefixes) {
        for (String p : prefixes) {
            if (t.regionMatches(true, 0, p, 0, p.length())) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithAny(String t, List<String> prefixes) {
        for (String p : prefixes) {
            if (t.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsAny(String t, List<String> needles) {
        for (String n : needles) {
            if (t.contains(n)) {
                return true;
            }
        }
        return false;
    }
}
