package dev.parallax.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parallax.core.testing.Seeds;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as a user runs it: exit codes, what it prints, what it stores. */
class CliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = Main.run(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private String data() {
        return tmp.resolve("data").toString();
    }

    @Test
    void theSeedsMakeOneStoryOfTwoArticles() throws Exception {
        Run ingest = run("ingest", "--data", data(), Seeds.dir().toString());
        assertThat(ingest.exit()).as(ingest.err()).isZero();
        assertThat(ingest.out()).contains("Ingested 2 articles (1 new story)");

        Run stories = run("stories", "--data", data(), "--json");
        assertThat(stories.exit()).isZero();
        JsonNode list = JSON.readTree(stories.out());
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("articles").asInt()).isEqualTo(2);
        assertThat(list.get(0).get("first").asText()).isEqualTo("2023-05-30");

        Run story = run("story", list.get(0).get("id").asText(), "--data", data(), "--format", "json");
        assertThat(story.exit()).isZero();
        JsonNode view = JSON.readTree(story.out());
        assertThat(view.get("articles")).extracting(a -> a.get("id").asText())
                .containsExactly("000_6ff38f1c0ac05301", "002_ffa190864f8b1c5b");
        assertThat(view.get("articles").get(0).get("removals")).extracting(r -> r.get("kind").asText())
                .containsExactly("metadata", "caption", "credit");
        // The opening sentences of both accounts state the same fact; the Pelosi visit is only in seed 002.
        assertThat(sentence(view, "China rejected a US proposal").get("alsoIn")).hasSize(1);
        assertThat(sentence(view, "China's opposition to the meeting").get("alsoIn")).isEmpty();
    }

    private static JsonNode sentence(JsonNode view, String prefix) {
        for (JsonNode s : view.get("sentences")) {
            if (s.get("text").asText().startsWith(prefix)) {
                return s;
            }
        }
        throw new AssertionError("no sentence starts with " + prefix);
    }

    @Test
    void reingestingStoresNothingTwice() throws Exception {
        run("ingest", "--data", data(), Seeds.dir().toString());
        // The same text under another name is the same article.
        Path copy = tmp.resolve("copy");
        Files.createDirectories(copy);
        Files.copy(Seeds.dir().resolve("002_ffa190864f8b1c5b.txt"), copy.resolve("renamed.txt"));
        Run again = run("ingest", "--data", data(), Seeds.dir().toString(), copy.toString(), "--json");
        assertThat(again.exit()).isZero();
        JsonNode r = JSON.readTree(again.out());
        assertThat(r.get("stored").asInt()).isZero();
        assertThat(r.get("duplicates").asInt()).isEqualTo(3);
        assertThat(JSON.readTree(run("stories", "--data", data(), "--json").out()).get(0).get("articles").asInt())
                .isEqualTo(2);
    }

    @Test
    void badItemsAreReportedOneLineEachAndTheRestIsIngested() throws Exception {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        Files.copy(Seeds.dir().resolve("000_6ff38f1c0ac05301.txt"), in.resolve("good.txt"));
        Files.writeString(in.resolve("empty.txt"), "  \n\n ");
        Files.write(in.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9, '\n'});
        Files.writeString(in.resolve("notes.pdf"), "%PDF-1.4");
        Files.writeString(in.resolve("bad.jsonl"), "{\"id\":\"a\",\"text\":\"Fine body.\"}\n{not json\n");
        Run r = run("ingest", "--data", data(), in.toString(), tmp.resolve("missing").toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("Ingested 2 articles").contains("5 rejected");
        List<String> errors = r.err().lines().toList();
        assertThat(errors).hasSize(5).allSatisfy(line -> assertThat(line).startsWith("parallax: rejected "));
        assertThat(r.err()).contains("empty.txt").contains("latin1.txt").contains("notes.pdf")
                .contains("bad.jsonl:2").contains("missing").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void readCommandsFailClearlyWithoutData() {
        Run r = run("stories", "--data", tmp.resolve("nowhere").toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err().strip()).startsWith("parallax: no data directory at").doesNotContain("\n");

        run("ingest", "--data", data(), Seeds.dir().toString());
        Run missing = run("story", "s-000000000000", "--data", data());
        assertThat(missing.exit()).isEqualTo(4);
        assertThat(missing.err()).contains("no story 's-000000000000'");
    }

    @Test
    void aCorruptStoreIsAOneLineError() throws Exception {
        Path dir = tmp.resolve("junk");
        Files.createDirectories(dir);
        Files.write(dir.resolve("parallax.db"), "this is not a database at all, just text".repeat(40).getBytes());
        Run r = run("stories", "--data", dir.toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    @Test
    void evalClusteringPrintsTheDocumentedJson() throws Exception {
        // Three BASIL events, three outlets each: real articles, real gold labels.
        Path basil = Path.of(System.getProperty("parallax.shared"), "data", "basil", "basil.articles.jsonl");
        List<String> lines = Files.readAllLines(basil);
        List<String> stories = lines.stream().map(l -> readStory(l)).distinct().limit(3).toList();
        Path gold = tmp.resolve("gold.jsonl");
        Files.write(gold, lines.stream().filter(l -> stories.contains(readStory(l))).toList());

        Run r = run("eval", "clustering", "--gold", gold.toString(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("articles").asInt()).isEqualTo(9);
        assertThat(j.get("stories").get("gold").asInt()).isEqualTo(3);
        assertThat(j.get("stories").get("predicted").asInt()).isPositive();
        for (String k : List.of("b3", "pairwise")) {
            for (String m : List.of("p", "r", "f1")) {
                assertThat(j.get(k).get(m).asDouble()).isBetween(0.0, 1.0);
            }
        }
        assertThat(j.get("b3").get("f1").asDouble()).isGreaterThan(0.5);
    }

    @Test
    void evalClusteringFitWritesAModelTheClustererReads() throws Exception {
        Path ecb = Path.of(System.getProperty("parallax.shared"), "data", "ecbplus", "ecbplus-train.articles.jsonl");
        Path train = tmp.resolve("train.jsonl");
        Files.write(train, Files.readAllLines(ecb).subList(0, 60));
        Path out = tmp.resolve("model.json");

        Run r = run("eval", "clustering", "--fit", out.toString(), "--gold", train.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        dev.parallax.core.story.StoryModel m = dev.parallax.core.story.StoryModel.read(out);
        assertThat(m.articles().features()).hasSize(dev.parallax.core.story.StoryFeature.values().length);
        assertThat(m.headlines().features()).hasSize(dev.parallax.core.story.StoryFeature.values().length);
        assertThat(m.trainedOn()).contains("train.jsonl");
        assertThat(run("eval", "clustering", "--gold", train.toString(), train.toString()).err())
                .contains("one --gold file at a time");
    }

    @Test
    void benchClusteringReportsThroughputLatencyAndTheEmbeddingShare() throws Exception {
        Path basil = Path.of(System.getProperty("parallax.shared"), "data", "basil", "basil.articles.jsonl");
        Path corpus = tmp.resolve("corpus.jsonl");
        Files.write(corpus, Files.readAllLines(basil).subList(0, 12));

        Run r = run("bench", "clustering", "--corpus", corpus.toString(), "--batch", "5", "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("articles").asInt()).isEqualTo(12);
        assertThat(j.get("stored").asInt()).isEqualTo(12);
        assertThat(j.get("embeddingCpuShare").asDouble()).isBetween(0.0, 1.0);
        assertThat(j.get("placementP99Ms").asDouble()).isGreaterThanOrEqualTo(j.get("placementP50Ms").asDouble());
        assertThat(j.get("peakHeapMB").asLong()).isPositive();
        assertThat(j.has("loadAverageBefore")).isTrue();
    }

    private static String readStory(String line) {
        try {
            return JSON.readTree(line).get("story").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyCommandHasHelp() {
        for (String cmd : List.of("ingest", "stories", "story", "eval", "demo")) {
            Run r = run(cmd, "--help");
            assertThat(r.exit()).as(cmd).isZero();
            assertThat(r.out()).as(cmd).contains("Usage: parallax " + cmd);
        }
        assertThat(run("eval", "clustering", "--help").out()).contains("--gold");
        assertThat(run("frobnicate").exit()).isEqualTo(2);
    }
}
