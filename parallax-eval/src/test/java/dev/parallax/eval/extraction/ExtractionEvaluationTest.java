package dev.parallax.eval.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The whole benchmark: the metric reproduces the published figures, and our extractor holds its level. */
class ExtractionEvaluationTest {
    private static Path benchmark() {
        String shared = System.getProperty("parallax.shared");
        assertThat(shared).as("system property parallax.shared (set by surefire)").isNotNull();
        return Path.of(shared, "data", "extraction", "scrapinghub");
    }

    @Test
    void scoresUsAndThePeersAlikeOnAll181Pages() throws IOException {
        ExtractionEvaluation.Report r = ExtractionEvaluation.run(benchmark());
        Map<String, ExtractionScores> by = r.systems().stream()
                .collect(Collectors.toMap(ExtractionScores::system, Function.identity()));

        assertThat(by).hasSize(14).allSatisfy((name, s) -> assertThat(s.pages()).isEqualTo(181));
        // the benchmark's README: trafilatura 2.0.0 F1 0.958, Readability.js 0.947, boilerpipe 0.860
        assertThat(by.get("trafilatura").f1()).isCloseTo(0.958, within(0.0015));
        assertThat(by.get("readability_js").f1()).isCloseTo(0.947, within(0.0015));
        assertThat(by.get("boilerpipe").f1()).isCloseTo(0.860, within(0.0015));
        // ours, as measured in docs/BENCHMARKS.md: above Readability.js, whose method Readability4J ports
        assertThat(by.get(ExtractionEvaluation.PARALLAX).f1()).isGreaterThan(0.95);
        assertThat(by.get(ExtractionEvaluation.PARALLAX_CLEANED).f1()).isGreaterThan(0.95);
        assertThat(r.pages()).hasSize(181);
        // every page was fetched from a URL it states; most state a title, an outlet and a date
        assertThat(r.found()).containsOnlyKeys("title", "published", "outlet", "url");
        assertThat(r.found().get("url")).isEqualTo(181);
        assertThat(r.found().get("title")).isGreaterThan(170);
    }

    @Test
    void aFolderWithoutTheBenchmarkIsAOneLineError() {
        assertThatThrownBy(() -> ExtractionEvaluation.run(benchmark().resolve("html")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("html: no ground-truth.json (the ScrapingHub benchmark's folder, "
                        + "../shared/data/extraction/scrapinghub)");
    }
}
