package dev.parallax.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StoryModelFitterTest {
    private static final double[] LEVELS = StoryModelFitter.thresholds();

    /** The curve over the grid 0.05 … 0.95: the given values first, then falling away. */
    private static double[] curve(double... head) {
        double[] c = new double[LEVELS.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = i < head.length ? head[i] : 0.5 - 0.01 * i;
        }
        return c;
    }

    @Test
    void aFlatTopGivesItsMiddleNotItsArgmax() {
        // the articles scorer's curve of the float32 fit in h34-quant: best at 0.25, 0.15–0.25 within 0.005
        double[] c = curve(0.9173, 0.9199, 0.9381, 0.9398, 0.9412, 0.9356, 0.9341, 0.9315);

        assertThat(StoryModelFitter.plateauMiddle(c, LEVELS)).isCloseTo(0.20, within(1e-9));
    }

    @Test
    void anEvenPlateauGivesTheLevelHalfWayBetweenItsEnds() {
        // the headlines scorer's curve of the same fit: 0.05 and 0.10 within 0.0004
        double[] c = curve(0.8857, 0.8861, 0.8717, 0.8467);

        assertThat(StoryModelFitter.plateauMiddle(c, LEVELS)).isCloseTo(0.075, within(1e-9));
    }

    @Test
    void aSharpPeakIsItsOwnPlateau() {
        double[] c = curve(0.80, 0.85, 0.93, 0.85, 0.80);

        assertThat(StoryModelFitter.plateauMiddle(c, LEVELS)).isCloseTo(0.15, within(1e-9));
    }

    @Test
    void theRunStopsAtTheFirstLevelBelowThePlateauEvenIfALaterOneRisesAgain() {
        // 0.20 is within 0.005 of the best but cut off from it by 0.15: the plateau is 0.05–0.10
        double[] c = curve(0.900, 0.898, 0.880, 0.897, 0.85);

        assertThat(StoryModelFitter.plateauMiddle(c, LEVELS)).isCloseTo(0.075, within(1e-9));
    }

    @Test
    void aDifferenceOfExactlyThePlateauWidthIsOnThePlateau() {
        double[] c = curve(0.80, 0.9412, 0.9362, 0.80);

        assertThat(StoryModelFitter.plateauMiddle(c, LEVELS)).isCloseTo(0.125, within(1e-9));
    }

    @Test
    void theFoldAssignmentsCutTheStoriesIndependently() {
        int stories = 400;
        int[] same = new int[3];
        for (int i = 0; i < stories; i++) {
            String label = "story-" + i;
            int f0 = StoryModelFitter.fold(label, 0);
            int f1 = StoryModelFitter.fold(label, 1);
            int f2 = StoryModelFitter.fold(label, 2);
            same[0] += f0 == f1 ? 1 : 0;
            same[1] += f0 == f2 ? 1 : 0;
            same[2] += f1 == f2 ? 1 : 0;
        }
        // independent bits agree about half the time; one assignment repeated would agree always
        for (int s : same) {
            assertThat(s).isBetween(150, 250);
        }
    }
}
