package dev.parallax.core.analysis.entity;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Trains the weights behind the annotator's typing of weakly typed names (an averaged perceptron) from texts with
 * gold entity spans, and writes them in the {@code type-model.tsv} resource format. Each weakly typed candidate the
 * rules find is labelled with the type of the gold span it equals, else the gold span that contains or overlaps it;
 * candidates that touch no gold span are left out. The shipped weights were trained by
 * {@code parallax train entity-types} ({@code dev.parallax.eval.entity.EntityTypeTrainer}) on WikiGold documents 1-72
 * only.
 */
public final class EntityTypeTraining {
    /** A text and its gold names. */
    public record LabelledText(String text, List<GoldSpan> gold) {}

    /** A gold name over characters {@code [start, end)}. */
    public record GoldSpan(int start, int end, EntityType type) {}

    private record Example(List<String> features, int label) {}

    private EntityTypeTraining() {}

    /** Trains for {@code epochs} passes (a fixed shuffle, so the same data gives the same weights) and returns the
     * weights as the resource's text. */
    public static String train(List<LabelledText> texts, int epochs) {
        List<Example> examples = new ArrayList<>();
        MentionFinder finder = new MentionFinder(TypeModel.NONE);
        for (LabelledText t : texts) {
            for (MentionFinder.Candidate c : finder.find(t.text())) {
                if (c.features == null) {
                    continue;
                }
                EntityType label = label(c, t.gold());
                if (label != null) {
                    examples.add(new Example(c.features, label.ordinal()));
                }
            }
        }
        int k = TypeModel.CLASSES.length;
        Map<String, float[]> w = new HashMap<>();
        Map<String, float[]> u = new HashMap<>();
        int step = 1;
        Random random = new Random(42);
        for (int epoch = 0; epoch < epochs; epoch++) {
            Collections.shuffle(examples, random);
            for (Example e : examples) {
                float[] score = new float[k];
                for (String f : e.features()) {
                    float[] v = w.get(f);
                    if (v != null) {
                        for (int c = 0; c < k; c++) {
                            score[c] += v[c];
                        }
                    }
                }
                int guess = 0;
                for (int c = 1; c < k; c++) {
                    if (score[c] > score[guess]) {
                        guess = c;
                    }
                }
                if (guess != e.label()) {
                    for (String f : e.features()) {
                        float[] v = w.computeIfAbsent(f, x -> new float[k]);
                        float[] a = u.computeIfAbsent(f, x -> new float[k]);
                        v[e.label()] += 1;
                        v[guess] -= 1;
                        a[e.label()] += step;
                        a[guess] -= step;
                    }
                }
                step++;
            }
        }
        StringBuilder out = new StringBuilder("# feature\t" + String.join("\t", names()) + "\n# averaged perceptron, "
                + examples.size() + " examples, " + epochs + " epochs\n");
        Map<String, float[]> sorted = new TreeMap<>(w);
        for (Map.Entry<String, float[]> e : sorted.entrySet()) {
            float[] a = u.get(e.getKey());
            StringBuilder line = new StringBuilder(e.getKey());
            boolean any = false;
            for (int c = 0; c < k; c++) {
                float avg = e.getValue()[c] - a[c] / step;
                any |= Math.abs(avg) >= 0.005f;
                line.append('\t').append(String.format(Locale.ROOT, "%.3f", avg));
            }
            if (any && !e.getKey().contains("\t") && !e.getKey().contains("\n")) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    private static List<String> names() {
        List<String> n = new ArrayList<>();
        for (EntityType t : TypeModel.CLASSES) {
            n.add(t.name());
        }
        return n;
    }

    private static EntityType label(MentionFinder.Candidate c, List<GoldSpan> gold) {
        GoldSpan containing = null;
        GoldSpan overlapping = null;
        for (GoldSpan g : gold) {
            if (g.start() == c.start && g.end() == c.end) {
                return g.type();
            }
            if (g.start() <= c.start && g.end() >= c.end) {
                containing = g;
            } else if (g.start() < c.end && c.start < g.end()) {
                overlapping = g;
            }
        }
        return containing != null ? containing.type() : overlapping != null ? overlapping.type() : null;
    }
}
