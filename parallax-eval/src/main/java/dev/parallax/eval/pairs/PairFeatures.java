package dev.parallax.eval.pairs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cheap surface evidence that complements embedding cosine: paraphrase corpora punish pairs that share a topic
 * but differ in a figure or in how much they say, which a sentence vector barely registers.
 */
public final class PairFeatures {

    /** Names of the values {@link #of} returns, in order. */
    public static final List<String> NAMES = List.of("cosine", "wordJaccard", "bigramJaccard", "char4Jaccard",
            "containment", "numberJaccard", "capitalisedJaccard", "lengthRatio", "cosineTimesWordJaccard", "cosineSquared");

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");
    /** Capitalised words not at the start of the text: a rough stand-in for names. */
    private static final Pattern CAPITALISED = Pattern.compile("(?<=\\s)\\p{Lu}[\\p{L}\\p{N}]*");

    private PairFeatures() {
    }

    public static double[] of(String a, String b, double cosine) {
        List<String> wa = words(a), wb = words(b);
        Set<String> sa = new HashSet<>(wa), sb = new HashSet<>(wb);
        double lengthRatio = wa.isEmpty() || wb.isEmpty() ? 0
                : (double) Math.min(wa.size(), wb.size()) / Math.max(wa.size(), wb.size());
        long common = sa.stream().filter(sb::contains).count();
        double containment = sa.isEmpty() || sb.isEmpty() ? 0 : (double) common / Math.min(sa.size(), sb.size());
        double wordJaccard = jaccard(sa, sb);
        return new double[] {cosine, wordJaccard, jaccard(bigrams(wa), bigrams(wb)),
                jaccard(charGrams(a, 4), charGrams(b, 4)), containment, jaccard(numbers(a), numbers(b)),
                jaccard(matches(CAPITALISED, a), matches(CAPITALISED, b)), lengthRatio, cosine * wordJaccard, cosine * cosine};
    }

    /** |A∩B| / |A∪B|, and 1 when both are empty (two texts without numbers agree on numbers). */
    static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 1;
        }
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        long common = a.stream().filter(b::contains).count();
        return (double) common / union.size();
    }

    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    static Set<String> bigrams(List<String> words) {
        Set<String> out = new HashSet<>();
        for (int i = 1; i < words.size(); i++) {
            out.add(words.get(i - 1) + ' ' + words.get(i));
        }
        return out;
    }

    /** Character n-grams of the lower-cased words joined by single spaces: overlap that survives inflection. */
    static Set<String> charGrams(String text, int n) {
        String joined = String.join(" ", words(text));
        Set<String> out = new HashSet<>();
        for (int i = 0; i + n <= joined.length(); i++) {
            out.add(joined.substring(i, i + n));
        }
        return out;
    }

    private static Set<String> matches(Pattern p, String text) {
        Set<String> out = new HashSet<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** Numbers with thousands separators removed, so "1,300" and "1300" agree. */
    static Set<String> numbers(String text) {
        Set<String> out = new HashSet<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            out.add(m.group().replaceAll(",(?=\\d{3}(\\D|$))", ""));
        }
        return out;
    }
}
