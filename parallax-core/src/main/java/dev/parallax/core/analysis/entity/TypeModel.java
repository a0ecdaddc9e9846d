package dev.parallax.core.analysis.entity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A linear typer (averaged perceptron weights) for names whose own words and the rules leave only weakly typed: a
 * lone unknown word, a two-word name-shaped phrase. Features are the first and last word, a suffix, the word shapes,
 * the two words either side, word-list flags and the rule's guess (inner words are left out: on a split of the
 * training half they only memorised). The weights are {@code type-model.tsv}, trained by {@link EntityTypeTraining} (see there for the
 * data); strong rule evidence (titles, organisation words, gazetteers) is never overridden.
 */
final class TypeModel {
    static final String RESOURCE = "type-model.tsv";
    static final EntityType[] CLASSES = EntityType.values();
    static final TypeModel NONE = new TypeModel(Map.of());
    static final TypeModel SHIPPED = load();

    private final Map<String, float[]> weights;

    TypeModel(Map<String, float[]> weights) {
        this.weights = weights;
    }

    /** The best type, or null when the model has no weights. */
    EntityType predict(List<String> features) {
        if (weights.isEmpty()) {
            return null;
        }
        float[] score = new float[CLASSES.length];
        for (String f : features) {
            float[] w = weights.get(f);
            if (w != null) {
                for (int k = 0; k < score.length; k++) {
                    score[k] += w[k];
                }
            }
        }
        int best = 0;
        for (int k = 1; k < score.length; k++) {
            if (score[k] > score[best]) {
                best = k;
            }
        }
        return CLASSES[best];
    }

    static List<String> features(List<Token> toks, int a, int b, EntityType ruleType, int ruleStrength) {
        Lexicon lex = Lexicon.INSTANCE;
        List<String> f = new ArrayList<>(24);
        f.add("bias");
        f.add("rule=" + ruleType + ruleStrength);
        f.add("n=" + Math.min(b - a, 4));
        StringBuilder shape = new StringBuilder();
        for (int p = a; p < b; p++) {
            String w = toks.get(p).text();
            shape.append(shape(w)).append(' ');
            if (lex.lowerShare(w) >= 50) {
                f.add("common");
            }
            if (lex.places.contains(w)) {
                f.add("placeWord");
            }
        }
        String first = toks.get(a).text();
        String last = toks.get(b - 1).text();
        f.add("f=" + first.toLowerCase(Locale.ROOT));
        f.add("l=" + last.toLowerCase(Locale.ROOT));
        if (last.length() > 3) {
            f.add("s3=" + last.substring(last.length() - 3).toLowerCase(Locale.ROOT));
        }
        f.add("shape=" + shape.toString().strip());
        if (lex.isGivenName(first)) {
            f.add("given");
        }
        if (lex.demonyms.containsKey(first)) {
            f.add("demonym");
        }
        if (toks.get(a).sentenceStart()) {
            f.add("start");
        }
        f.add("p1=" + (a > 0 ? toks.get(a - 1).text().toLowerCase(Locale.ROOT) : "<s>"));
        f.add("p2=" + (a > 1 ? toks.get(a - 2).text().toLowerCase(Locale.ROOT) : "<s>"));
        f.add("n1=" + (b < toks.size() ? toks.get(b).text().toLowerCase(Locale.ROOT) : "</s>"));
        f.add("n2=" + (b + 1 < toks.size() ? toks.get(b + 1).text().toLowerCase(Locale.ROOT) : "</s>"));
        return f;
    }

    private static String shape(String w) {
        StringBuilder s = new StringBuilder();
        char prev = 0;
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            char k = Character.isUpperCase(c) ? 'X' : Character.isLowerCase(c) ? 'x' : Character.isDigit(c) ? 'd' : c;
            if (k != prev) {
                s.append(k);
            }
            prev = k;
        }
        return s.toString();
    }

    private static TypeModel load() {
        try (InputStream in = TypeModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return NONE;
            }
            Map<String, float[]> w = new HashMap<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                float[] v = new float[CLASSES.length];
                for (int k = 0; k < v.length; k++) {
                    v[k] = Float.parseFloat(f[k + 1]);
                }
                w.put(f[0], v);
            }
            return new TypeModel(w);
        } catch (IOException e) {
            throw new UncheckedIOException("reading resource " + RESOURCE, e);
        }
    }
}
