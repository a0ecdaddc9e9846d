package dev.parallax.eval.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallax.core.dedup.DedupConfig;
import dev.parallax.core.dedup.Relation;
import dev.parallax.core.model.Article;
import dev.parallax.core.text.TextFingerprint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The benchmark generator and evaluation on BBC News (the smaller bulk corpus, so this stays fast). */
class DedupEvaluationTest {
    private static List<Article> bbc;

    @BeforeAll
    static void load() {
        Path file = Path.of(System.getProperty("parallax.shared"), "data", "bulk", "bbc.articles.jsonl");
        assertThat(Files.isRegularFile(file)).as("BBC corpus at " + file).isTrue();
        bbc = CorpusReader.read(file);
    }

    @Test
    void generatorIsDeterministicAndLabelsFollowTheEdits() {
        DedupBenchmark.Result a = DedupBenchmark.generate(bbc, 7, 60, 30);
        DedupBenchmark.Result b = DedupBenchmark.generate(bbc, 7, 60, 30);
        assertThat(a.stream()).extracting(Article::text).isEqualTo(b.stream().stream().map(Article::text).toList());
        assertThat(a.positives()).isEqualTo(b.positives());
        assertThat(DedupBenchmark.generate(bbc, 8, 60, 30).positives()).isNotEqualTo(a.positives());

        Map<String, Article> byId = new HashMap<>();
        a.stream().forEach(x -> byId.put(x.id(), x));
        Set<Relation> kinds = new HashSet<>();
        for (DedupBenchmark.GoldPair g : a.positives()) {
            kinds.add(g.relation());
            String copy = byId.get(g.copy()).text();
            String original = byId.get(g.original()).text();
            int words = DedupBenchmark.words(original);
            switch (g.relation()) {
                case EXACT -> assertThat(TextFingerprint.of(copy)).isEqualTo(TextFingerprint.of(original));
                case NEAR -> assertThat(copy).isNotEqualTo(original);
                case CONTAINED -> {
                    assertThat(original).startsWith(copy.substring(0, Math.min(copy.length(), 40)));
                    assertThat(DedupBenchmark.words(copy)).isBetween((int) (0.4 * words), (int) (0.7 * words) + 1);
                }
                case CONTAINS -> {
                    assertThat(copy).contains(original);
                    assertThat(DedupBenchmark.words(copy)).isBetween((int) (1.4 * words), 2 * words);
                }
            }
        }
        assertThat(kinds).containsExactlyInAnyOrder(Relation.values());
        assertThat(a.negatives()).hasSize(30);
        for (DedupBenchmark.GoldPair n : a.negatives()) {
            long[] x = DedupBenchmark.shingles(byId.get(n.copy()).text());
            long[] y = DedupBenchmark.shingles(byId.get(n.original()).text());
            Set<Long> shared = new HashSet<>();
            for (long s : x) {
                shared.add(s);
            }
            long common = java.util.Arrays.stream(y).filter(shared::contains).count();
            assertThat(common).isLessThan((long) (0.2 * Math.min(x.length, y.length)) + 1);
        }
    }

    @Test
    void findsEveryRealExactGroupInReuters() {
        Path file = Path.of(System.getProperty("parallax.shared"), "data", "bulk", "reuters21578.articles.jsonl");
        assertThat(Files.isRegularFile(file)).as("Reuters-21578 at " + file).isTrue();
        DedupEvaluation.RealGroups real = DedupEvaluation.realExactGroups(CorpusReader.read(file), DedupConfig.DEFAULT);
        // 247 groups (all pairs) of identical bodies; the dataset notes count 279 by another definition.
        assertThat(real.groups()).isEqualTo(247);
        assertThat(real.missed()).isEmpty();
        assertThat(real.found()).isEqualTo(247);
    }

    @Test
    void findsEveryRealExactGroupAndReportsJson() {
        DedupEvaluation.Report r = DedupEvaluation.run(bbc, 3, DedupConfig.DEFAULT);
        // BBC News holds 133 groups of identical bodies (the dataset notes say 100 pairs of identical texts).
        assertThat(r.realGroups()).isEqualTo(133);
        assertThat(r.realGroupsFound()).isEqualTo(r.realGroups());
        assertThat(r.scores().get(Relation.EXACT).recall()).isEqualTo(1.0);
        assertThat(r.toJson()).startsWith("{\"pairs\":" + r.pairs() + ",\"exact\":{\"p\":")
                .contains("\"near\":{", "\"contains\":{", "\"contained\":{", "\"realExactGroups\":{\"groups\":133");
    }
}
