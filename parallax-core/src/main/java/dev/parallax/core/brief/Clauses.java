package dev.parallax.core.brief;

import dev.parallax.core.model.Sentence;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a sentence that carries two facts into its clauses, so that each can be matched on its own: "Li was
 * sanctioned in 2018; however, the Pentagon asserts that this does not prevent Austin ..." is two claims. A split
 * happens only at a coordinating boundary ("; however,", "; ", ", and", ", but", " but ") when both sides have a
 * verb, or at a bare " and " when both sides are long ({@value #LONG_WORDS}+ words) and have a verb, so "Austin and
 * Li" or "small but significant" stay whole. The right side must also begin as a clause does, not as the rest of a
 * phrase: "in 2011 and 2012 if Congress passes …", "not just for the middle class but also for higher earners", "are
 * not yet ready, but that the Senate could move …", ", and saying it gives away …" stay whole. Deliberately simple: no
 * parser.
 */
final class Clauses {
    private static final Pattern BOUNDARY = Pattern.compile(
            ";\\s+(?:however|but|and|yet)?,?\\s*|,\\s+(?:and|but|yet|while)\\s+|\\s+but\\s+|(\\s+and\\s+)");
    /** A finite verb, roughly: auxiliaries, common reporting verbs, or a past-tense-looking word. */
    private static final Pattern VERB = Pattern.compile("\\b(?:is|are|was|were|be|been|has|have|had|will|would|"
            + "can|could|should|may|might|must|do|does|did|said|says|say|told|added|remains|remain|asserts|"
            + "met|came|comes|went|made|took|gave|got|held|left|flew|won|lost|began|saw|sent|found|kept|led|paid|"
            + "ran|spent|stood|struck|thought|brought|bought|built|caught|fell|felt|fought|heard|knew|meant|rose|"
            + "sold|shot|spoke|wrote|chose|\\p{L}{3,}ed)\\b", Pattern.CASE_INSENSITIVE);
    /**
     * First words that continue the phrase before a conjunction rather than begin a clause: a number, a preposition,
     * a complementiser or relative pronoun, "also" (of "not only … but also"), a bare participle.
     */
    private static final Pattern CONTINUATION = Pattern.compile("(?:\\p{N}\\S*|(?:that|which|who|whom|whose|whether|"
            + "if|also|for|to|of|in|on|at|by|with|from|into|than|as|not|(?!(?:no|some|every|any)thing)\\p{Ll}+ing)"
            + "\\b)[\\s\\S]*");
    private static final Pattern FIRST_WORD = Pattern.compile("\\p{L}+");
    /** Fewer words than this on either side is a phrase, not a clause. */
    private static final int MIN_WORDS = 4;
    /** A bare " and " separates clauses only between sides at least this long. */
    private static final int LONG_WORDS = 10;

    private Clauses() {}

    /** The clauses of the sentence as spans of {@code text}, trimmed; the sentence itself when it does not split. */
    static List<Sentence> of(String text, Sentence sentence) {
        List<Sentence> out = new ArrayList<>();
        int from = sentence.start();
        Matcher m = BOUNDARY.matcher(text).region(sentence.start(), sentence.end());
        while (m.find()) {
            String left = text.substring(from, m.start());
            String right = text.substring(m.end(), sentence.end());
            int min = m.group(1) != null ? LONG_WORDS : MIN_WORDS;
            if (insideQuote(text, sentence.start(), m.start()) || endsList(left) || !clause(left, min)
                    || !clause(right, min) || CONTINUATION.matcher(right.strip()).matches()) {
                continue;
            }
            out.add(trim(text, from, m.start()));
            from = m.end();
        }
        out.add(trim(text, from, sentence.end()));
        return out;
    }

    /**
     * Whether a unit begins with its verb, lower-case: the second clause of "Obama said … and urged lawmakers to …"
     * has no subject of its own, and reads as a fragment outside its sentence.
     */
    static boolean headless(String unit) {
        Matcher first = FIRST_WORD.matcher(unit);
        return first.lookingAt() && Character.isLowerCase(first.group().charAt(0))
                && VERB.matcher(first.group()).matches();
    }

    /**
     * Whether a unit holds a quotation mark without its partner: a piece of a quotation the sentence splitter cut
     * (`Nothing bad is going to happen."` after `"She's in rehab right now.`), which read alone states someone's
     * words as nobody's.
     */
    static boolean cutQuotation(String unit) {
        int straight = 0, open = 0, close = 0;
        for (int i = 0; i < unit.length(); i++) {
            char c = unit.charAt(i);
            straight += c == '"' ? 1 : 0;
            open += c == '“' ? 1 : 0;
            close += c == '”' ? 1 : 0;
        }
        return straight % 2 != 0 || open != close;
    }

    /** "officials, institutions, and businesses": a comma a few words before the boundary makes it a list. */
    private static boolean endsList(String left) {
        int comma = left.lastIndexOf(',');
        return comma >= 0 && left.substring(comma + 1).strip().split("\\s+").length <= 3;
    }

    private static boolean clause(String s, int minWords) {
        return s.strip().split("\\s+").length >= minWords && VERB.matcher(s).find();
    }

    /** A boundary inside an open quotation belongs to the speaker's sentence, not the reporter's. */
    private static boolean insideQuote(String text, int from, int at) {
        int open = 0;
        for (int i = from; i < at; i++) {
            char c = text.charAt(i);
            if (c == '“') {
                open++;
            } else if (c == '”') {
                open = Math.max(0, open - 1);
            } else if (c == '"') {
                open = open == 0 ? 1 : 0;
            }
        }
        return open > 0;
    }

    private static Sentence trim(String text, int start, int end) {
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return new Sentence(start, end);
    }
}
