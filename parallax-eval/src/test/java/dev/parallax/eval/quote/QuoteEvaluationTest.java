package dev.parallax.eval.quote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuoteEvaluationTest {
    static Path polnear() {
        String shared = System.getProperty("parallax.shared");
        if (shared == null) {
            throw new IllegalStateException("system property parallax.shared is not set (surefire sets it)");
        }
        Path dir = Path.of(shared, "data", "polnear");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("PolNeAR is missing at " + dir + " (see ../shared/data/README.md)");
        }
        return dir;
    }

    @Test
    void readsTheCanonicalAnnotationOfEveryArticle() {
        List<Polnear.Document> dev = Polnear.read(polnear(), "dev");
        assertThat(dev).hasSize(84);
        assertThat(dev.stream().mapToInt(d -> d.attributions().size()).sum()).isEqualTo(2193);
        List<Polnear.Document> train = Polnear.read(polnear(), "train");
        assertThat(train).hasSize(840);
        // includes the three files whose span texts run over several lines
        assertThat(train.stream().mapToInt(d -> d.attributions().size()).sum()).isEqualTo(19868);
        long withCue = 0;
        for (Polnear.Document d : dev) {
            for (Polnear.Attribution a : d.attributions()) {
                if (a.cue() != null) {
                    withCue++;
                    assertThat(a.cue().end()).isLessThanOrEqualTo(d.text().length());
                }
            }
        }
        // a few events are bare "Attribution-no-source" anchors without roles
        assertThat(withCue).isBetween(2150L, 2193L);
    }

    @Test
    void exactMatchNeedsTheSameFragmentsAndCountsEachGoldOnce() {
        List<int[]> gold = List.of(new int[] {10, 20, 25, 30}, new int[] {40, 50});
        assertThat(QuoteEvaluation.exactMatches(List.of(new int[] {10, 20, 25, 30}), gold)).isEqualTo(1);
        assertThat(QuoteEvaluation.exactMatches(List.of(new int[] {10, 30}), gold)).isZero();
        assertThat(QuoteEvaluation.exactMatches(List.of(new int[] {40, 50}, new int[] {40, 50}), gold)).isEqualTo(1);
    }

    @Test
    void overlapMatchingIsOneToOneAndPrefersTheLargestOverlap() {
        List<int[]> gold = List.of(new int[] {0, 10}, new int[] {12, 30});
        // one prediction covering both golds matches only one of them
        assertThat(QuoteEvaluation.overlapMatches(List.of(new int[] {5, 20}), gold)).isEqualTo(1);
        // greedy by shared characters: [8,30) takes [12,30) (18 chars), leaving [0,10) to [0,9)
        assertThat(QuoteEvaluation.overlapMatches(List.of(new int[] {0, 9}, new int[] {8, 30}), gold)).isEqualTo(2);
        assertThat(QuoteEvaluation.overlapMatches(List.of(new int[] {10, 12}), gold)).isZero();
    }

    /** A floor under the shipped model's PolNeAR dev scores (reported: 0.692 / 0.655 / 0.506 exact F1). */
    @Test
    void devScoresStayAtTheReportedLevel() {
        QuoteEvaluation.Result r = QuoteEvaluation.run(polnear(), "dev");
        assertThat(r.source().f1()).isGreaterThan(0.685);
        assertThat(r.cue().f1()).isGreaterThan(0.65);
        assertThat(r.content().f1()).isGreaterThan(0.50);
        assertThat(r.overlap().content().f1()).isGreaterThan(r.content().f1());
        assertThat(r.toJson()).contains("\"source\"", "\"overlap\"", "\"f1\"");
    }

    @Test
    void missingSplitIsAClearError() {
        assertThatThrownBy(() -> Polnear.read(polnear(), "test"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no PolNeAR split 'test'");
    }
}
