package dev.parallax.eval.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PairScoresTest {
    @Test
    void handChecked() {
        // 8 right, 2 wrong, 4 missed: P = 8/10, R = 8/12, F1 = 2PR/(P+R) = 2*0.8*0.6667/1.4667 = 0.7273.
        PairScores s = PairScores.of(8, 2, 4);
        assertThat(s.precision()).isEqualTo(0.8);
        assertThat(s.recall()).isCloseTo(0.6667, within(1e-4));
        assertThat(s.f1()).isCloseTo(0.7273, within(1e-4));
    }

    @Test
    void emptyCases() {
        assertThat(PairScores.of(0, 0, 3).precision()).isEqualTo(1.0);
        assertThat(PairScores.of(0, 0, 3).f1()).isEqualTo(0.0);
        assertThat(PairScores.of(0, 2, 0).recall()).isEqualTo(1.0);
        assertThat(PairScores.of(0, 2, 0).precision()).isEqualTo(0.0);
    }
}
