package dev.parallax.eval.quote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.parallax.core.analysis.quote.Quote;
import dev.parallax.core.analysis.quote.QuoteAnnotator;
import dev.parallax.core.analysis.quote.QuoteTagger;
import dev.parallax.core.analysis.quote.Span;
import dev.parallax.eval.quote.Polnear.Attribution;
import dev.parallax.eval.quote.Polnear.Document;
import dev.parallax.eval.quote.Polnear.Fragments;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Scores {@link QuoteAnnotator} against PolNeAR's canonical annotations, per role (source, cue, content), pooled over
 * all articles of a split (micro-averaged).
 *
 * <p>Each gold attribution contributes its source, cue and content span (a span may be several fragments); each
 * predicted {@link Quote} contributes its source (when present), cue and content (all its pieces, as one span).
 * Spans are compared within an article and within a role:
 * <ul>
 * <li><b>exact</b>: a predicted span matches a gold span when their fragment lists are identical (same character
 * offsets, same number of pieces); each gold span is matched at most once.</li>
 * <li><b>overlap</b>: a predicted span matches a gold span when they share at least one character; matching is
 * one-to-one and greedy, taking candidate pairs by decreasing number of shared characters.</li>
 * </ul>
 * Precision = matches / predicted spans, recall = matches / gold spans, F1 their harmonic mean. The annotator reads
 * the whole .txt (whose first line is the title), so its offsets are the gold offsets.
 */
public final class QuoteEvaluation {
    private QuoteEvaluation() {}

    public record Prf(double p, double r, double f1) {
        static Prf of(int matched, int predicted, int gold) {
            double p = predicted == 0 ? 0 : (double) matched / predicted;
            double r = gold == 0 ? 0 : (double) matched / gold;
            return new Prf(p, r, p + r == 0 ? 0 : 2 * p * r / (p + r));
        }
    }

    public record Roles(Prf source, Prf cue, Prf content) {}

    /** Exact-match scores per role, and the overlap scores under {@code overlap}. */
    public record Result(Prf source, Prf cue, Prf content, Roles overlap) {
        public String toJson() {
            try {
                return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return String.format("%-8s %-22s %-22s%n", "", "exact P/R/F1", "overlap P/R/F1")
                    + line("source", source, overlap.source()) + line("cue", cue, overlap.cue())
                    + line("content", content, overlap.content());
        }

        private static String line(String name, Prf exact, Prf overlap) {
            return String.format("%-8s %.3f %.3f %.3f    %.3f %.3f %.3f%n", name, exact.p(), exact.r(), exact.f1(),
                    overlap.p(), overlap.r(), overlap.f1());
        }
    }

    /** The split that {@code --train --holdout} leaves out of training: every eighth train article by name. */
    public static final String HELD_OUT = "heldout";

    /** Scores the shipped model on {@code split}: dev, train or {@value #HELD_OUT}. */
    public static Result run(Path polnearDir, String split) {
        return run(polnearDir, split, new QuoteAnnotator());
    }

    public static Result run(Path polnearDir, String split, QuoteAnnotator annotator) {
        List<Document> docs = HELD_OUT.equals(split) ? QuoteTrainer.trainPart(polnearDir, true)
                : Polnear.read(polnearDir, split);
        return score(docs, annotator);
    }

    /** An annotator with the tagger model in {@code modelFile} (written by {@link QuoteTrainer}). */
    public static QuoteAnnotator annotator(Path modelFile) throws IOException {
        try (InputStream in = Files.newInputStream(modelFile)) {
            return new QuoteAnnotator(QuoteTagger.read(in));
        }
    }

    /** The gold spans of {@code d} by role (source, cue, content); a content is its pieces' offsets in a row. */
    private static List<List<int[]>> goldSpans(Document d) {
        List<List<int[]>> gold = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (Attribution a : d.attributions()) {
            add(gold.get(0), a.source());
            add(gold.get(1), a.cue());
            add(gold.get(2), a.content());
        }
        return gold;
    }

    /** The annotator's spans on {@code d}'s text, laid out as {@link #goldSpans}. */
    private static List<List<int[]>> predictedSpans(Document d, Function<String, List<Quote>> annotator) {
        List<List<int[]>> pred = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (Quote q : annotator.apply(d.text())) {
            if (q.source() != null) {
                pred.get(0).add(new int[] {q.source().start(), q.source().end()});
            }
            pred.get(1).add(new int[] {q.cue().start(), q.cue().end()});
            int[] pieces = new int[q.content().size() * 2];
            for (int k = 0; k < q.content().size(); k++) {
                Span s = q.content().get(k);
                pieces[2 * k] = s.start();
                pieces[2 * k + 1] = s.end();
            }
            pred.get(2).add(pieces);
        }
        return pred;
    }

    static Result score(List<Document> docs, QuoteAnnotator annotator) {
        return score(docs, annotator::quotes);
    }

    /** Scores any way of finding quotes in a text (the encoder teacher of parallax-train, say) on {@code docs}. */
    public static Result score(List<Document> docs, Function<String, List<Quote>> annotator) {
        int[][] counts = new int[6][3]; // [role (exact 0-2, overlap 3-5)][matched, predicted, gold]
        for (Document d : docs) {
            List<List<int[]>> gold = goldSpans(d);
            List<List<int[]>> pred = predictedSpans(d, annotator);
            for (int r = 0; r < 3; r++) {
                counts[r][0] += exactMatches(pred.get(r), gold.get(r));
                counts[r + 3][0] += overlapMatches(pred.get(r), gold.get(r));
                counts[r][1] += pred.get(r).size();
                counts[r + 3][1] += pred.get(r).size();
                counts[r][2] += gold.get(r).size();
                counts[r + 3][2] += gold.get(r).size();
            }
        }
        Prf[] prf = new Prf[6];
        for (int k = 0; k < 6; k++) {
            prf[k] = Prf.of(counts[k][0], counts[k][1], counts[k][2]);
        }
        return new Result(prf[0], prf[1], prf[2], new Roles(prf[3], prf[4], prf[5]));
    }

    /**
     * Where the exact misses of each role are, for {@code --errors}: gold spans matched exactly, gold spans
     * overlapped by a prediction of their role with other boundaries, gold spans no prediction touches (missed) and
     * predictions touching no gold span (spurious); for contents with other boundaries, which end differs; the most
     * frequent missed and spurious cue and source texts.
     */
    public static String errors(Path polnearDir, String split, QuoteAnnotator annotator) {
        List<Document> docs = HELD_OUT.equals(split) ? QuoteTrainer.trainPart(polnearDir, true)
                : Polnear.read(polnearDir, split);
        return errors(docs, annotator::quotes);
    }

    public static String errors(List<Document> docs, Function<String, List<Quote>> annotator) {
        String[] names = {"source", "cue", "content"};
        int[][] counts = new int[3][4]; // exact, boundary, missed, spurious
        int[] contentBoundary = new int[5]; // pieces only, start later, start earlier, end only, both ends
        List<Map<String, Integer>> missed = List.of(new HashMap<>(), new HashMap<>());
        List<Map<String, Integer>> spurious = List.of(new HashMap<>(), new HashMap<>());
        for (Document d : docs) {
            List<List<int[]>> gold = goldSpans(d);
            List<List<int[]>> pred = predictedSpans(d, annotator);
            for (int r = 0; r < 3; r++) {
                for (int[] g : gold.get(r)) {
                    int[] best = null;
                    long bestShared = 0;
                    boolean exact = false;
                    for (int[] p : pred.get(r)) {
                        exact |= Arrays.equals(p, g);
                        long sh = shared(p, g);
                        if (sh > bestShared) {
                            bestShared = sh;
                            best = p;
                        }
                    }
                    int category = exact ? 0 : best != null ? 1 : 2;
                    counts[r][category]++;
                    if (category == 1 && r == 2) {
                        int gs = g[0];
                        int ge = g[g.length - 1];
                        int ps = best[0];
                        int pe = best[best.length - 1];
                        contentBoundary[gs == ps && ge == pe ? 0 : ge == pe ? (ps > gs ? 1 : 2) : gs == ps ? 3 : 4]++;
                    }
                    if (category == 2 && r < 2) {
                        missed.get(r).merge(text(d.text(), g), 1, Integer::sum);
                    }
                }
                for (int[] p : pred.get(r)) {
                    boolean touches = false;
                    for (int[] g : gold.get(r)) {
                        touches |= shared(p, g) > 0;
                    }
                    if (!touches) {
                        counts[r][3]++;
                        if (r < 2) {
                            spurious.get(r).merge(text(d.text(), p), 1, Integer::sum);
                        }
                    }
                }
            }
        }
        StringBuilder out = new StringBuilder(String.format("%-8s %6s %9s %7s %10s%n", "", "exact", "boundary",
                "missed", "spurious"));
        for (int r = 0; r < 3; r++) {
            out.append(String.format("%-8s %6d %9d %7d %10d%n", names[r], counts[r][0], counts[r][1], counts[r][2],
                    counts[r][3]));
        }
        out.append(String.format("content boundaries: pieces only %d, start later %d, start earlier %d, end only %d,"
                + " both ends %d%n", contentBoundary[0], contentBoundary[1], contentBoundary[2], contentBoundary[3],
                contentBoundary[4]));
        for (int r = 0; r < 2; r++) {
            out.append(names[r]).append(" missed: ").append(top(missed.get(r))).append('\n');
            out.append(names[r]).append(" spurious: ").append(top(spurious.get(r))).append('\n');
        }
        return out.toString();
    }

    private static String text(String text, int[] pieces) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < pieces.length; k += 2) {
            b.append(k == 0 ? "" : " … ").append(text, pieces[k], pieces[k + 1]);
        }
        return b.toString().toLowerCase(java.util.Locale.ROOT);
    }

    private static String top(Map<String, Integer> counts) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(12).map(e -> "\"" + e.getKey() + "\" " + e.getValue())
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private static void add(List<int[]> spans, Fragments f) {
        if (f == null) {
            return;
        }
        int[] pieces = new int[f.parts().size() * 2];
        for (int k = 0; k < f.parts().size(); k++) {
            pieces[2 * k] = f.parts().get(k)[0];
            pieces[2 * k + 1] = f.parts().get(k)[1];
        }
        spans.add(pieces);
    }

    static int exactMatches(List<int[]> pred, List<int[]> gold) {
        Map<String, Integer> available = new HashMap<>();
        for (int[] g : gold) {
            available.merge(Arrays.toString(g), 1, Integer::sum);
        }
        int matched = 0;
        for (int[] p : pred) {
            String key = Arrays.toString(p);
            Integer left = available.get(key);
            if (left != null && left > 0) {
                available.put(key, left - 1);
                matched++;
            }
        }
        return matched;
    }

    static int overlapMatches(List<int[]> pred, List<int[]> gold) {
        List<long[]> pairs = new ArrayList<>(); // {shared, pred index, gold index}
        for (int i = 0; i < pred.size(); i++) {
            for (int j = 0; j < gold.size(); j++) {
                long shared = shared(pred.get(i), gold.get(j));
                if (shared > 0) {
                    pairs.add(new long[] {shared, i, j});
                }
            }
        }
        pairs.sort((a, b) -> a[0] != b[0] ? Long.compare(b[0], a[0])
                : a[1] != b[1] ? Long.compare(a[1], b[1]) : Long.compare(a[2], b[2]));
        boolean[] usedPred = new boolean[pred.size()];
        boolean[] usedGold = new boolean[gold.size()];
        int matched = 0;
        for (long[] pair : pairs) {
            int i = (int) pair[1];
            int j = (int) pair[2];
            if (!usedPred[i] && !usedGold[j]) {
                usedPred[i] = true;
                usedGold[j] = true;
                matched++;
            }
        }
        return matched;
    }

    private static long shared(int[] a, int[] b) {
        long n = 0;
        for (int i = 0; i < a.length; i += 2) {
            for (int j = 0; j < b.length; j += 2) {
                n += Math.max(0, Math.min(a[i + 1], b[j + 1]) - Math.max(a[i], b[j]));
            }
        }
        return n;
    }
}
