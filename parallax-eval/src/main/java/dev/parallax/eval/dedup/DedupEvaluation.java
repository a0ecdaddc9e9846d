package dev.parallax.eval.dedup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parallax.core.dedup.DedupConfig;
import dev.parallax.core.dedup.Deduper;
import dev.parallax.core.dedup.DuplicateLink;
import dev.parallax.core.dedup.Family;
import dev.parallax.core.dedup.Relation;
import dev.parallax.core.model.Article;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates the {@link Deduper} on a corpus of real articles (format A JSON Lines): pair-level precision, recall and
 * F1 per relation on a synthetic benchmark made from the corpus ({@link DedupBenchmark}), and whether every real group
 * of identical bodies in the corpus ends up as one family of exact copies.
 */
public final class DedupEvaluation {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_FAMILIES = 800;

    /**
     * @param pairs labelled pairs (positive and hard negative)
     * @param scores per relation
     * @param confusion gold relation (or "negative") -> predicted relation (or "none") -> pairs
     * @param realGroups groups of identical bodies in the corpus
     * @param realGroupsFound groups that became one family with the copies linked EXACT
     * @param missedGroups ids of some groups that were not found
     */
    public record Report(int pairs, Map<Relation, PairScores> scores, Map<String, Map<String, Integer>> confusion,
            int realGroups, int realGroupsFound, List<List<String>> missedGroups) {
        public String toJson() {
            ObjectNode root = JSON.createObjectNode();
            root.put("pairs", pairs);
            for (Relation r : Relation.values()) {
                PairScores s = scores.get(r);
                ObjectNode o = root.putObject(r.name().toLowerCase(Locale.ROOT));
                o.put("p", round(s.precision())).put("r", round(s.recall())).put("f1", round(s.f1()))
                        .put("tp", s.truePositives()).put("fp", s.falsePositives()).put("fn", s.falseNegatives());
            }
            root.putObject("realExactGroups").put("groups", realGroups).put("found", realGroupsFound);
            root.set("confusion", JSON.valueToTree(confusion));
            return root.toString();
        }

        private static double round(double x) {
            return Math.round(x * 10000) / 10000.0;
        }
    }

    private DedupEvaluation() {}

    public static Report run(Path corpus, long seed) {
        return run(corpus, seed, DedupConfig.DEFAULT);
    }

    public static Report run(Path corpus, long seed, DedupConfig config) {
        List<Article> articles = CorpusReader.read(corpus);
        if (articles.isEmpty()) {
            throw new IllegalArgumentException(corpus + " holds no articles");
        }
        return run(articles, seed, config);
    }

    static Report run(List<Article> articles, long seed, DedupConfig config) {
        int families = Math.min(MAX_FAMILIES, articles.size() / 5);
        DedupBenchmark.Result bench = DedupBenchmark.generate(articles, seed, families, families / 2);
        Deduper deduper = new Deduper(config);
        for (Article a : bench.stream()) {
            deduper.observe(a);
        }
        Map<String, DedupBenchmark.GoldPair> gold = new HashMap<>();
        for (DedupBenchmark.GoldPair g : bench.positives()) {
            gold.put(g.copy(), g);
        }
        Map<Relation, int[]> counts = new EnumMap<>(Relation.class); // tp, fp, fn
        for (Relation r : Relation.values()) {
            counts.put(r, new int[3]);
        }
        Map<String, Map<String, Integer>> confusion = new LinkedHashMap<>();
        Map<String, DuplicateLink> predicted = new HashMap<>();
        for (DuplicateLink link : deduper.links()) {
            predicted.put(link.articleId(), link);
            DedupBenchmark.GoldPair g = gold.get(link.articleId());
            if (g != null && g.original().equals(link.originalId()) && g.relation() == link.relation()) {
                counts.get(link.relation())[0]++;
            } else {
                counts.get(link.relation())[1]++;
            }
        }
        for (DedupBenchmark.GoldPair g : bench.positives()) {
            DuplicateLink link = predicted.get(g.copy());
            boolean hit = link != null && link.originalId().equals(g.original()) && link.relation() == g.relation();
            if (!hit) {
                counts.get(g.relation())[2]++;
            }
            String got = link == null ? "none" : link.originalId().equals(g.original())
                    ? link.relation().name() : "other-original";
            confusion.computeIfAbsent(g.relation().name(), k -> new LinkedHashMap<>()).merge(got, 1, Integer::sum);
        }
        for (DedupBenchmark.GoldPair g : bench.negatives()) {
            Family family = deduper.familyOf(g.copy());
            boolean linked = family.originalId().equals(deduper.familyOf(g.original()).originalId());
            confusion.computeIfAbsent("negative", k -> new LinkedHashMap<>()).merge(linked ? "linked" : "none", 1,
                    Integer::sum);
        }
        Map<Relation, PairScores> scores = new EnumMap<>(Relation.class);
        counts.forEach((r, c) -> scores.put(r, PairScores.of(c[0], c[1], c[2])));

        RealGroups real = realExactGroups(articles, config);
        return new Report(bench.positives().size() + bench.negatives().size(), scores, confusion, real.groups(),
                real.found(), real.missed());
    }

    /** Groups of identical bodies in a corpus, how many became one family of EXACT links, and some that did not. */
    record RealGroups(int groups, int found, List<List<String>> missed) {}

    /** Deduplicates the whole corpus in its order and checks every group of identical bodies. */
    static RealGroups realExactGroups(List<Article> articles, DedupConfig config) {
        Deduper whole = new Deduper(config);
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (Article a : articles) {
            whole.observe(a);
            groups.computeIfAbsent(a.text(), k -> new ArrayList<>()).add(a.id());
        }
        int realGroups = 0;
        int found = 0;
        List<List<String>> missed = new ArrayList<>();
        for (List<String> group : groups.values()) {
            if (group.size() < 2) {
                continue;
            }
            realGroups++;
            if (foundAsExact(whole, group)) {
                found++;
            } else if (missed.size() < 10) {
                missed.add(group);
            }
        }
        return new RealGroups(realGroups, found, missed);
    }

    /** All members in one family; when its original is a member, every other member is linked to it as EXACT. */
    private static boolean foundAsExact(Deduper deduper, List<String> group) {
        String original = deduper.familyOf(group.get(0)).originalId();
        for (String id : group) {
            if (!deduper.familyOf(id).originalId().equals(original)) {
                return false;
            }
            Optional<DuplicateLink> link = deduper.linkOf(id);
            if (group.contains(original) && link.isPresent() && link.get().relation() != Relation.EXACT) {
                return false;
            }
        }
        return true;
    }

    /** {@code --corpus FILE [--seed N] [--json]}. */
    public static void main(String[] args) {
        Path corpus = null;
        long seed = 1;
        boolean json = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--corpus" -> corpus = Path.of(args[++i]);
                    case "--seed" -> seed = Long.parseLong(args[++i]);
                    case "--json" -> json = true;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (corpus == null) {
                throw new IllegalArgumentException("usage: eval dedup --corpus FILE [--seed N] [--json]");
            }
            Report report = run(corpus, seed);
            if (json) {
                System.out.println(report.toJson());
            } else {
                System.out.printf(Locale.ROOT, "pairs %d%n", report.pairs());
                report.scores().forEach((r, s) -> System.out.printf(Locale.ROOT,
                        "%-9s P %.4f  R %.4f  F1 %.4f  (tp %d, fp %d, fn %d)%n", r.name().toLowerCase(Locale.ROOT),
                        s.precision(), s.recall(), s.f1(), s.truePositives(), s.falsePositives(), s.falseNegatives()));
                System.out.printf(Locale.ROOT, "real exact groups found %d / %d%n", report.realGroupsFound(),
                        report.realGroups());
                System.out.println("confusion " + report.confusion());
                if (!report.missedGroups().isEmpty()) {
                    System.out.println("missed groups (first 10) " + report.missedGroups());
                }
            }
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            System.err.println("eval dedup: " + (e.getMessage() == null ? "missing option value" : e.getMessage()));
            System.exit(2);
        }
    }
}
