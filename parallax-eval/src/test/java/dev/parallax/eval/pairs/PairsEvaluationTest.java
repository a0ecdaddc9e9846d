package dev.parallax.eval.pairs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parallax.core.embed.PairScorer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs the evaluation end to end on a few dozen real pairs (the full sets are run from main, not here). */
class PairsEvaluationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static PairScorer.Encoders encoders;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        encoders = PairScorer.Encoders.open();
    }

    @AfterAll
    static void close() {
        encoders.close();
    }

    /** The first {@code n} lines of a shared pairs file that pass {@code keep}, as raw JSON lines. */
    private static List<String> lines(String name, Predicate<JsonNode> keep, int n) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(SharedData.pairs(name))) {
            if (out.size() < n && keep.test(JSON.readTree(line))) {
                out.add(line);
            }
        }
        return out;
    }

    private static Predicate<JsonNode> idStarts(String prefix) {
        return o -> o.get("id").asText().startsWith(prefix);
    }

    private Path write(String name, List<String> lines) throws IOException {
        return Files.write(dir.resolve(name), lines);
    }

    @Test
    void stsbCosineCorrelatesWithGoldOnRealNewsPairs() throws IOException {
        // Enough train pairs for the scorer's trees to split (their leaves hold at least 30 pairs).
        List<String> lines = new ArrayList<>(lines("stsb", idStarts("stsb-train-main-news-"), 100));
        lines.addAll(lines("stsb", idStarts("stsb-test-main-news-"), 40));
        lines.addAll(lines("stsb", idStarts("stsb-test-main-captions-"), 20));
        PairsReport report = PairsEvaluation.run(write("mini.pairs.jsonl", lines), encoders);
        assertThat(report.dataset()).isEqualTo("stsb");
        assertThat(report.result("test news", "cosine").pairs()).isEqualTo(40);
        assertThat(report.result("test", "cosine").pairs()).isEqualTo(60);
        assertThat(report.result("test news", "cosine").pearson()).isGreaterThan(0.6);
        assertThat(report.result("test", "cosine").spearman()).isGreaterThan(0.6);
        assertThat(report.result("test news", "scorer").pearson()).isGreaterThan(0.5);
        JsonNode json = JSON.readTree(report.toJson());
        JsonNode first = json.get("results").get(0);
        assertThat(first.has("pearson")).isTrue();
        assertThat(first.has("f1")).isFalse();
    }

    @Test
    void mrpcThresholdIsFittedOnTrainOnly() throws IOException {
        List<String> lines = new ArrayList<>(lines("mrpc", idStarts("mrpc-train-"), 80));
        lines.addAll(lines("mrpc", idStarts("mrpc-test-"), 30));
        List<TextPair> pairs = PairsReader.read(write("mrpc.pairs.jsonl", lines));
        // The pairs are embedded once; the evaluation then runs on them and on a copy with every test label flipped:
        // nothing fitted may change, only the test figures.
        List<PairsEvaluation.Scored> train = PairsEvaluation.score(
                pairs.stream().filter(p -> p.split().equals("train")).toList(), encoders);
        List<PairsEvaluation.Scored> test = PairsEvaluation.score(
                pairs.stream().filter(p -> p.split().equals("test")).toList(), encoders);
        List<PairsEvaluation.Scored> flipped = test.stream().map(s -> new PairsEvaluation.Scored(
                new TextPair(s.pair().id(), s.pair().a(), s.pair().b(), 1 - s.pair().label(), s.pair().split()),
                s.features())).toList();
        PairsReport report = PairsEvaluation.mrpc(train, test, encoders.crossEncoder());
        PairsReport flippedReport = PairsEvaluation.mrpc(train, flipped, encoders.crossEncoder());
        assertThat(report.dataset()).isEqualTo("mrpc");
        for (String method : List.of(PairsEvaluation.COSINE, PairsEvaluation.TREES, PairsEvaluation.CROSS_ENCODER,
                PairsEvaluation.SCORER)) {
            PairsResult r = report.result("test", method);
            PairsResult f = flippedReport.result("test", method);
            assertThat(r.pairs()).isEqualTo(30);
            assertThat(f.threshold()).isEqualTo(r.threshold());
            assertThat(f.accuracy()).isCloseTo(1 - r.accuracy(), org.assertj.core.api.Assertions.within(1e-12));
        }
        assertThat(report.result("test", "cosine").accuracy()).isGreaterThan(0.6);
    }

    @Test
    void briefScorerDecidesWithTheClaimModelsOwnThresholdAndFitsNothingOnTest() throws IOException {
        List<String> lines = new ArrayList<>(lines("mrpc", idStarts("mrpc-train-"), 5));
        lines.addAll(lines("mrpc", idStarts("mrpc-test-"), 40));
        Path file = write("mrpc.pairs.jsonl", lines);
        List<String> flipped = new ArrayList<>();
        for (String line : lines) {
            com.fasterxml.jackson.databind.node.ObjectNode o = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(line);
            o.put("label", 1 - o.get("label").asInt());
            flipped.add(JSON.writeValueAsString(o));
        }
        PairsResult r = PairsEvaluation.runBrief(file, encoders.miniLm()).result("test", PairsEvaluation.BRIEF);
        PairsResult f = PairsEvaluation.runBrief(write("flipped.pairs.jsonl", flipped), encoders.miniLm())
                .result("test", PairsEvaluation.BRIEF);
        assertThat(r.pairs()).isEqualTo(40);
        assertThat(r.threshold()).isEqualTo(dev.parallax.core.brief.ClaimModel.shipped(true).threshold());
        assertThat(f.accuracy()).isCloseTo(1 - r.accuracy(), org.assertj.core.api.Assertions.within(1e-12));
        assertThat(r.accuracy()).isGreaterThan(0.55);

        List<String> stsb = new ArrayList<>(lines("stsb", idStarts("stsb-train-"), 3));
        stsb.addAll(lines("stsb", idStarts("stsb-test-main-news-"), 40));
        stsb.addAll(lines("stsb", idStarts("stsb-test-main-captions-"), 20));
        PairsReport report = PairsEvaluation.runBrief(write("stsb.pairs.jsonl", stsb), encoders.miniLm());
        assertThat(report.result("test news", PairsEvaluation.BRIEF).pairs()).isEqualTo(40);
        assertThat(report.result("test", PairsEvaluation.BRIEF).pairs()).isEqualTo(60);
        assertThat(report.result("test news", PairsEvaluation.BRIEF).pearson()).isGreaterThan(0.5);
    }

    @Test
    void semevalGoldIsReadAsDissimilarity() throws IOException {
        List<String> lines = new ArrayList<>(lines("semeval2022-task8-en", o -> o.get("split").asText().equals("train"), 80));
        lines.addAll(lines("semeval2022-task8-en", o -> o.get("split").asText().equals("test"), 10));
        PairsReport report = PairsEvaluation.run(write("semeval.pairs.jsonl", lines), encoders);
        assertThat(report.dataset()).isEqualTo("semeval2022-task8");
        // 1 = very similar: with the direction handled, cosine correlates positively.
        assertThat(report.result("all", "cosine").pearson()).isGreaterThan(0.3);
    }

    @Test
    void unknownOrMixedIdsAreRejected() throws IOException {
        List<String> mixed = new ArrayList<>(lines("mrpc", o -> true, 2));
        mixed.addAll(lines("stsb", o -> true, 2));
        Path file = write("mixed.pairs.jsonl", mixed);
        assertThatThrownBy(() -> PairsEvaluation.run(file, encoders))
                .hasMessageContaining("Cannot tell which dataset")
                .hasMessageContaining("mrpc-, stsb-, semeval8-");
        Path trainOnly = write("train.pairs.jsonl", lines("mrpc", idStarts("mrpc-train-"), 3));
        assertThatThrownBy(() -> PairsEvaluation.run(trainOnly, encoders)).hasMessageContaining("no pairs in split \"test\"");
    }
}
