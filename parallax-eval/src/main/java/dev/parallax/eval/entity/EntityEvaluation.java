package dev.parallax.eval.entity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parallax.core.analysis.entity.EntityAnnotator;
import dev.parallax.core.analysis.entity.EntityType;
import dev.parallax.core.analysis.entity.Mention;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores {@link EntityAnnotator} against a CoNLL NER file (WikiGold): exact-span, exact-type mention precision,
 * recall and F1, per type and over all types, as conlleval does. Types map PERSON to PER, ORGANIZATION to ORG, PLACE to
 * LOC and OTHER to MISC. A predicted mention that does not start and end on token boundaries counts as wrong.
 *
 * <p>The annotator's rules were looked at against the first half of WikiGold's documents (1-72) only, and its typing
 * weights were trained on them ({@link EntityTypeTrainer}), so figures on documents 73-145 are the ones to quote.
 */
public final class EntityEvaluation {
    /** Precision, recall and F1 from counts. */
    public record Score(int truePositives, int predicted, int gold) {
        public double precision() {
            return predicted == 0 ? 0 : (double) truePositives / predicted;
        }

        public double recall() {
            return gold == 0 ? 0 : (double) truePositives / gold;
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    /** Scores keyed "overall", "PER", "ORG", "LOC", "MISC". */
    public record Result(Map<String, Score> scores, int documents) {
        public ObjectNode toJson() {
            ObjectNode root = new ObjectMapper().createObjectNode();
            scores.forEach((k, s) -> {
                ObjectNode o = root.putObject(k);
                o.put("p", round(s.precision()));
                o.put("r", round(s.recall()));
                o.put("f1", round(s.f1()));
                o.put("tp", s.truePositives());
                o.put("predicted", s.predicted());
                o.put("gold", s.gold());
            });
            return root;
        }

        private static double round(double x) {
            return Math.round(x * 10000) / 10000.0;
        }
    }

    private static final List<String> TYPES = List.of("PER", "ORG", "LOC", "MISC");

    private EntityEvaluation() {}

    /** Scores every document of {@code conllFile}. */
    public static Result run(Path conllFile) throws IOException {
        List<ConllDocument> docs = ConllDocument.read(conllFile);
        return score(docs);
    }

    /** Scores documents {@code [from, to)} (0-based) of {@code conllFile}. */
    public static Result run(Path conllFile, int from, int to) throws IOException {
        List<ConllDocument> docs = ConllDocument.read(conllFile);
        if (from < 0 || to > docs.size() || from >= to) {
            throw new IllegalArgumentException("documents " + (from + 1) + "-" + to + " are not within the "
                    + docs.size() + " of " + conllFile);
        }
        return score(docs.subList(from, to));
    }

    static Result score(List<ConllDocument> docs) {
        EntityAnnotator annotator = new EntityAnnotator();
        Map<String, int[]> counts = new LinkedHashMap<>();
        counts.put("overall", new int[3]);
        TYPES.forEach(t -> counts.put(t, new int[3]));
        for (ConllDocument doc : docs) {
            Set<ConllDocument.Span> gold = new HashSet<>(doc.gold());
            Set<ConllDocument.Span> predicted = new HashSet<>();
            Map<Integer, Integer> tokenAtStart = new HashMap<>();
            Map<Integer, Integer> tokenAtEnd = new HashMap<>();
            for (int i = 0; i < doc.starts().length; i++) {
                tokenAtStart.put(doc.starts()[i], i);
                tokenAtEnd.put(doc.ends()[i], i);
            }
            int misaligned = 0;
            for (Mention m : annotator.mentions(doc.text())) {
                Integer first = tokenAtStart.get(m.start());
                Integer last = tokenAtEnd.get(m.end());
                if (first == null || last == null) {
                    misaligned++;
                    counts.get("overall")[1]++;
                    counts.get(conll(m.type()))[1]++;
                    continue;
                }
                predicted.add(new ConllDocument.Span(first, last, conll(m.type())));
            }
            for (ConllDocument.Span p : predicted) {
                boolean hit = gold.contains(p);
                count(counts, p.type(), hit ? 1 : 0, 1, 0);
            }
            for (ConllDocument.Span g : gold) {
                count(counts, g.type(), 0, 0, 1);
            }
        }
        Map<String, Score> scores = new LinkedHashMap<>();
        counts.forEach((k, c) -> scores.put(k, new Score(c[0], c[1], c[2])));
        return new Result(scores, docs.size());
    }

    private static void count(Map<String, int[]> counts, String type, int tp, int predicted, int gold) {
        for (String k : List.of("overall", type)) {
            int[] c = counts.get(k);
            c[0] += tp;
            c[1] += predicted;
            c[2] += gold;
        }
    }

    static String conll(EntityType type) {
        return switch (type) {
            case PERSON -> "PER";
            case ORGANIZATION -> "ORG";
            case PLACE -> "LOC";
            case OTHER -> "MISC";
        };
    }
}
