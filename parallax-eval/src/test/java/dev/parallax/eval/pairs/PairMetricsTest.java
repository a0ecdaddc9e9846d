package dev.parallax.eval.pairs;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PairMetricsTest {

    @Test
    void pearsonMatchesHandComputation() {
        // means 2 and 13/3; cov 5, var_x 2, var_y 38/3: r = 5 / sqrt(76/3)
        assertThat(PairMetrics.pearson(new double[] {1, 2, 3}, new double[] {2, 4, 7}))
                .isCloseTo(5 / Math.sqrt(76.0 / 3), within(1e-12));
        assertThat(PairMetrics.pearson(new double[] {1, 2, 3}, new double[] {3, 2, 1})).isCloseTo(-1, within(1e-12));
    }

    @Test
    void spearmanAveragesTiedRanks() {
        assertThat(PairMetrics.ranks(new double[] {1, 2, 2, 3})).containsExactly(1, 2.5, 2.5, 4);
        assertThat(PairMetrics.ranks(new double[] {0.5, 0.1, 0.5, 0.5})).containsExactly(3, 1, 3, 3);
        // ranks x = 1, 2.5, 2.5, 4 and y = 1, 3, 2, 4: cov 4.5, var 4.5 and 5 -> 4.5 / sqrt(22.5)
        assertThat(PairMetrics.spearman(new double[] {1, 2, 2, 3}, new double[] {10, 30, 20, 40}))
                .isCloseTo(4.5 / Math.sqrt(22.5), within(1e-12));
        // monotone but not linear: Spearman 1, Pearson below 1
        double[] x = {1, 2, 3, 4}, y = {1, 4, 9, 100};
        assertThat(PairMetrics.spearman(x, y)).isCloseTo(1, within(1e-12));
        assertThat(PairMetrics.pearson(x, y)).isLessThan(0.9);
    }

    @Test
    void f1AndAccuracyMatchHandComputation() {
        boolean[] predicted = {true, true, false, false, true};
        boolean[] gold = {true, false, true, false, true};
        // tp 2, fp 1, fn 1: P = R = 2/3
        assertThat(PairMetrics.f1(predicted, gold)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(PairMetrics.accuracy(predicted, gold)).isCloseTo(3.0 / 5, within(1e-12));
        assertThat(PairMetrics.f1(new boolean[] {false, false}, new boolean[] {true, false})).isZero();
    }

    @Test
    void fittedThresholdMaximisesF1AndSitsBetweenScores() {
        double[] scores = {0.1, 0.4, 0.35, 0.8};
        boolean[] gold = {false, false, true, true};
        // cut below 0.8: F1 2/3; below 0.4: 1/2... below 0.35: tp 2, fp 1 -> 0.8; below 0.1: 2/3
        PairMetrics.Threshold t = PairMetrics.fitThreshold(scores, gold);
        assertThat(t.f1()).isCloseTo(0.8, within(1e-12));
        assertThat(t.value()).isCloseTo(0.225, within(1e-12));
        assertThat(PairMetrics.f1(PairMetrics.decide(scores, t.value()), gold)).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void tiedScoresAreNeverSplitByTheThreshold() {
        double[] scores = {0.9, 0.5, 0.5, 0.1};
        boolean[] gold = {true, true, false, false};
        // Cutting between the two 0.5s is impossible; best legal cut is above them (F1 2/3) vs below (tp 2, fp 1 -> 0.8).
        PairMetrics.Threshold t = PairMetrics.fitThreshold(scores, gold);
        assertThat(t.value()).isCloseTo(0.3, within(1e-12));
        assertThat(t.f1()).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void undefinedInputsFailClearly() {
        assertThatThrownBy(() -> PairMetrics.pearson(new double[] {1, 1, 1}, new double[] {1, 2, 3}))
                .hasMessageContaining("constant");
        assertThatThrownBy(() -> PairMetrics.pearson(new double[] {1, 2}, new double[] {1}))
                .hasMessageContaining("differ in length");
        assertThatThrownBy(() -> PairMetrics.fitThreshold(new double[] {0.2}, new boolean[] {false}))
                .hasMessageContaining("positive");
    }
}
