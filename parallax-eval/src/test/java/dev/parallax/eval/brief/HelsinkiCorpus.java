package dev.parallax.eval.brief;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallax.eval.LabelledArticles;
import java.nio.file.Files;
import java.nio.file.Path;

/** The Helsinki 2018 set of the shared data, which the brief tests slice a story from. */
final class HelsinkiCorpus {
    private HelsinkiCorpus() {}

    static LabelledArticles read() {
        String shared = System.getProperty("parallax.shared");
        assertThat(shared).as("system property parallax.shared (surefire sets it)").isNotNull();
        Path corpus = Path.of(shared, "data", "helsinki", "helsinki-2018.articles.jsonl");
        assertThat(Files.isRegularFile(corpus)).as("missing " + corpus + " (see shared/data/README.md)").isTrue();
        return LabelledArticles.read(corpus);
    }
}
