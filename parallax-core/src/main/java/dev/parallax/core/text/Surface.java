package dev.parallax.core.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Surface evidence that two sentences say the same thing: lower-cased words, word bigrams, character 4-grams,
 * numbers, negation and shared word order. Shared by the pair scorer and the brief's claim model. Words and bigrams
 * are 64-bit hashes and 4-grams their four characters packed into a long, kept as sorted arrays, so that the brief
 * compares a unit with ~60 candidates by merging short arrays instead of hashing strings per pair.
 */
public final class Surface {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");
    private static final Pattern NEGATION = Pattern.compile(
            "\\b(?:not|no|never|nothing|none|nobody|neither|nor|without|cannot)\\b|n['’]t\\b", Pattern.CASE_INSENSITIVE);

    private Surface() {}

    /** The lower-cased runs of letters and digits, in text order. */
    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** A 64-bit hash of each word, in order: equal words, equal hashes; distinct words collide with odds ~2⁻⁶⁴. */
    public static long[] hashes(List<String> words) {
        long[] out = new long[words.size()];
        for (int i = 0; i < out.length; i++) {
            long h = 0xcbf29ce484222325L;
            String w = words.get(i);
            for (int k = 0; k < w.length(); k++) {
                h = (h ^ w.charAt(k)) * 0x100000001b3L;
            }
            out[i] = mix(h);
        }
        return out;
    }

    /** The distinct word bigrams, as hashes of the two words' hashes, sorted. */
    public static long[] bigrams(long[] words) {
        long[] out = new long[Math.max(0, words.length - 1)];
        for (int i = 1; i < words.length; i++) {
            out[i - 1] = mix(words[i - 1] * 0x9e3779b97f4a7c15L + words[i]);
        }
        return distinct(out);
    }

    /**
     * The distinct character 4-grams of the words joined by single spaces (overlap that survives inflection), each
     * packed exactly into a long, sorted.
     */
    public static long[] char4(List<String> words) {
        String joined = String.join(" ", words);
        long[] out = new long[Math.max(0, joined.length() - 3)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (long) joined.charAt(i) << 48 | (long) joined.charAt(i + 1) << 32
                    | (long) joined.charAt(i + 2) << 16 | joined.charAt(i + 3);
        }
        return distinct(out);
    }

    /** The number of values two sorted, distinct arrays share. */
    public static int common(long[] a, long[] b) {
        int common = 0;
        for (int i = 0, j = 0; i < a.length && j < b.length; ) {
            if (a[i] == b[j]) {
                common++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return common;
    }

    /** |A∩B| / |A∪B| of two sorted, distinct arrays, and 1 when both are empty. */
    public static double jaccard(long[] a, long[] b) {
        if (a.length == 0 && b.length == 0) {
            return 1;
        }
        int common = common(a, b);
        return (double) common / (a.length + b.length - common);
    }

    /** The length of the longest common subsequence of two word sequences: shared wording in shared order. */
    public static int lcs(long[] a, long[] b) {
        if (a.length == 0 || b.length == 0) {
            return 0;
        }
        int[] prev = new int[b.length + 1], cur = new int[b.length + 1];
        for (long x : a) {
            for (int j = 1; j <= b.length; j++) {
                cur[j] = x == b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length];
    }

    /** Numbers with thousands separators removed, so "1,300" and "1300" agree. */
    public static Set<String> numbers(String text) {
        Set<String> out = new HashSet<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            out.add(m.group().replaceAll(",(?=\\d{3}(\\D|$))", ""));
        }
        return out;
    }

    /** Whether the text holds an odd number of negations ("not", "never", "n't"…): a rough polarity. */
    public static boolean negated(String text) {
        int count = 0;
        Matcher m = NEGATION.matcher(text);
        while (m.find()) {
            count++;
        }
        return count % 2 == 1;
    }

    private static long[] distinct(long[] xs) {
        if (xs.length == 0) {
            return xs;
        }
        Arrays.sort(xs);
        int n = 1;
        for (int i = 1; i < xs.length; i++) {
            if (xs[i] != xs[n - 1]) {
                xs[n++] = xs[i];
            }
        }
        return n == xs.length ? xs : Arrays.copyOf(xs, n);
    }

    /** MurmurHash3's 64-bit finaliser: spreads the bits of a hash over the whole word. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb53a87e9ce5bL;
        return h ^ h >>> 33;
    }
}
