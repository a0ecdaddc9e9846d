package dev.parallax.eval.dedup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parallax.core.dedup.DedupConfig;
import dev.parallax.core.dedup.Deduper;
import dev.parallax.core.dedup.DuplicateLink;
import dev.parallax.core.dedup.Family;
import dev.parallax.core.dedup.Relation;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.RawArticle;
import dev.parallax.core.pipeline.SourceSink;
import dev.parallax.ingest.JsonLinesSource;
import java.io.IOException;
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
        /**
         * {@code {"pairs":N,"near":{"p","r","f1"},"contains":{..},"exact":{..},"contained":{..},
         * "realExactGroups":{"groups","found"}}}.
         */
        public String toJson() {
            ObjectNode root = JSON.createObjectNode();
            root.put("pairs", pairs);
            for (Relation r : List.of(Relation.NEAR, Relation.CONTAINS, Relation.EXACT, Relation.CONTAINED)) {
                PairScores s = scores.get(r);
                root.putObject(r.name().toLowerCase(Locale.ROOT)).put("p", round(s.precision()))
                        .put("r", round(s.recall())).put("f1", round(s.f1()));
            }
            root.putObject("realExactGroups").put("groups", realGroups).put("found", realGroupsFound);
            return root.toString();
        }

        /** One line per relation with its counts, the real exact groups, the confusion and some missed groups. */
        public String toText() {
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "pairs %d%n", pairs));
            scores.forEach((r, s) -> out.append(String.format(Locale.ROOT,
                    "%-9s P %.4f  R %.4f  F1 %.4f  (tp %d, fp %d, fn %d)%n", r.name().toLowerCase(Locale.ROOT),
                    s.precision(), s.recall(), s.f1(), s.truePositives(), s.falsePositives(), s.falseNegatives())));
            out.append(String.format(Locale.ROOT, "real exact groups found %d / %d%n", realGroupsFound, realGroups));
            out.append("confusion ").append(confusion);
            if (!missedGroups.isEmpty()) {
                out.append(String.format("%nmissed groups (first 10) ")).append(missedGroups);
            }
            return out.toString();
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
        return run(read(corpus), seed, config);
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

    /**
     * The articles of a JSON Lines file (shared/data format A), each text taken as clean text: the benchmark's copies
     * are made from these texts, so cleaning would only make the originals differ from them.
     *
     * @throws IllegalArgumentException when the file is missing, holds no article or has a bad line (the first one)
     */
    public static List<Article> read(Path corpus) {
        List<Article> out = new ArrayList<>();
        try {
            new JsonLinesSource(corpus).read(new SourceSink() {
                @Override
                public void article(RawArticle a) {
                    out.add(DedupBenchmark.article(a.id(), a.outlet(), a.published(), a.title(), a.text()));
                }

                @Override
                public void rejected(String origin, String reason) {
                    throw new IllegalArgumentException(origin + ": " + reason);
                }
            });
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(corpus + " holds no articles");
        }
        return out;
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
}
