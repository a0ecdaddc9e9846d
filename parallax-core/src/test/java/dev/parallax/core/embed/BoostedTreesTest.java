package dev.parallax.core.embed;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BoostedTreesTest {

    private static final BoostedTrees.Settings SETTINGS = new BoostedTrees.Settings(200, 3, 0.1, 5, 0.8);

    @Test
    void regressionLearnsAStepAndAnInteractionALineCannot() {
        Random random = new Random(1);
        double[][] x = new double[600][];
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            // Features on a grid of ten values, so every boundary is among the quantile cuts the trees may use.
            x[i] = new double[] {random.nextInt(10) / 10.0, random.nextInt(10) / 10.0, random.nextInt(10) / 10.0};
            // Feature 2 is noise; the label is 4 only when both of the others are high.
            y[i] = x[i][0] > 0.5 && x[i][1] > 0.5 ? 4 : 1;
        }
        BoostedTrees model = BoostedTrees.fitRegression(x, y, SETTINGS);
        assertThat(model.score(new double[] {0.9, 0.9, 0.1})).isCloseTo(4, within(0.2));
        assertThat(model.score(new double[] {0.6, 0.6, 0.8})).isCloseTo(4, within(0.2));
        assertThat(model.score(new double[] {0.9, 0.1, 0.9})).isCloseTo(1, within(0.2));
        assertThat(model.score(new double[] {0.1, 0.9, 0.5})).isCloseTo(1, within(0.2));
    }

    @Test
    void logisticScoresAreLogOddsThatSeparateTheClasses() {
        Random random = new Random(2);
        double[][] x = new double[400][];
        boolean[] y = new boolean[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {random.nextDouble(), random.nextDouble()};
            y[i] = x[i][1] > 0.3;
        }
        BoostedTrees model = BoostedTrees.fitLogistic(x, y, SETTINGS);
        assertThat(model.bias()).isCloseTo(Math.log(0.7 / 0.3), within(0.2));
        assertThat(model.score(new double[] {0.5, 0.9})).isGreaterThan(2);
        assertThat(model.score(new double[] {0.5, 0.1})).isLessThan(-2);
        assertThatThrownBy(() -> BoostedTrees.fitLogistic(x, new boolean[x.length], SETTINGS))
                .hasMessageContaining("one class");
    }

    @Test
    void refittingIsDeterministicAndJsonRoundTripsExactly() throws Exception {
        double[][] x = {{0.1, 2}, {0.4, 1}, {0.35, 7}, {0.8, 3}, {0.9, 5}, {0.2, 4}, {0.6, 6}, {0.7, 0}};
        double[] y = {1, 2, 2, 4, 5, 1, 3, 4};
        BoostedTrees.Settings small = new BoostedTrees.Settings(20, 2, 0.3, 1, 1);
        BoostedTrees a = BoostedTrees.fitRegression(x, y, small), b = BoostedTrees.fitRegression(x, y, small);
        ObjectMapper json = new ObjectMapper();
        BoostedTrees read = json.readValue(json.writeValueAsString(a), BoostedTrees.class);
        for (double[] row : x) {
            assertThat(b.score(row)).isEqualTo(a.score(row));
            assertThat(read.score(row)).isEqualTo(a.score(row));
        }
    }
}
