package dev.parallax.core.analysis.quote;

import java.util.Arrays;
import java.util.Set;

/**
 * The text cut into word and punctuation tokens, with the facts the tagger and the grouping rules read per token:
 * paragraph and sentence starts and whether the token is inside a quotation.
 */
final class Tokens {
    static final byte OUT = 0;
    static final byte IN = 1;
    static final byte OPEN = 2;
    static final byte CLOSE = 3;

    /** Abbreviations whose period does not end a sentence (titles dominate news attributions). */
    private static final Set<String> ABBREVIATIONS = Set.of("mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov",
            "lt", "col", "sgt", "capt", "brig", "maj", "adm", "cmdr", "st", "jr", "sr", "prof", "rev", "u.s", "u.n",
            "u.k", "d.c", "inc", "corp", "co", "ltd", "no", "vs", "jan", "feb", "aug", "sept", "sep", "oct", "nov",
            "dec", "pres", "atty", "supt", "fig", "e.g", "i.e", "etc", "a.m", "p.m");

    final String text;
    final int size;
    final int[] start;
    final int[] end;
    final String[] lower;
    final int[] hash;
    /** First token after a line break (a paragraph in the clean text). */
    final boolean[] paraStart;
    /** Sentence index of each token. */
    final int[] sentence;
    /** OUT, IN, OPEN (an opening mark) or CLOSE (a closing mark). */
    final byte[] quote;

    private Tokens(String text, int size, int[] start, int[] end, boolean[] paraStart) {
        this.text = text;
        this.size = size;
        this.start = start;
        this.end = end;
        this.paraStart = paraStart;
        this.lower = new String[size];
        this.hash = new int[size];
        for (int i = 0; i < size; i++) {
            lower[i] = text.substring(start[i], end[i]).toLowerCase(java.util.Locale.ROOT);
            hash[i] = lower[i].hashCode();
        }
        this.quote = quoteStates();
        this.sentence = sentences();
    }

    static Tokens of(String text) {
        int cap = Math.max(16, text.length() / 4);
        int[] s = new int[cap];
        int[] e = new int[cap];
        boolean[] p = new boolean[cap];
        int n = 0;
        boolean newline = true;
        int len = text.length();
        int i = 0;
        while (i < len) {
            char c = text.charAt(i);
            if (isSpace(c)) {
                if (c == '\n') {
                    newline = true;
                }
                i++;
                continue;
            }
            int j = i + 1;
            if ((c == '\'' || c == '`') && j < len && text.charAt(j) == c) {
                j++; // '' and `` stand for double quotation marks (the New York Times' style)
            } else if (Character.isLetterOrDigit(c)) {
                while (j < len) {
                    char d = text.charAt(j);
                    if (Character.isLetterOrDigit(d)) {
                        j++;
                    } else if ((d == '\'' || d == '’' || d == '-' || d == '.' || d == '&' || d == ',')
                            && j + 1 < len && Character.isLetterOrDigit(text.charAt(j + 1))
                            && (d != ',' || Character.isDigit(text.charAt(j - 1)) && Character.isDigit(text.charAt(j + 1)))) {
                        j += 2;
                    } else {
                        break;
                    }
                }
            }
            // "U.S." keeps its final period (as PolNeAR's spans do), "U.S" alone is not a word
            if (j < len && text.charAt(j) == '.' && j - i >= 3 && text.charAt(j - 2) == '.') {
                j++;
            }
            if (n == s.length) {
                s = Arrays.copyOf(s, n * 2);
                e = Arrays.copyOf(e, n * 2);
                p = Arrays.copyOf(p, n * 2);
            }
            s[n] = i;
            e[n] = j;
            p[n] = newline;
            newline = false;
            n++;
            i = j;
        }
        return new Tokens(text, n, s, e, p);
    }

    /** Whitespace, including the no-break spaces some articles put between words. */
    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    boolean isDoubleQuoteMark(int i) {
        if (end[i] - start[i] == 2) {
            return isStraight(i);
        }
        if (end[i] - start[i] != 1) {
            return false;
        }
        char c = text.charAt(start[i]);
        return c == '“' || c == '”' || c == '"' || c == '„' || c == '«' || c == '»';
    }

    /** A mark that looks the same opening and closing: " or '' (and `` which only opens). */
    private boolean isStraight(int i) {
        char c = text.charAt(start[i]);
        return end[i] - start[i] == 1 ? c == '"' : (c == '\'' || c == '`') && text.charAt(start[i] + 1) == c;
    }

    /**
     * Quotation state by a left-to-right scan. Any closing mark closes an open quote, so “…" (curly open, straight
     * close) pairs. A quote still open at a paragraph end continues when the next paragraph opens with a mark (the
     * convention for multi-paragraph quotes) and is otherwise closed there, so an unbalanced mark cannot swallow the
     * rest of the article.
     */
    private byte[] quoteStates() {
        byte[] q = new byte[size];
        boolean open = false;
        for (int i = 0; i < size; i++) {
            if (paraStart[i] && open && !(isDoubleQuoteMark(i) && opens(i))) {
                open = false;
            }
            if (isDoubleQuoteMark(i)) {
                char c = text.charAt(start[i]);
                boolean straight = isStraight(i);
                boolean opening = c == '“' || c == '„' || c == '«' || c == '`' || (straight && opens(i));
                if (paraStart[i] && opening) {
                    q[i] = OPEN;
                    open = true;
                } else if (open && !opening) {
                    q[i] = CLOSE;
                    open = false;
                } else if (open && straight) {
                    q[i] = CLOSE;
                    open = false;
                } else if (!open && opening) {
                    q[i] = OPEN;
                    open = true;
                } else if (open) {
                    q[i] = IN; // a second opening mark inside a quote: keep it inside
                } else {
                    q[i] = OUT; // a stray closing mark
                }
            } else {
                q[i] = open ? IN : OUT;
            }
        }
        return q;
    }

    /** A straight mark opens when nothing word-like is glued to its left and something is glued to its right. */
    private boolean opens(int i) {
        int s = start[i];
        char c = text.charAt(s);
        if (c == '“' || c == '„' || c == '«') {
            return true;
        }
        if (c == '`') {
            return true;
        }
        if (!isStraight(i)) {
            return false;
        }
        int e = end[i];
        boolean spaceBefore = s == 0 || isSpace(text.charAt(s - 1)) || "([—–-".indexOf(text.charAt(s - 1)) >= 0;
        boolean spaceAfter = e >= text.length() || isSpace(text.charAt(e));
        return spaceBefore && !spaceAfter;
    }

    private int[] sentences() {
        int[] sent = new int[size];
        int id = 0;
        for (int i = 0; i < size; i++) {
            if (i > 0 && (paraStart[i] || endsSentenceBefore(i))) {
                id++;
            }
            sent[i] = id;
        }
        return sent;
    }

    /** True when a sentence ends right before token {@code i}: after . ! ? … (and any closing marks) before a capital. */
    private boolean endsSentenceBefore(int i) {
        int k = i - 1;
        while (k >= 0 && (quote[k] == CLOSE || ")’'".indexOf(text.charAt(start[k])) >= 0 && end[k] - start[k] == 1)) {
            k--;
        }
        if (k < 0 || end[k] - start[k] != 1) {
            return false;
        }
        char c = text.charAt(start[k]);
        if (c != '.' && c != '!' && c != '?' && c != '…') {
            return false;
        }
        if (c == '.' && k > 0 && end[k - 1] == start[k]
                && (ABBREVIATIONS.contains(lower[k - 1]) || end[k - 1] - start[k - 1] == 1
                        && Character.isUpperCase(text.charAt(start[k - 1])))) {
            return false;
        }
        char next = text.charAt(start[i]);
        return Character.isUpperCase(next) || Character.isDigit(next) || quote[i] == OPEN;
    }

    /** Index of the first token whose end is after {@code offset}. */
    int firstEndingAfter(int offset) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (end[mid] <= offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
