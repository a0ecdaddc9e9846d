package dev.parallax.eval.pairs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parallax.core.embed.OnnxEmbedder;
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
    private static OnnxEmbedder embedder;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        // The cache lets the flipped-label MRPC run reuse the vectors of the first.
        embedder = OnnxEmbedder.builder().cacheSize(1000).build();
    }

    @AfterAll
    static void close() {
        embedder.close();
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
        List<String> lines = new ArrayList<>(lines("stsb", idStarts("stsb-train-main-news-"), 30));
        lines.addAll(lines("stsb", idStarts("stsb-test-main-news-"), 40));
        lines.addAll(lines("stsb", idStarts("stsb-test-main-captions-"), 20));
        PairsReport report = PairsEvaluation.run(write("mini.pairs.jsonl", lines), embedder);
        assertThat(report.dataset()).isEqualTo("stsb");
        assertThat(report.result("test news", "cosine").pairs()).isEqualTo(40);
        assertThat(report.result("test", "cosine").pairs()).isEqualTo(60);
        assertThat(report.result("test news", "cosine").pearson()).isGreaterThan(0.6);
        assertThat(report.result("test", "cosine").spearman()).isGreaterThan(0.6);
        JsonNode json = JSON.readTree(report.toJson());
        JsonNode first = json.get("results").get(0);
        assertThat(first.has("pearson")).isTrue();
        assertThat(first.has("f1")).isFalse();
    }

    @Test
    void mrpcThresholdIsFittedOnTrainOnly() throws IOException {
        List<String> lines = new ArrayList<>(lines("mrpc", idStarts("mrpc-train-"), 40));
        lines.addAll(lines("mrpc", idStarts("mrpc-test-"), 30));
        PairsReport report = PairsEvaluation.run(write("mrpc.pairs.jsonl", lines), embedder);
        // Same file with every test label flipped: nothing fitted may change, only the test figures.
        List<String> flipped = lines.stream().map(l -> {
            try {
                ObjectNode o = (ObjectNode) JSON.readTree(l);
                if (o.get("split").asText().equals("test")) {
                    o.put("label", 1 - o.get("label").asInt());
                }
                return JSON.writeValueAsString(o);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).toList();
        PairsReport flippedReport = PairsEvaluation.run(write("flipped.pairs.jsonl", flipped), embedder);
        for (String method : List.of(PairsEvaluation.COSINE, PairsEvaluation.COMBINED)) {
            PairsResult r = report.result("test", method);
            PairsResult f = flippedReport.result("test", method);
            assertThat(r.pairs()).isEqualTo(30);
            assertThat(f.threshold()).isEqualTo(r.threshold());
            assertThat(f.accuracy()).isCloseTo(1 - r.accuracy(), org.assertj.core.api.Assertions.within(1e-12));
        }
        assertThat(report.result("test", "cosine").accuracy()).isGreaterThan(0.6);
    }

    @Test
    void semevalGoldIsReadAsDissimilarity() throws IOException {
        List<String> lines = new ArrayList<>(lines("semeval2022-task8-en", o -> o.get("split").asText().equals("train"), 10));
        lines.addAll(lines("semeval2022-task8-en", o -> o.get("split").asText().equals("test"), 10));
        PairsReport report = PairsEvaluation.run(write("semeval.pairs.jsonl", lines), embedder);
        assertThat(report.dataset()).isEqualTo("semeval2022-task8");
        // 1 = very similar: with the direction handled, cosine correlates positively.
        assertThat(report.result("all", "cosine").pearson()).isGreaterThan(0.3);
    }

    @Test
    void unknownOrMixedIdsAreRejected() throws IOException {
        List<String> mixed = new ArrayList<>(lines("mrpc", o -> true, 2));
        mixed.addAll(lines("stsb", o -> true, 2));
        Path file = write("mixed.pairs.jsonl", mixed);
        assertThatThrownBy(() -> PairsEvaluation.run(file, embedder))
                .hasMessageContaining("Cannot tell which dataset")
                .hasMessageContaining("mrpc-, stsb-, semeval8-");
        Path trainOnly = write("train.pairs.jsonl", lines("mrpc", idStarts("mrpc-train-"), 3));
        assertThatThrownBy(() -> PairsEvaluation.run(trainOnly, embedder)).hasMessageContaining("no pairs in split \"test\"");
    }
}
