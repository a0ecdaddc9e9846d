package dev.parallax.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusteringMetricsTest {
    private static final double EPS = 1e-9;

    @Test
    void handComputedMixedExample() {
        // gold: {a b c d} {e}; predicted: {a b} {c d e}
        // cells: (G1,P1)=2, (G1,P2)=2, (G2,P2)=1; |G1|=4 |G2|=1 |P1|=2 |P2|=3
        // B3 precision per item: a,b 2/2; c,d 2/3; e 1/3 -> (2 + 4/3 + 1/3) / 5 = 11/15
        // B3 recall per item:    a,b 2/4; c,d 2/4; e 1/1 -> (1 + 1 + 1) / 5 = 3/5
        // B3 F1 = 2 * 11/15 * 3/5 / (11/15 + 3/5) = 0.66
        // pairs: true = C(2,2) + C(2,2) = 2; predicted = C(2,2) + C(3,2) = 4; gold = C(4,2) = 6
        // pairwise P = 2/4, R = 2/6, F1 = 2 * 1/2 * 1/3 / (5/6) = 0.4
        Map<String, String> gold = Map.of("a", "G1", "b", "G1", "c", "G1", "d", "G1", "e", "G2");
        Map<String, String> predicted = Map.of("a", "P1", "b", "P1", "c", "P2", "d", "P2", "e", "P2");

        ClusteringScores s = ClusteringMetrics.score(gold, predicted);

        assertThat(s.b3Precision()).isCloseTo(11.0 / 15, within(EPS));
        assertThat(s.b3Recall()).isCloseTo(3.0 / 5, within(EPS));
        assertThat(s.b3F1()).isCloseTo(0.66, within(EPS));
        assertThat(s.pairPrecision()).isCloseTo(0.5, within(EPS));
        assertThat(s.pairRecall()).isCloseTo(1.0 / 3, within(EPS));
        assertThat(s.pairF1()).isCloseTo(0.4, within(EPS));
        assertThat(s.items()).isEqualTo(5);
        assertThat(s.goldClusters()).isEqualTo(2);
        assertThat(s.predictedClusters()).isEqualTo(2);
    }

    @Test
    void swappingGoldAndPredictedSwapsPrecisionAndRecall() {
        Map<String, String> gold = Map.of("a", "G1", "b", "G1", "c", "G1", "d", "G1", "e", "G2");
        Map<String, String> predicted = Map.of("a", "P1", "b", "P1", "c", "P2", "d", "P2", "e", "P2");

        ClusteringScores s = ClusteringMetrics.score(predicted, gold);

        assertThat(s.b3Precision()).isCloseTo(3.0 / 5, within(EPS));
        assertThat(s.b3Recall()).isCloseTo(11.0 / 15, within(EPS));
        assertThat(s.pairPrecision()).isCloseTo(1.0 / 3, within(EPS));
        assertThat(s.pairRecall()).isCloseTo(0.5, within(EPS));
    }

    @Test
    void allSingletonsPredicted() {
        // gold {a b} {c}; predicted {a} {b} {c}
        // B3 P = 1 for every item; B3 R: a,b 1/2, c 1/1 -> 2/3; F1 = 2 * 2/3 / (5/3) = 0.8
        // no predicted pair: pairwise P = 1 by convention; 0 of the 1 gold pair found: R = 0, F1 = 0
        ClusteringScores s = ClusteringMetrics.score(Map.of("a", "X", "b", "X", "c", "Y"),
                Map.of("a", "1", "b", "2", "c", "3"));

        assertThat(s.b3Precision()).isCloseTo(1.0, within(EPS));
        assertThat(s.b3Recall()).isCloseTo(2.0 / 3, within(EPS));
        assertThat(s.b3F1()).isCloseTo(0.8, within(EPS));
        assertThat(s.pairPrecision()).isCloseTo(1.0, within(EPS));
        assertThat(s.pairRecall()).isCloseTo(0.0, within(EPS));
        assertThat(s.pairF1()).isCloseTo(0.0, within(EPS));
    }

    @Test
    void oneClusterPredicted() {
        // gold {a b} {c}; predicted {a b c}
        // B3 P: a,b 2/3, c 1/3 -> 5/9; B3 R = 1; F1 = 2 * 5/9 / (14/9) = 5/7
        // pairs: true 1, predicted C(3,2) = 3, gold 1 -> P = 1/3, R = 1, F1 = 0.5
        ClusteringScores s = ClusteringMetrics.score(Map.of("a", "X", "b", "X", "c", "Y"),
                Map.of("a", "s", "b", "s", "c", "s"));

        assertThat(s.b3Precision()).isCloseTo(5.0 / 9, within(EPS));
        assertThat(s.b3Recall()).isCloseTo(1.0, within(EPS));
        assertThat(s.b3F1()).isCloseTo(5.0 / 7, within(EPS));
        assertThat(s.pairPrecision()).isCloseTo(1.0 / 3, within(EPS));
        assertThat(s.pairRecall()).isCloseTo(1.0, within(EPS));
        assertThat(s.pairF1()).isCloseTo(0.5, within(EPS));
    }

    @Test
    void singletonGoldAndSingletonPredictionAgreePerfectly() {
        // no pair anywhere: both pairwise conventions give 1, and every B3 item scores 1/1
        ClusteringScores s = ClusteringMetrics.score(Map.of("a", "X", "b", "Y"), Map.of("a", "1", "b", "2"));

        assertThat(s.b3F1()).isCloseTo(1.0, within(EPS));
        assertThat(s.pairF1()).isCloseTo(1.0, within(EPS));
    }

    @Test
    void labelsAreComparedOnlyForEquality() {
        // same partition under different label names scores perfectly
        ClusteringScores s = ClusteringMetrics.score(Map.of("a", "X", "b", "X", "c", "Y"),
                Map.of("a", "q", "b", "q", "c", "r"));

        assertThat(s.b3F1()).isCloseTo(1.0, within(EPS));
        assertThat(s.pairF1()).isCloseTo(1.0, within(EPS));
    }

    @Test
    void emptyInputIsRejected() {
        assertThatThrownBy(() -> ClusteringMetrics.score(Map.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no items");
    }

    @Test
    void differentItemSetsAreRejected() {
        assertThatThrownBy(() -> ClusteringMetrics.score(Map.of("a", "X", "b", "X"), Map.of("a", "1", "c", "1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("same items")
                .hasMessageContaining("'b' is only in gold");
    }
}
