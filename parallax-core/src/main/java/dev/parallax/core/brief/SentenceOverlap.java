package dev.parallax.core.brief;

import dev.parallax.core.model.Article;
import dev.parallax.core.model.LayerKey;
import dev.parallax.core.model.Outlet;
import dev.parallax.core.model.Sentence;
import dev.parallax.core.text.Terms;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A first cross-source comparison: for every sentence of a story, the other outlets that carry a sentence saying much
 * the same, by cosine similarity of content-term counts weighted by inverse frequency within the story. Simple and
 * lexical. The CLI renders the claim-level {@link Brief} instead; only the web UI (parallax-server) still uses this,
 * and it goes once the server renders the brief. Articles whose outlet is unknown count as separate voices (two
 * unattributed files are not one outlet); they are named by their article id.
 */
public final class SentenceOverlap {
    /** Cosine at or above which two sentences count as the same statement; chosen on the seed story. */
    public static final double THRESHOLD = 0.35;

    /**
     * @param article the article the sentence is from
     * @param sentence its span
     * @param text its text
     * @param alsoIn other outlets (or, for unknown outlets, article ids) with a matching sentence, sorted by name;
     *     empty when only this outlet has it
     * @param bestMatch the closest sentence from another outlet, or null when none reaches the threshold
     * @param similarity the cosine of that match
     */
    public record Row(Article article, Sentence sentence, String text, List<String> alsoIn, String bestMatch,
            double similarity) {
        public boolean shared() {
            return !alsoIn.isEmpty();
        }
    }

    private SentenceOverlap() {}

    /** Compares every sentence of the given articles (those of one story) with the other outlets' sentences. */
    public static List<Row> compare(List<Article> articles) {
        record Unit(Article article, Sentence sentence, String text, Map<String, Integer> terms) {}
        List<Unit> units = new ArrayList<>();
        Map<String, Integer> df = new HashMap<>();
        for (Article a : articles) {
            for (Sentence s : a.layer(LayerKey.SENTENCES)) {
                String text = a.textOf(s);
                Map<String, Integer> tf = new HashMap<>();
                Terms.of(text).forEach(t -> tf.merge(t, 1, Integer::sum));
                tf.keySet().forEach(t -> df.merge(t, 1, Integer::sum));
                units.add(new Unit(a, s, text, tf));
            }
        }
        int n = units.size();
        List<Map<String, Double>> vectors = units.stream().map(u -> weigh(u.terms(), df, n)).toList();
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Unit u = units.get(i);
            TreeSet<String> alsoIn = new TreeSet<>();
            String best = null;
            double bestSim = 0;
            for (int j = 0; j < n; j++) {
                Unit v = units.get(j);
                if (voice(v.article()).equals(voice(u.article()))) {
                    continue;
                }
                double sim = cosine(vectors.get(i), vectors.get(j));
                if (sim >= THRESHOLD) {
                    alsoIn.add(voice(v.article()));
                    if (sim > bestSim) {
                        bestSim = sim;
                        best = v.text();
                    }
                }
            }
            rows.add(new Row(u.article(), u.sentence(), u.text(), List.copyOf(alsoIn), best, bestSim));
        }
        return rows;
    }

    /** Who speaks in an article: its outlet, or the article itself when the outlet is unknown. */
    public static String voice(Article a) {
        return a.outlet().equals(Outlet.UNKNOWN) ? a.id() : a.outlet().name();
    }

    private static Map<String, Double> weigh(Map<String, Integer> tf, Map<String, Integer> df, int n) {
        Map<String, Double> w = new HashMap<>();
        double norm = 0;
        for (var e : tf.entrySet()) {
            double x = (1 + Math.log(e.getValue())) * Math.log(1.0 + (double) n / df.get(e.getKey()));
            w.put(e.getKey(), x);
            norm += x * x;
        }
        double len = Math.sqrt(norm);
        if (len > 0) {
            w.replaceAll((k, v) -> v / len);
        }
        return w;
    }

    private static double cosine(Map<String, Double> a, Map<String, Double> b) {
        if (a.size() > b.size()) {
            return cosine(b, a);
        }
        double dot = 0;
        for (var e : a.entrySet()) {
            Double y = b.get(e.getKey());
            if (y != null) {
                dot += e.getValue() * y;
            }
        }
        return dot;
    }
}
