package dev.parallax.eval.pairs;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LinearScorerTest {

    @Test
    void leastSquaresRecoversAnExactLinearRelation() {
        double[][] x = {{0, 1}, {1, 0}, {2, 3}, {3, 1}, {4, 5}};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 2 * x[i][0] - 0.5 * x[i][1] + 1;
        }
        LinearScorer model = LinearScorer.fitLeastSquares(x, y);
        assertThat(model.score(new double[] {10, 10})).isCloseTo(2 * 10 - 5 + 1, within(1e-3));
    }

    @Test
    void logisticRegressionSeparatesByTheInformativeFeature() {
        double[][] x = {{0.1, 5}, {0.2, 1}, {0.3, 3}, {0.7, 2}, {0.8, 4}, {0.9, 1}, {0.25, 4}, {0.75, 5}};
        boolean[] y = {false, false, false, true, true, true, false, true};
        LinearScorer model = LinearScorer.fitLogistic(x, y);
        for (int i = 0; i < x.length; i++) {
            assertThat(model.score(x[i]) > 0).as("example %d", i).isEqualTo(y[i]);
        }
        assertThat(Math.abs(model.weights()[0])).isGreaterThan(Math.abs(model.weights()[1]));
    }
}
