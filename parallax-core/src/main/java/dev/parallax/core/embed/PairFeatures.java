package dev.parallax.core.embed;

import dev.parallax.core.embed.OnnxEmbedder.TokenEmbedding;
import dev.parallax.core.text.Terms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The evidence {@link PairScorer} weighs for two sentences. Three kinds, because each catches what the others miss:
 * <ul>
 *   <li>the sentence-vector cosines of two models, MiniLM and bge-small (topic and gist; the two err differently);</li>
 *   <li>BERTScore-style token alignment: every word piece's best cosine match in the other text, averaged into
 *       precision, recall and F, plus the worst-matched piece — a pair that says more on one
 *       side, or swaps one name or figure, has a piece with no good partner even when the sentence vectors agree;</li>
 *   <li>surface overlap: stemmed words, word bigrams, character 4-grams, numbers, capitalised words, negation and
 *       word-order (LCS), which paraphrase corpora punish and a sentence vector barely registers.</li>
 * </ul>
 */
public final class PairFeatures {

    /** Names of the values {@link #of} returns, in order; the fitted weights are matched to them by name. */
    public static final List<String> NAMES = List.of("cosine", "bgeCosine",
            "alignPrecision", "alignRecall", "alignF", "alignWorst",
            "termJaccard", "termContainment", "bigramJaccard", "char4Jaccard", "lcsRatio",
            "numberJaccard", "numberMismatch", "capitalisedJaccard", "capitalisedUnmatched",
            "negationMismatch", "lengthRatio");

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");
    /** Capitalised words not at the start of the text: a rough stand-in for names. */
    private static final Pattern CAPITALISED = Pattern.compile("(?<=\\s)\\p{Lu}[\\p{L}\\p{N}]*");
    private static final Pattern NEGATION = Pattern.compile(
            "\\b(?:not|no|never|nothing|none|nobody|neither|nor|without|cannot)\\b|n['’]t\\b", Pattern.CASE_INSENSITIVE);
    /** A word piece with a letter or digit; bare punctuation is not worth aligning. */
    private static final Pattern CONTENT_PIECE = Pattern.compile(".*[\\p{L}\\p{N}].*");

    private PairFeatures() {
    }

    /** All features of a pair, given both texts, their MiniLM token embeddings and their bge sentence cosine. */
    public static double[] of(String a, String b, TokenEmbedding ea, TokenEmbedding eb, double bgeCosine) {
        return of(a, b, Embedder.cosine(ea.sentence(), eb.sentence()), bgeCosine, ea.tokens(), eb.tokens(),
                tokenCosines(ea.vectors(), eb.vectors()));
    }

    /** As above, from the sentence cosines and the token-by-token cosine matrix ({@code sim[i][j]}: piece i of a, j of b). */
    static double[] of(String a, String b, double cosine, double bgeCosine, List<String> tokensA, List<String> tokensB,
                       float[][] sim) {
        double[] align = align(tokensA, tokensB, sim);
        List<String> ta = Terms.of(a), tb = Terms.of(b);
        Set<String> sa = new HashSet<>(ta), sb = new HashSet<>(tb);
        long common = sa.stream().filter(sb::contains).count();
        double containment = sa.isEmpty() || sb.isEmpty() ? 0 : (double) common / Math.min(sa.size(), sb.size());
        List<String> wa = words(a), wb = words(b);
        double lengthRatio = wa.isEmpty() || wb.isEmpty() ? 0
                : (double) Math.min(wa.size(), wb.size()) / Math.max(wa.size(), wb.size());
        Set<String> na = numbers(a), nb = numbers(b);
        Set<String> ca = matches(CAPITALISED, a), cb = matches(CAPITALISED, b);
        Set<String> unmatchedNames = new HashSet<>(ca);
        unmatchedNames.addAll(cb);
        unmatchedNames.removeIf(w -> ca.contains(w) && cb.contains(w));
        return new double[] {cosine, bgeCosine, align[0], align[1], align[2], align[3],
                jaccard(sa, sb), containment, jaccard(bigrams(wa), bigrams(wb)),
                jaccard(charGrams(wa, 4), charGrams(wb, 4)), lcsRatio(wa, wb),
                jaccard(na, nb), !na.isEmpty() && !nb.isEmpty() && !na.equals(nb) ? 1 : 0,
                jaccard(ca, cb), unmatchedNames.size(),
                negated(a) != negated(b) ? 1 : 0, lengthRatio};
    }

    /** Cosines of every token vector of one text with every token vector of the other. */
    static float[][] tokenCosines(float[][] a, float[][] b) {
        float[][] na = normalised(a), nb = normalised(b);
        float[][] sim = new float[a.length][b.length];
        for (int i = 0; i < na.length; i++) {
            for (int j = 0; j < nb.length; j++) {
                double dot = 0;
                for (int d = 0; d < na[i].length; d++) {
                    dot += na[i][d] * nb[j][d];
                }
                sim[i][j] = (float) dot;
            }
        }
        return sim;
    }

    private static float[][] normalised(float[][] v) {
        float[][] out = new float[v.length][];
        for (int i = 0; i < v.length; i++) {
            double norm = 0;
            for (float f : v[i]) {
                norm += f * f;
            }
            float inv = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
            out[i] = new float[v[i].length];
            for (int d = 0; d < v[i].length; d++) {
                out[i][d] = v[i][d] * inv;
            }
        }
        return out;
    }

    /**
     * Greedy token alignment over the pieces with a letter or digit: the mean best match of a's pieces in b
     * (precision), of b's in a (recall), their harmonic mean, and the lowest best match of any piece on either side
     * (all 0 when a side has no such piece). IDF weights, as BERTScore uses, did not help on MRPC or STS-B train.
     */
    static double[] align(List<String> ta, List<String> tb, float[][] sim) {
        double[] bestA = new double[ta.size()], bestB = new double[tb.size()];
        Arrays.fill(bestA, Double.NEGATIVE_INFINITY);
        Arrays.fill(bestB, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < ta.size(); i++) {
            if (!content(ta.get(i))) {
                continue;
            }
            for (int j = 0; j < tb.size(); j++) {
                if (content(tb.get(j))) {
                    bestA[i] = Math.max(bestA[i], sim[i][j]);
                    bestB[j] = Math.max(bestB[j], sim[i][j]);
                }
            }
        }
        double[] p = meanAndMin(bestA), r = meanAndMin(bestB);
        double f = p[0] + r[0] <= 0 ? 0 : 2 * p[0] * r[0] / (p[0] + r[0]);
        return new double[] {p[0], r[0], f, Math.min(p[1], r[1])};
    }

    /** {mean, minimum} of the best matches of the content pieces (the others stay -∞); {0, 0} when there are none. */
    private static double[] meanAndMin(double[] best) {
        double sum = 0, min = Double.POSITIVE_INFINITY;
        int count = 0;
        for (double v : best) {
            if (v > Double.NEGATIVE_INFINITY) {
                sum += v;
                min = Math.min(min, v);
                count++;
            }
        }
        return count == 0 ? new double[] {0, 0} : new double[] {sum / count, min};
    }

    static boolean content(String piece) {
        return CONTENT_PIECE.matcher(piece).matches();
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

    /** Longest common subsequence of the two word sequences over the longer length: shared wording in shared order. */
    static double lcsRatio(List<String> a, List<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        int[] prev = new int[b.size() + 1], cur = new int[b.size() + 1];
        for (String x : a) {
            for (int j = 1; j <= b.size(); j++) {
                cur[j] = x.equals(b.get(j - 1)) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return (double) prev[b.size()] / Math.max(a.size(), b.size());
    }

    private static boolean negated(String text) {
        int count = 0;
        Matcher m = NEGATION.matcher(text);
        while (m.find()) {
            count++;
        }
        return count % 2 == 1;
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
    static Set<String> charGrams(List<String> words, int n) {
        String joined = String.join(" ", words);
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
