package dev.parallax.core.analysis;

import dev.parallax.core.model.Article;
import dev.parallax.core.model.LayerKey;
import dev.parallax.core.model.Paragraph;
import dev.parallax.core.model.Sentence;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits the clean text into sentences ({@link LayerKey#SENTENCES}), never across a paragraph, with rules for the
 * abbreviations of English news copy. One left-to-right pass; a decision looks only at the word before a full stop
 * and the word after it.
 *
 * <p>A sentence ends at {@code .}, {@code !}, {@code ?} or an ellipsis, together with any closing quotes and
 * brackets after it, when whitespace and then a sentence start follow: a capital letter, a digit or an opening
 * quote or bracket (a lower-case word continues the sentence: "“Why?” he asked"). Full stops get more care, by the
 * word they end:
 * <ul>
 *   <li>titles that stand before a name ("Brig. Gen. Pat Ryder", "Sen.", "Dr.") never end a sentence;
 *   <li>"No." and the month abbreviations do not end one before a number or code ("No. 1", "Sept. 11",
 *       "case No. VA089897");
 *   <li>abbreviations that can also close a sentence — dotted ones ("U.S.", "a.m.", "J.K."), single initials ("John
 *       F. Kennedy"), months, "Inc.", "Corp.", "Co.", "Ltd.", "Jr.", "St.", state names ("Calif.") — end it only
 *       when the next word is a typical sentence opener: a capitalised function word such as "The", "He", "But",
 *       "In". So "in the U.S. The …" splits and "the U.S. Army" does not; "the U.S. Senate
 *       voted" stays whole, at the price of missing a sentence that ends in "U.S." and starts with a name.
 * </ul>
 * A paragraph's end always ends a sentence. Spans are trimmed of whitespace. Stateless and thread-safe.
 */
public final class SentenceSplitter implements Annotator {
    /** Titles written before a name: a full stop after them never ends a sentence. */
    private static final Set<String> TITLES = Set.of("Mr", "Mrs", "Ms", "Messrs", "Mmes", "Dr", "Drs", "Prof",
            "Rev", "Gen", "Brig", "Lt", "Col", "Sgt", "Sen", "Sens", "Rep", "Reps", "Gov", "Govs", "Adm", "Capt", "Maj",
            "Cpl", "Pvt", "Pres", "Supt", "Cmdr", "Cmdt", "Insp", "Det", "Atty", "Hon", "Fr", "Msgr", "Amb", "Mt",
            "Ft", "Sgts", "Gens", "Spc", "Mme", "Mlle", "Dist", "Dep", "Asst", "Sup");
    /** Abbreviations that stand before a number: "No. 1", "Vol. 3", "Art. 5". */
    private static final Set<String> BEFORE_NUMBER = Set.of("No", "Nos", "no", "nos", "Vol", "vol", "Art", "art",
            "Fig", "fig", "p", "pp", "Ch", "ch", "Sec", "sec", "Ex", "Nr", "Op", "Pt", "pt");
    private static final Set<String> MONTHS = Set.of("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
            "Oct", "Nov", "Dec");
    /**
     * Abbreviations that may close a sentence as well as sit inside one. (Dotted forms such as "U.S." and "a.m." and
     * single initials are recognised by shape.)
     */
    private static final Set<String> CLOSABLE = Set.of("Inc", "Corp", "Co", "Ltd", "Bros", "Cos", "Plc", "Jr", "Sr",
            "St", "Ave", "Blvd", "Rd", "vs", "etc", "approx", "est", "Dept", "Univ", "Assn", "Ala", "Ariz", "Ark",
            "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Kans", "Ky", "La", "Md", "Mass",
            "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Penn", "Tenn", "Tex", "Va",
            "Vt", "Wash", "Wis", "Wyo");
    /**
     * Capitalised words that typically open a sentence and rarely follow an abbreviation inside one: determiners,
     * pronouns, conjunctions, and sentence adverbs and prepositions.
     */
    private static final Set<String> OPENERS = Set.of("The", "A", "An", "This", "That", "These", "Those", "It", "Its", "He",
            "She", "They", "We", "I", "You", "His", "Her", "Their", "Our", "My", "Your", "There", "Here", "But", "And",
            "Or", "So", "Yet", "Then", "Now", "In", "On", "At", "As", "After", "Before", "When", "While", "If",
            "Although", "Though", "Since", "Because", "For", "From", "With", "Without", "By", "Of", "To", "During",
            "Meanwhile", "However", "Still", "Also", "Many", "Most", "Some", "Several", "Both", "All", "Each", "Every",
            "No", "Not", "What", "Who", "Why", "How", "Where", "Which", "Last", "Earlier", "Later", "Today",
            "Yesterday", "Instead", "Despite", "Under", "Over", "Until", "Such", "Other", "Another", "Asked", "Officials",
            "According");

    @Override
    public Article annotate(Article article) {
        String text = article.text();
        List<Paragraph> paragraphs = article.layer(LayerKey.PARAGRAPHS);
        if (paragraphs.isEmpty() && !text.isEmpty()) {
            paragraphs = List.of(new Paragraph(0, text.length()));
        }
        List<Sentence> sentences = new ArrayList<>();
        for (Paragraph p : paragraphs) {
            split(text, p.start(), p.end(), sentences);
        }
        return article.with(LayerKey.SENTENCES, sentences);
    }

    /**
     * The sentences of {@code text[from, to)}, which should be one paragraph, split as {@link #annotate} splits them:
     * for annotators that get a plain text rather than an article with its layers.
     */
    public static List<Sentence> split(String text, int from, int to) {
        List<Sentence> out = new ArrayList<>();
        split(text, from, to, out);
        return out;
    }

    private static void split(String t, int from, int to, List<Sentence> out) {
        int start = from;
        int i = from;
        while (i < to) {
            char c = t.charAt(i);
            if (c != '.' && c != '!' && c != '?' && c != '…') {
                i++;
                continue;
            }
            int stop = i;
            int end = i + 1;
            while (end < to && isTerminator(t.charAt(end))) {
                end++;
            }
            while (end < to && isCloser(t.charAt(end))) {
                end++;
            }
            if (end >= to) {
                break;
            }
            if (!isSpace(t.charAt(end))) {
                i = end; // "3.5", "U.S.-led", "example.com", "J.K."
                continue;
            }
            int next = end;
            while (next < to && isSpace(t.charAt(next))) {
                next++;
            }
            if (next < to && endsSentence(t, from, stop, end - stop, next, to)) {
                add(t, start, end, out);
                start = next;
            }
            i = next;
        }
        add(t, start, to, out);
    }

    /**
     * Whether the terminator at {@code stop} (a run of {@code length} terminators and closers) ends the sentence,
     * given that the next non-space character is at {@code next}.
     */
    private static boolean endsSentence(String t, int from, int stop, int length, int next, int to) {
        char first = t.charAt(next);
        boolean opens = Character.isUpperCase(first) || Character.isDigit(first) || isOpener(first);
        if (!opens) {
            return false;
        }
        boolean singleStop = t.charAt(stop) == '.' && (stop + 1 >= to || !isTerminator(t.charAt(stop + 1)));
        if (!singleStop) {
            return true; // ! ? … or "..."
        }
        int wordStart = stop;
        while (wordStart > from && (Character.isLetter(t.charAt(wordStart - 1)) || t.charAt(wordStart - 1) == '.')) {
            wordStart--;
        }
        if (wordStart == stop) {
            return true; // after a number, a quote or a bracket: "in 2018. China …"
        }
        String word = t.substring(wordStart, stop);
        if (TITLES.contains(word)) {
            return false;
        }
        boolean numberFollows = hasDigit(t, next, to); // "No. 1", "case No. VA089897", "Sept. 11"
        if (numberFollows && (BEFORE_NUMBER.contains(word) || MONTHS.contains(word))) {
            return false;
        }
        boolean initial = word.length() == 1 && Character.isUpperCase(word.charAt(0));
        boolean dotted = word.indexOf('.') > 0;
        if (initial || dotted || MONTHS.contains(word) || CLOSABLE.contains(word)) {
            return OPENERS.contains(nextWord(t, next, to));
        }
        return true;
    }

    private static boolean hasDigit(String t, int next, int to) {
        for (int i = next; i < to && !isSpace(t.charAt(i)); i++) {
            if (Character.isDigit(t.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static String nextWord(String t, int next, int to) {
        int a = next;
        while (a < to && isOpener(t.charAt(a))) {
            a++;
        }
        int b = a;
        while (b < to && Character.isLetter(t.charAt(b))) {
            b++;
        }
        return t.substring(a, b);
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static boolean isTerminator(char c) {
        return c == '.' || c == '!' || c == '?' || c == '…';
    }

    private static boolean isCloser(char c) {
        return c == '"' || c == '\'' || c == '”' || c == '’' || c == ')' || c == ']' || c == '»';
    }

    private static boolean isOpener(char c) {
        return c == '"' || c == '\'' || c == '“' || c == '‘' || c == '(' || c == '[' || c == '«';
    }

    private static void add(String t, int start, int end, List<Sentence> out) {
        while (start < end && isSpace(t.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(t.charAt(end - 1))) {
            end--;
        }
        if (start < end) {
            out.add(new Sentence(start, end));
        }
    }
}
