package dev.parallax.eval.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallax.core.text.PageFurniture;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The page-furniture model on the ScrapingHub pages: the labels hold, and the shipped model keeps its level. */
class FurnitureFitTest {
    private static FurniturePages.Halves halves;

    @BeforeAll
    static void read() throws IOException {
        String shared = System.getProperty("parallax.shared");
        assertThat(shared).as("system property parallax.shared (set by surefire)").isNotNull();
        halves = FurniturePages.read(Path.of(shared, "data", "extraction", "scrapinghub"));
    }

    @Test
    void everyPageHasArticleTextAndFurnitureAndTheHalvesSplitTheBenchmark() {
        assertThat(halves.train()).hasSize(91);
        assertThat(halves.test()).hasSize(90);
        assertThat(halves.test()).allSatisfy(p -> {
            assertThat(p.furniture()).as(p.id()).contains(true);
            assertThat(p.blocks()).as(p.id()).hasSameSizeAs(p.furniture()).hasSameSizeAs(p.headline());
        });
        // a page whose article text is not in its blocks would say nothing of the model: nearly every page has some
        long withArticle = halves.test().stream().filter(p -> {
            for (boolean f : p.furniture()) {
                if (!f) {
                    return true;
                }
            }
            return false;
        }).count();
        assertThat(withArticle).isGreaterThanOrEqualTo(85);
    }

    /** Figures of docs/BENCHMARKS.md ("Page furniture"), measured on the test half, which the fit never saw. */
    @Test
    void theShippedModelFindsMostFurnitureAndLosesLittleArticleText() {
        FurnitureFit.Scores s = FurnitureFit.evaluate(halves.test(), PageFurniture.shipped());
        assertThat(s.furniture().p()).isGreaterThan(0.975);
        assertThat(s.furniture().r()).isGreaterThan(0.78);
        assertThat(s.articleWordsLost()).isLessThan(0.01);
        assertThat(s.kept().f1()).isGreaterThan(s.allBlocks().f1() + 0.08);
    }
}
