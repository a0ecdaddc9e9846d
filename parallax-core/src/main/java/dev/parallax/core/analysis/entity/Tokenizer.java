package dev.parallax.core.analysis.entity;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into words and punctuation with offsets, keeping what names need whole: "U.S.", "Shangri-La",
 * "AT&T", "Brig." and initials ("J."). A possessive "'s" becomes its own token so that "China's" ends in "China".
 */
final class Tokenizer {
    private Tokenizer() {}

    static List<Token> tokenize(String text) {
        List<Token> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        boolean sentenceStart = true;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n') {
                sentenceStart = true;
                i++;
                continue;
            }
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (Character.isLetterOrDigit(c)) {
                int j = i + 1;
                while (j < n) {
                    char d = text.charAt(j);
                    if (Character.isLetterOrDigit(d)) {
                        j++;
                    } else if ((d == '.' || d == '-' || d == '&' || d == '\'' || d == '\u2019') && j + 1 < n
                            && Character.isLetterOrDigit(text.charAt(j + 1)) && !isPossessive(text, j)) {
                        j += 2;
                    } else {
                        break;
                    }
                }
                if (j < n && text.charAt(j) == '.' && keepsPeriod(text.substring(i, j))) {
                    j++;
                }
                out.add(new Token(i, j, text.substring(i, j), true, sentenceStart));
                sentenceStart = false;
                i = j;
                continue;
            }
            int j = i + 1;
            if ((c == '\'' || c == '\u2019') && j < n && (text.charAt(j) == 's' || text.charAt(j) == 'S')
                    && (j + 1 == n || !Character.isLetterOrDigit(text.charAt(j + 1)))) {
                j++;
            }
            out.add(new Token(i, j, text.substring(i, j), false, sentenceStart));
            // A free-standing dash also opens a sentence: a dateline ("BRUSSELS, March 16 - The Belgian ...").
            boolean dash = (c == '-' || c == '\u2013' || c == '\u2014') && i > 0 && j < n
                    && Character.isWhitespace(text.charAt(i - 1)) && Character.isWhitespace(text.charAt(j));
            sentenceStart = c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == '"' || c == '\u201C'
                    || c == '\u2026' || dash || (sentenceStart && !Character.isLetterOrDigit(c));
            i = j;
        }
        return out;
    }

    /** An apostrophe at {@code j} starting a word-final "'s". */
    private static boolean isPossessive(String text, int j) {
        char a = text.charAt(j);
        if (a != '\'' && a != '\u2019') {
            return false;
        }
        int k = j + 1;
        return k < text.length() && (text.charAt(k) == 's' || text.charAt(k) == 'S')
                && (k + 1 == text.length() || !Character.isLetterOrDigit(text.charAt(k + 1)));
    }

    private static boolean keepsPeriod(String word) {
        return word.indexOf('.') > 0 || (word.length() == 1 && Character.isUpperCase(word.charAt(0)))
                || Lexicon.ABBREVIATIONS.contains(word);
    }
}
