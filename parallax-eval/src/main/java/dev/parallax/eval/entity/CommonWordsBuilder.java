package dev.parallax.eval.entity;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Derives the entity annotator's {@code common-words.txt} resource from unlabelled news (articles JSON Lines): for each
 * word, the share of its occurrences that are lower case, counting only occurrences that are not sentence-initial.
 * A capitalised "Overnight" or "Tensions" that opens a sentence is then known to be an ordinary word. The shipped file
 * was built with
 * {@code parallax train common-words --out parallax-core/src/main/resources/dev/parallax/core/analysis/entity/common-words.txt
 * ../shared/data/bulk/reuters21578.articles.jsonl ../shared/data/bulk/bbc.articles.jsonl} (no labels used).
 */
public final class CommonWordsBuilder {
    private static final int MIN_LOWER = 3;

    private final Map<String, int[]> counts = new HashMap<>();

    /** Counts the words of one body. */
    public void add(String text) {
        count(text, counts);
    }

    /** The resource text: a header, then {@code word<TAB>percent in lower case} for the common words, sorted. */
    public String resource() {
        StringBuilder out = new StringBuilder("# word<TAB>share of non-sentence-initial occurrences in lower case"
                + " (x100). Built by dev.parallax.eval.entity.CommonWordsBuilder from Reuters-21578 and BBC bodies.\n");
        for (Map.Entry<String, int[]> e : new TreeMap<>(counts).entrySet()) {
            int lower = e.getValue()[0];
            int cap = e.getValue()[1];
            if (lower >= MIN_LOWER && lower * 100 / (lower + cap) >= 30) {
                out.append(e.getKey()).append('\t').append(lower * 100 / (lower + cap)).append('\n');
            }
        }
        return out.toString();
    }

    private static void count(String text, Map<String, int[]> counts) {
        boolean sentenceStart = true;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                int j = i;
                while (j < n && Character.isLetter(text.charAt(j))) {
                    j++;
                }
                String word = text.substring(i, j);
                if (!sentenceStart && !isAllCaps(word)) {
                    int[] k = counts.computeIfAbsent(word.toLowerCase(Locale.ROOT), w -> new int[2]);
                    k[Character.isLowerCase(c) ? 0 : 1]++;
                }
                sentenceStart = false;
                i = j;
            } else {
                if (c == '.' || c == '!' || c == '?' || c == '\n' || c == '"' || c == ':' || c == '\u201C') {
                    sentenceStart = true;
                } else if (Character.isDigit(c)) {
                    sentenceStart = false;
                }
                i++;
            }
        }
    }

    private static boolean isAllCaps(String w) {
        for (int i = 0; i < w.length(); i++) {
            if (Character.isLowerCase(w.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
