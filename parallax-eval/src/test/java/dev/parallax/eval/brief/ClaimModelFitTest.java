package dev.parallax.eval.brief;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallax.core.embed.Embedder;
import dev.parallax.core.embed.EmbedderChoice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The claim model's fit on real STS-B lines: which train pairs it reads. */
class ClaimModelFitTest {
    @TempDir
    Path dir;

    /** The first {@code n} lines of STS-B whose id starts with {@code prefix}. */
    private static List<String> stsb(String prefix, int n) throws IOException {
        String shared = System.getProperty("parallax.shared");
        assertThat(shared).as("system property parallax.shared (surefire sets it)").isNotNull();
        return Files.readAllLines(Path.of(shared, "data", "pairs", "stsb.pairs.jsonl")).stream()
                .filter(l -> l.startsWith("{\"id\":\"" + prefix)).limit(n).toList();
    }

    @Test
    void newsOnlyFitsOnTheNewsTrainPairsAndNeverOnTest() throws IOException {
        List<String> lines = new ArrayList<>(stsb("stsb-train-main-news-", 60));
        lines.addAll(stsb("stsb-train-main-captions-", 40));
        lines.addAll(stsb("stsb-test-main-news-", 30));
        Path pairs = Files.write(dir.resolve("mini.pairs.jsonl"), lines);
        try (Embedder embedder = EmbedderChoice.STATIC.open(1)) {
            String all = ClaimModelFit.fit(pairs, embedder, 2.0, false, false);
            String news = ClaimModelFit.fit(pairs, embedder, 2.0, false, true);
            assertThat(all.lines().findFirst().orElseThrow()).contains("(100 pairs").doesNotContain("news pairs");
            assertThat(news.lines().findFirst().orElseThrow()).contains("news pairs (60 pairs");
            // Captions' cosines sit on another scale, so leaving them out moves the fitted cosine mean.
            assertThat(property(news, "embedded.mean")).isNotEqualTo(property(all, "embedded.mean"));
        }
    }

    private static String property(String fit, String key) {
        return fit.lines().filter(l -> l.startsWith(key + "=")).findFirst().orElseThrow();
    }
}
