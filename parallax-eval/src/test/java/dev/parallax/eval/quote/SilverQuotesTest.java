package dev.parallax.eval.quote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Silver attributions survive their file form, plain and gzipped; a bad line fails with one line naming it. */
class SilverQuotesTest {

    /** A real PolNeAR train article with its gold spans standing in for a teacher's. */
    private static SilverQuotes.Text article() {
        Polnear.Document d = QuoteTrainer.trainPart(QuoteEvaluationTest.polnear(), true).get(1);
        return new SilverQuotes.Text(d.name(), d.text(), QuoteTrainer.spans(d));
    }

    @Test
    void roundTripKeepsTextsAndSpans(@TempDir Path dir) throws Exception {
        SilverQuotes.Text a = article();
        assertThat(a.spans()).isNotEmpty();
        for (String name : List.of("silver.jsonl", "silver.jsonl.gz")) {
            Path file = dir.resolve(name);
            try (BufferedWriter w = SilverQuotes.writer(file)) {
                SilverQuotes.write(w, a);
                SilverQuotes.write(w, new SilverQuotes.Text("none", "No attribution here.", List.of()));
            }
            List<SilverQuotes.Text> back = SilverQuotes.read(file);
            assertThat(back).hasSize(2);
            assertThat(back.get(0)).isEqualTo(a);
            assertThat(back.get(1).spans()).isEmpty();
        }
    }

    @Test
    void badLinesAreRejectedWithTheirNumber(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "{\"text\":\"He said so.\",\"spans\":[[\"CUE\",3,7]]}\n"
                + "{\"text\":\"He said so.\",\"spans\":[[\"SPEAKER\",0,2]]}\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SilverQuotes.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2").hasMessageContaining("bad span");
        Files.writeString(file, "{\"text\":\"He said so.\",\"spans\":[[\"CUE\",3,70]]}\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SilverQuotes.read(file)).hasMessageContaining("line 1");
        Files.writeString(file, "not json\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SilverQuotes.read(file)).hasMessageContaining("is not JSON");
        assertThatThrownBy(() -> SilverQuotes.read(dir.resolve("missing.jsonl"))).hasMessageContaining("cannot read");
    }
}
