package dev.parallax.eval.entity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parallax.core.analysis.entity.EntityAnnotator;
import dev.parallax.core.analysis.entity.Mention;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks the annotator's in-document alias chains against GUM's gold coreference (the Wikinews part in
 * shared/data/ner/gum-wikinews/dep, CoNLL-U with {@code Entity=} brackets in MISC). Gold proper-name mentions are
 * person, organisation and place mentions with a Wikipedia identity whose last token is a proper noun. Each predicted
 * mention is matched to the smallest such gold mention that contains it and ends where it ends ("Defence Secretary
 * Lloyd Austin" holds "Lloyd Austin"). Over pairs of matched mentions in a document: a pair is correct when both
 * gold and prediction put the two in one entity. Reports pairwise precision, recall and F1, and how many gold
 * proper-name mentions were found at all, and on how many of those the type agrees. Nothing was tuned on GUM.
 */
public final class GumAliasCheck {
    private static final Set<String> TYPES = Set.of("person", "organization", "place");

    /** A gold mention over characters {@code [start, end)} of entity {@code eid}. */
    private record GoldMention(int start, int end, String eid, String type, boolean properName) {}

    private record Doc(String id, String text, List<GoldMention> gold) {}

    /** The figures. */
    public record Result(int documents, int goldNames, int matchedNames, int typedRight, long pairsTp,
            long pairsPredicted, long pairsGold) {
        public double precision() {
            return pairsPredicted == 0 ? 0 : (double) pairsTp / pairsPredicted;
        }

        public double recall() {
            return pairsGold == 0 ? 0 : (double) pairsTp / pairsGold;
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        public ObjectNode toJson() {
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("documents", documents);
            o.put("goldProperNameMentions", goldNames);
            o.put("matched", matchedNames);
            o.put("typeAgreement", Math.round(10000.0 * typedRight / Math.max(1, matchedNames)) / 10000.0);
            o.put("pairP", Math.round(precision() * 10000) / 10000.0);
            o.put("pairR", Math.round(recall() * 10000) / 10000.0);
            o.put("pairF1", Math.round(f1() * 10000) / 10000.0);
            o.put("pairsCorrect", pairsTp);
            o.put("pairsPredicted", pairsPredicted);
            o.put("pairsGold", pairsGold);
            return o;
        }
    }

    private GumAliasCheck() {}

    /** Runs the check over every {@code *.conllu} file in {@code dir}. */
    public static Result run(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("not a directory of GUM .conllu files: " + dir);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".conllu")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException("no .conllu files in " + dir);
        }
        EntityAnnotator annotator = new EntityAnnotator();
        int goldNames = 0;
        int matched = 0;
        int typedRight = 0;
        long tp = 0;
        long predictedPairs = 0;
        long goldPairs = 0;
        for (Path f : files) {
            Doc doc = read(f);
            goldNames += (int) doc.gold().stream().filter(GoldMention::properName).count();
            List<String[]> pairs = new ArrayList<>(); // {gold eid, predicted entity id}
            List<GoldMention> used = new ArrayList<>();
            for (Mention m : annotator.mentions(doc.text())) {
                GoldMention best = null;
                for (GoldMention g : doc.gold()) {
                    if (g.properName() && g.start() <= m.start() && g.end() == m.end()
                            && (best == null || g.end() - g.start() < best.end() - best.start())) {
                        best = g;
                    }
                }
                if (best != null && !used.contains(best)) {
                    used.add(best);
                    pairs.add(new String[] {best.eid(), m.entityId()});
                    typedRight += best.type().equals(m.type().name().toLowerCase(Locale.ROOT)) ? 1 : 0;
                }
            }
            matched += used.size();
            for (int i = 0; i < pairs.size(); i++) {
                for (int j = i + 1; j < pairs.size(); j++) {
                    boolean g = pairs.get(i)[0].equals(pairs.get(j)[0]);
                    boolean p = pairs.get(i)[1].equals(pairs.get(j)[1]);
                    tp += g && p ? 1 : 0;
                    predictedPairs += p ? 1 : 0;
                    goldPairs += g ? 1 : 0;
                }
            }
        }
        return new Result(files.size(), goldNames, matched, typedRight, tp, predictedPairs, goldPairs);
    }

    /** Rebuilds the text (tokens joined by spaces unless SpaceAfter=No, sentences by lines) with gold mentions. */
    private static Doc read(Path file) throws IOException {
        StringBuilder text = new StringBuilder();
        List<GoldMention> gold = new ArrayList<>();
        Deque<Object[]> open = new ArrayDeque<>(); // {eid, named, startChar, type}
        boolean newPar = false;
        boolean newSentence = false;
        boolean spaceAfter = false;
        int lineNo = 0;
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) { // the JDK's message is "Input length = 1"
            throw new IOException(file + ": not UTF-8 text; is this a CoNLL-U file?");
        }
        for (String line : lines) {
            lineNo++;
            if (line.startsWith("# newpar")) {
                newPar = true;
            } else if (line.isBlank()) {
                newSentence = true;
            } else if (!line.startsWith("#")) {
                String[] f = line.split("\t");
                if (f.length != 10) {
                    throw new IOException(file + ":" + lineNo + ": expected 10 tab-separated CoNLL-U columns");
                }
                if (f[0].contains("-") || f[0].contains(".")) {
                    continue;
                }
                if (!text.isEmpty()) {
                    text.append(newPar ? "\n\n" : newSentence ? "\n" : spaceAfter ? " " : "");
                }
                newPar = false;
                newSentence = false;
                int start = text.length();
                text.append(f[1]);
                spaceAfter = !f[9].contains("SpaceAfter=No");
                for (String attr : f[9].split("\\|")) {
                    if (attr.startsWith("Entity=")) {
                        entities(attr.substring(7), start, text.length(), f[3], open, gold);
                    }
                }
            }
        }
        return new Doc(file.getFileName().toString(), text.toString(), gold);
    }

    /** Parses one token's {@code Entity=} value: "(3-person-...-Name" opens, "3)" closes, "(3-...)" does both. */
    private static void entities(String spec, int start, int end, String upos, Deque<Object[]> open,
            List<GoldMention> gold) {
        int i = 0;
        while (i < spec.length()) {
            char c = spec.charAt(i);
            if (c == '(') {
                int j = i + 1;
                while (j < spec.length() && spec.charAt(j) != '(' && spec.charAt(j) != ')') {
                    j++;
                }
                String[] fields = spec.substring(i + 1, j).split("-", 8);
                boolean named = fields.length >= 8 && !fields[7].isEmpty() && TYPES.contains(fields[1]);
                if (j < spec.length() && spec.charAt(j) == ')') {
                    gold.add(new GoldMention(start, end, fields[0], fields[1], named && upos.equals("PROPN")));
                    j++;
                } else {
                    open.push(new Object[] {fields[0], named, start, fields[1]});
                }
                i = j;
            } else if (Character.isDigit(c)) {
                int j = i;
                while (j < spec.length() && spec.charAt(j) != ')') {
                    j++;
                }
                String eid = spec.substring(i, j);
                for (Object[] o : open) {
                    if (o[0].equals(eid)) {
                        open.remove(o);
                        gold.add(new GoldMention((int) o[2], end, eid, (String) o[3],
                                (boolean) o[1] && upos.equals("PROPN")));
                        break;
                    }
                }
                i = j + 1;
            } else {
                i++;
            }
        }
    }
}
