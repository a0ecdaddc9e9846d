package dev.parallax.eval.time;

import dev.parallax.core.analysis.time.Timex;
import dev.parallax.core.analysis.time.TimexAnnotator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Scores {@link TimexAnnotator} on TimeML documents the way TempEval-3 scores temporal expressions.
 *
 * <ul>
 *   <li>strict: a prediction counts when its extent equals a gold extent;</li>
 *   <li>relaxed: predictions and gold are paired one-to-one when their extents overlap (each gold, in text order,
 *       takes the first unpaired overlapping prediction);</li>
 *   <li>value and type: TempEval-3's attribute F1 over the relaxed pairs. With C the pairs whose attribute agrees,
 *       attribute P = C / |predicted| and R = C / |gold|, so attribute F1 = (C / |pairs|) × relaxed F1, i.e. attribute
 *       accuracy times relaxed F1.</li>
 * </ul>
 *
 * Each document is annotated on its {@code <TEXT>} body, anchored on its DCT; the DCT's own TIMEX3 is in the header
 * and so is neither gold nor predicted.
 */
public final class TimeEvaluation {
    private TimeEvaluation() {
    }

    /** Precision, recall, F1. */
    public record Prf(double p, double r, double f1) {
        static Prf of(int correct, int predicted, int gold) {
            double p = predicted == 0 ? 0 : (double) correct / predicted;
            double r = gold == 0 ? 0 : (double) correct / gold;
            return new Prf(p, r, p + r == 0 ? 0 : 2 * p * r / (p + r));
        }
    }

    /** Counts over a set of documents. */
    public record Counts(int documents, int gold, int predicted, int strict, int relaxed, int value, int type) {
        Counts plus(Counts o) {
            return new Counts(documents + o.documents, gold + o.gold, predicted + o.predicted, strict + o.strict,
                    relaxed + o.relaxed, value + o.value, type + o.type);
        }

        public Prf strictPrf() {
            return Prf.of(strict, predicted, gold);
        }

        public Prf relaxedPrf() {
            return Prf.of(relaxed, predicted, gold);
        }

        public Prf valuePrf() {
            return Prf.of(value, predicted, gold);
        }

        public Prf typePrf() {
            return Prf.of(type, predicted, gold);
        }
    }

    /**
     * The evaluation of a folder.
     *
     * @param total counts over all documents
     * @param byCorpus counts per sub-folder (TimeBank, AQUAINT)
     * @param errors one line per missed, spurious or mis-normalised expression, for rule work
     */
    public record Result(Counts total, Map<String, Counts> byCorpus, List<String> errors) {
        public String toJson() {
            StringBuilder b = new StringBuilder("{");
            b.append(countsJson(total));
            b.append(",\"byCorpus\":{");
            boolean first = true;
            for (Map.Entry<String, Counts> e : byCorpus.entrySet()) {
                b.append(first ? "" : ",").append('"').append(e.getKey()).append("\":{")
                        .append(countsJson(e.getValue())).append('}');
                first = false;
            }
            return b.append("}}").toString();
        }

        private static String countsJson(Counts c) {
            return String.format(Locale.ROOT, "\"documents\":%d,\"gold\":%d,\"predicted\":%d,\"strict\":%s,"
                    + "\"relaxed\":%s,\"value\":{\"f1\":%.4f},\"type\":{\"f1\":%.4f}", c.documents(), c.gold(),
                    c.predicted(), prf(c.strictPrf()), prf(c.relaxedPrf()), c.valuePrf().f1(), c.typePrf().f1());
        }

        private static String prf(Prf x) {
            return String.format(Locale.ROOT, "{\"p\":%.4f,\"r\":%.4f,\"f1\":%.4f}", x.p(), x.r(), x.f1());
        }

        public String toText() {
            StringBuilder b = new StringBuilder();
            Map<String, Counts> rows = new TreeMap<>(byCorpus);
            rows.put("(all)", total);
            b.append(String.format(Locale.ROOT, "%-10s %5s %5s %5s  %-20s %-20s %8s %8s%n", "corpus", "docs", "gold",
                    "pred", "strict P/R/F1", "relaxed P/R/F1", "value F1", "type F1"));
            for (Map.Entry<String, Counts> e : rows.entrySet()) {
                Counts c = e.getValue();
                b.append(String.format(Locale.ROOT, "%-10s %5d %5d %5d  %-20s %-20s %8.3f %8.3f%n", e.getKey(),
                        c.documents(), c.gold(), c.predicted(), prfText(c.strictPrf()), prfText(c.relaxedPrf()),
                        c.valuePrf().f1(), c.typePrf().f1()));
            }
            return b.toString();
        }

        private static String prfText(Prf x) {
            return String.format(Locale.ROOT, "%.3f/%.3f/%.3f", x.p(), x.r(), x.f1());
        }
    }

    /** Evaluates every {@code .tml} file under {@code timemlDir}. */
    public static Result run(Path timemlDir) throws IOException {
        if (!Files.isDirectory(timemlDir)) {
            throw new IOException("TimeML folder not found: " + timemlDir);
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(timemlDir)) {
            files = s.filter(p -> p.toString().endsWith(".tml")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException("no .tml files under " + timemlDir);
        }
        TimexAnnotator annotator = new TimexAnnotator();
        Map<String, Counts> byCorpus = new TreeMap<>();
        Counts total = new Counts(0, 0, 0, 0, 0, 0, 0);
        List<String> errors = new ArrayList<>();
        for (Path f : files) {
            TimeMlDocument doc = TimeMlDocument.read(f);
            Counts c = score(doc, annotator.find(doc.text(), doc.dct(), false), errors);
            Path parent = timemlDir.relativize(f).getParent();
            String corpus = parent == null ? "." : parent.getName(0).toString();
            byCorpus.merge(corpus, c, Counts::plus);
            total = total.plus(c);
        }
        return new Result(total, byCorpus, errors);
    }

    static Counts score(TimeMlDocument doc, List<Timex> predicted, List<String> errors) {
        String text = doc.text();
        boolean[] used = new boolean[predicted.size()];
        int strict = 0;
        int relaxed = 0;
        int value = 0;
        int type = 0;
        for (TimeMlDocument.Gold g : doc.gold()) {
            int hit = -1;
            for (int i = 0; i < predicted.size(); i++) {
                Timex t = predicted.get(i);
                if (!used[i] && t.start() < g.end() && g.start() < t.end()) {
                    hit = i;
                    break;
                }
            }
            String gText = oneLine(text.substring(g.start(), g.end()));
            if (hit < 0) {
                errors.add(doc.id() + "\tMISS\t" + gText + "\t" + g.type() + "\t" + g.value() + "\t" + doc.dct());
                continue;
            }
            used[hit] = true;
            Timex t = predicted.get(hit);
            relaxed++;
            if (t.start() == g.start() && t.end() == g.end()) {
                strict++;
            } else {
                errors.add(doc.id() + "\tEXTENT\t" + gText + "\t" + oneLine(text.substring(t.start(), t.end())));
            }
            if (t.value().equals(g.value())) {
                value++;
            } else {
                errors.add(doc.id() + "\tVALUE\t" + gText + "\t" + g.value() + "\t" + t.value() + "\t" + doc.dct());
            }
            if (t.type().name().equals(g.type())) {
                type++;
            } else {
                errors.add(doc.id() + "\tTYPE\t" + gText + "\t" + g.type() + "\t" + t.type());
            }
        }
        for (int i = 0; i < predicted.size(); i++) {
            if (!used[i]) {
                Timex t = predicted.get(i);
                errors.add(doc.id() + "\tSPURIOUS\t" + oneLine(text.substring(t.start(), t.end())) + "\t"
                        + t.type() + "\t" + t.value());
            }
        }
        return new Counts(1, doc.gold().size(), predicted.size(), strict, relaxed, value, type);
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ");
    }
}
