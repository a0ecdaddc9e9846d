package dev.parallax.core.brief;

import dev.parallax.core.text.Terms;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether two sentences state the same claim: a logistic combination of embedding cosine, lexical overlap and
 * name/number agreement. The weights and the threshold (best F1) were fitted on the news pairs of STS-B's TRAIN
 * split (the brief aligns news sentences), a pair counting as one claim from grade 2 up (see {@code parallax-eval}'s
 * {@code ClaimModelFit}, which writes {@code claim-model.properties}); there is one fit with the embedding cosine and
 * one without it, for when no embedder is available. {@link #logOdds} is the brief's pair score, and
 * {@code parallax eval pairs --scorer brief} measures exactly it. The cosine weights were fitted on the cosines of the
 * brief's own embedder ({@link StoryBriefs#EMBEDDER}, int8 MiniLM).
 *
 * @param embedded true when the first feature is the embedding cosine
 */
public record ClaimModel(boolean embedded, double[] mean, double[] scale, double[] weights, double bias,
        double threshold) {
    /** Names of the features {@link #features} returns, in order, without and then with the cosine first. */
    public static final List<String> LEXICAL_FEATURES =
            List.of("termJaccard", "termContainment", "nameAgreement", "numberAgreement");

    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");
    /** Capitalised words not at the start of the text: a stand-in for names that needs no entity layer. */
    private static final Pattern NAME = Pattern.compile("(?<=[\\s(“\"])\\p{Lu}[\\p{L}\\p{N}-]*");

    /**
     * What the features need of one text, computed once per sentence. The terms iterate in text order: the brief sums
     * term weights in that order to rank candidates, and {@code Set.copyOf}'s order changes from one JVM run to the
     * next, which moved near-ties in the last bit and so changed which candidates a unit got.
     *
     * @param termIds the terms as ids of {@link #TERM_IDS}, sorted: the brief counts the common terms of ~60 candidate
     *     pairs per new sentence, and a merge of two short int arrays is cheaper than a set lookup per term
     */
    public record Text(Set<String> terms, Set<String> names, Set<String> numbers, int[] termIds) {
        public static Text of(String text) {
            Set<String> terms = Collections.unmodifiableSet(new LinkedHashSet<>(Terms.of(text)));
            int[] ids = new int[terms.size()];
            int i = 0;
            for (String t : terms) {
                Integer id = TERM_IDS.get(t);
                ids[i++] = id != null ? id : TERM_IDS.computeIfAbsent(t, k -> NEXT_TERM_ID.getAndIncrement());
            }
            Arrays.sort(ids);
            return new Text(terms, matches(NAME, text, false), matches(NUMBER, text, true), ids);
        }
    }

    /**
     * An id per term met in the process (what ids terms get does not matter, only that one term has one id). It grows
     * with the vocabulary of stemmed terms, which a news stream keeps to some hundred thousand.
     */
    private static final ConcurrentHashMap<String, Integer> TERM_IDS = new ConcurrentHashMap<>();
    private static final AtomicInteger NEXT_TERM_ID = new AtomicInteger();

    /** The number of terms two texts share. */
    static int commonTerms(Text a, Text b) {
        int[] x = a.termIds(), y = b.termIds();
        int common = 0;
        for (int i = 0, j = 0; i < x.length && j < y.length; ) {
            if (x[i] == y[j]) {
                common++;
                i++;
                j++;
            } else if (x[i] < y[j]) {
                i++;
            } else {
                j++;
            }
        }
        return common;
    }

    public static double[] features(Text a, Text b, double cosine, boolean embedded) {
        int common = commonTerms(a, b);
        int union = a.terms().size() + b.terms().size() - common;
        double jaccard = union == 0 ? 0 : (double) common / union;
        int min = Math.min(a.terms().size(), b.terms().size());
        double containment = min == 0 ? 0 : (double) common / min;
        double[] lexical = {jaccard, containment, agreement(a.names(), b.names()), agreement(a.numbers(), b.numbers())};
        if (!embedded) {
            return lexical;
        }
        double[] all = new double[lexical.length + 1];
        all[0] = cosine;
        System.arraycopy(lexical, 0, all, 1, lexical.length);
        return all;
    }

    /**
     * The brief's score of two units: the log-odds that they state the same claim, as a float (the brief keeps over
     * a million of them for a 600-article story). The vectors are the unit embedder's (L2-normalised: their dot
     * product is the cosine); they are ignored, and may be null, when the model is lexical.
     */
    public float logOdds(Text a, Text b, float[] va, float[] vb) {
        double cosine = 0;
        if (embedded) {
            for (int i = 0; i < va.length; i++) {
                cosine += va[i] * vb[i];
            }
        }
        return (float) score(features(a, b, cosine, embedded));
    }

    /** The log-odds that the two texts state the same claim. */
    public double score(double[] features) {
        double s = bias;
        for (int j = 0; j < weights.length; j++) {
            s += weights[j] * (features[j] - mean[j]) / scale[j];
        }
        return s;
    }

    public boolean same(double score) {
        return score >= threshold;
    }

    /** The shipped model, with or without the embedding cosine. */
    public static ClaimModel shipped(boolean embedded) {
        Properties p = new Properties();
        try (InputStream in = ClaimModel.class.getResourceAsStream("claim-model.properties")) {
            if (in == null) {
                throw new IllegalStateException("claim-model.properties is missing from the classpath");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String k = embedded ? "embedded." : "lexical.";
        return new ClaimModel(embedded, doubles(p, k + "mean"), doubles(p, k + "scale"), doubles(p, k + "weights"),
                Double.parseDouble(p.getProperty(k + "bias")), Double.parseDouble(p.getProperty(k + "threshold")));
    }

    /** The model in the form {@link #shipped} reads, for the fitting tool to write. */
    public String toProperties() {
        String k = embedded ? "embedded." : "lexical.";
        return k + "mean=" + join(mean) + "\n" + k + "scale=" + join(scale) + "\n" + k + "weights=" + join(weights)
                + "\n" + k + "bias=" + bias + "\n" + k + "threshold=" + threshold + "\n";
    }

    private static String join(double[] xs) {
        return String.join(",", Arrays.stream(xs).mapToObj(Double::toString).toList());
    }

    private static double[] doubles(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalStateException("claim-model.properties has no " + key);
        }
        return Arrays.stream(v.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    /** Jaccard of two sets, and 1 when both are empty: two texts without numbers do not disagree on numbers. */
    private static double agreement(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 1;
        }
        int common = 0;
        for (String x : a) {
            if (b.contains(x)) {
                common++;
            }
        }
        return (double) common / (a.size() + b.size() - common);
    }

    private static Set<String> matches(Pattern p, String text, boolean number) {
        Set<String> out = new HashSet<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(number ? m.group().replaceAll(",(?=\\d{3}(\\D|$))", "") : m.group());
        }
        return Set.copyOf(out);
    }
}
