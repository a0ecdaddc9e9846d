package dev.parallax.eval.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallax.ingest.Sources;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the cleaner takes from whole corpora as page furniture (docs/BENCHMARKS.md, "Page furniture"). */
class BoilerplateCountTest {
    private static BoilerplateCount count(String file) throws IOException {
        String shared = System.getProperty("parallax.shared");
        assertThat(shared).as("system property parallax.shared (set by surefire)").isNotNull();
        return BoilerplateCount.of(Sources.readAll(Path.of(shared, "data", file), (origin, reason) -> { }));
    }

    @Test
    void aScrapedCorpusLosesItsFurnitureAndItsTemplateText() throws IOException {
        BoilerplateCount helsinki = count("helsinki/helsinki-2018.articles.jsonl");
        assertThat(helsinki.articles()).isEqualTo(680);
        assertThat(helsinki.touched()).isGreaterThan(500);
        assertThat(helsinki.byReason()).containsOnlyKeys("page furniture", "page template text");
        assertThat(helsinki.byReason().get("page furniture")).containsEntry("Advertisement", 89);
        assertThat(helsinki.byReason().get("page template text"))
                .containsEntry("Enter City and State or Zip Code", 13).containsEntry("Congratulations!", 13);
        assertThat(helsinki.toJson(3)).contains("\"top\"", "\"removed\"", "\"distinct\"");
    }

    @Test
    void anEditedCorpusLosesAlmostNothing() throws IOException {
        BoilerplateCount basil = count("basil/basil.articles.jsonl");
        assertThat(basil.touched()).isEqualTo(1);
        assertThat(basil.byReason()).isEqualTo(Map.of("page furniture", Map.of("Site Mobile Navigation", 1)));
    }
}
