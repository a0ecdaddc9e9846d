package dev.parallax.eval.extraction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The article-extraction benchmark's comparison of one page's extracted text with its gold text: tokens by
 * {@code \w+}, multisets of 4-token shingles, and true positive, false positive and false negative shingle counts
 * normalised to sum 1 so that every page weighs the same.
 *
 * @param tp shingles in both, as a fraction of all
 * @param fp shingles only in the extraction
 * @param fn shingles only in the gold text
 */
record ShingleMatch(double tp, double fp, double fn) {
    /** The benchmark's tokens and shingle length, which {@link FurniturePages} labels blocks by too. */
    static final Pattern TOKEN = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);
    static final int N = 4;

    static ShingleMatch of(String gold, String extracted) {
        Map<String, Integer> g = shingles(gold);
        Map<String, Integer> e = shingles(extracted);
        double tp = 0;
        double fp = 0;
        double fn = 0;
        Set<String> all = new HashSet<>(g.keySet());
        all.addAll(e.keySet());
        for (String s : all) {
            int gc = g.getOrDefault(s, 0);
            int ec = e.getOrDefault(s, 0);
            tp += Math.min(gc, ec);
            fp += Math.max(0, ec - gc);
            fn += Math.max(0, gc - ec);
        }
        double sum = tp + fp + fn;
        return sum > 0 ? new ShingleMatch(tp / sum, fp / sum, fn / sum) : new ShingleMatch(0, 0, 0);
    }

    /** 1 when nothing was missed or added; 0 when nothing was right or nothing was extracted. */
    double precision() {
        return fp == 0 && fn == 0 ? 1 : tp == 0 && fp == 0 ? 0 : tp / (tp + fp);
    }

    double recall() {
        return fp == 0 && fn == 0 ? 1 : tp == 0 && fn == 0 ? 0 : tp / (tp + fn);
    }

    /** A text shorter than 4 tokens is one shingle of all its tokens; an empty one has none. */
    private static Map<String, Integer> shingles(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text == null ? "" : text);
        while (m.find()) {
            tokens.add(m.group());
        }
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < Math.max(1, tokens.size() - N + 1); i++) {
            String shingle = String.join(" ", tokens.subList(i, Math.min(tokens.size(), i + N)));
            if (!shingle.isEmpty()) {
                counts.merge(shingle, 1, Integer::sum);
            }
        }
        return counts;
    }
}
