package dev.parallax.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallax.core.pipeline.Pipelines;
import dev.parallax.core.story.StoryFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ablation table's rows on a real slice (ECB+ train: the first 60 articles to fit, the next 40 to score): the
 * full model first, then the same model never splitting, then one refit per feature dropped. A bookkeeping check; the
 * figures of the shipped fit are in docs/BENCHMARKS.md.
 */
class StoryModelAblationTest {
    @Test
    void rowsAreTheFullModelItsNeverSplittingTwinAndOneRefitPerFeatureDropped(@TempDir Path dir) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(System.getProperty("parallax.shared"),
                "data/ecbplus/ecbplus-train.articles.jsonl"));
        Path train = Files.write(dir.resolve("train.jsonl"), lines.subList(0, 60));
        Path test = Files.write(dir.resolve("test.jsonl"), lines.subList(60, 100));
        List<StoryModelAblation.Row> rows = new ArrayList<>();
        // the process's shared embedders (not closed here: other tests use them)
        new StoryModelAblation(Pipelines.referenceEmbedder(), Pipelines.embedder())
                .run(List.of(train), List.of(test), true, rows::add);

        assertThat(rows).hasSize(2 + StoryFeature.values().length);
        StoryModelAblation.Row all = rows.get(0);
        StoryModelAblation.Row never = rows.get(1);
        assertThat(all.label()).isEqualTo("all");
        assertThat(rows).filteredOn(StoryModelAblation.Row::full).containsExactly(all);
        assertThat(never.label()).isEqualTo(StoryModelAblation.NO_SPLIT);
        assertThat(never.model().articles().split()).isZero();
        assertThat(never.model().articles().withSplit(all.model().articles().split())).isEqualTo(all.model().articles());
        assertThat(never.model().headlines()).isEqualTo(all.model().headlines());
        for (int i = 0; i < StoryFeature.values().length; i++) {
            StoryFeature dropped = StoryFeature.values()[i];
            StoryModelAblation.Row row = rows.get(2 + i);
            assertThat(row.label()).isEqualTo("without " + dropped.key());
            assertThat(row.model().articles().weights()).doesNotContainKey(dropped)
                    .hasSize(StoryFeature.values().length - 1);
        }
        for (StoryModelAblation.Row row : rows) {
            assertThat(row.scores()).singleElement().satisfies(s -> assertThat(s.items()).isEqualTo(40));
        }
    }
}
