package dev.parallax.cli;

import static dev.parallax.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parallax.core.analysis.entity.EntityAnnotator;
import dev.parallax.core.testing.Seeds;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `parallax train`, and the evaluators' one-line errors on files that are not what they should be. */
class TrainCommandTest {
    @TempDir
    Path tmp;

    private static Path shared(String relative) {
        Path p = Seeds.shared().resolve(relative);
        assertThat(p).as("dataset %s (see ../shared/data/README.md)", relative).exists();
        return p;
    }

    @Test
    void trainEntityTypesWritesTheShippedModelFromWikiGoldDocuments1To72() throws Exception {
        Path out = tmp.resolve("type-model.tsv");
        CliTest.Run r = run("train", "entity-types", "--conll",
                shared("data/ner/wikigold/wikigold.conll.txt").toString(), "--docs", "1-72", "--out", out.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("wrote " + out);
        try (InputStream shipped = EntityAnnotator.class.getResourceAsStream("type-model.tsv")) {
            assertThat(Files.readString(out)).isEqualTo(new String(shipped.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void trainRefusesARangeOutsideTheFileAndWritesNothing() {
        Path out = tmp.resolve("type-model.tsv");
        CliTest.Run r = run("train", "entity-types", "--conll",
                shared("data/ner/wikigold/wikigold.conll.txt").toString(), "--docs", "100-900", "--out", out.toString());

        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err().strip()).startsWith("parallax: documents 100-900 are not within the 145 of ")
                .doesNotContain("\n");
        assertThat(out).doesNotExist();
        assertThat(run("train", "entity-types", "--conll", "x", "--docs", "9-1", "--out", out.toString()).exit())
                .isEqualTo(2);
    }

    @Test
    void trainCommonWordsStopsAtTheFirstUnreadableArticleAndWritesNothing() throws Exception {
        Path reuters = tmp.resolve("reuters.jsonl");
        Files.write(reuters, Files.readAllLines(shared("data/bulk/reuters21578.articles.jsonl")).subList(0, 30));
        Files.writeString(reuters, "{not json\n", java.nio.file.StandardOpenOption.APPEND);
        Path out = tmp.resolve("common-words.txt");

        CliTest.Run r = run("train", "common-words", "--out", out.toString(), reuters.toString());

        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err().strip()).startsWith("parallax: cannot use " + reuters + ":31: malformed JSON")
                .doesNotContain("\n");
        assertThat(out).doesNotExist();
    }

    @Test
    void evaluatorsNameAFileThatIsNotUtf8InsteadOfThrowing() throws Exception {
        Path seedUtf16 = tmp.resolve("seed.conll");
        Files.writeString(seedUtf16, Files.readString(Seeds.dir().resolve("000_6ff38f1c0ac05301.txt")),
                StandardCharsets.UTF_16);
        CliTest.Run entities = run("eval", "entities", "--conll", seedUtf16.toString());
        assertThat(entities.exit()).isEqualTo(3);
        assertThat(entities.err().strip()).isEqualTo("parallax: " + seedUtf16 + ":1: not UTF-8 text; is this a CoNLL "
                + "file?");

        CliTest.Run quotes = run("eval", "quotes", "--polnear", tmp.toString());
        assertThat(quotes.exit()).isEqualTo(3);
        assertThat(quotes.err().strip()).startsWith("parallax: no PolNeAR split 'dev' under " + tmp)
                .doesNotContain("internal error").doesNotContain("\n");
    }
}
