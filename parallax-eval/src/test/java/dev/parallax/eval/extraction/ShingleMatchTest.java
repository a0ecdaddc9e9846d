package dev.parallax.eval.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's metric on texts small enough to count by hand. */
class ShingleMatchTest {
    private static final String GOLD = "China rejected a US proposal for a meeting"; // 8 tokens: 5 shingles

    @Test
    void extraTextCostsPrecisionAndMissingTextCostsRecall() {
        ShingleMatch extra = ShingleMatch.of(GOLD, "Advertisement. " + GOLD); // one extra shingle of six
        assertThat(extra.precision()).isCloseTo(5.0 / 6, within(1e-12));
        assertThat(extra.recall()).isEqualTo(1.0);
        assertThat(extra.tp() + extra.fp() + extra.fn()).isCloseTo(1.0, within(1e-12));

        ShingleMatch missing = ShingleMatch.of(GOLD, "China rejected a US proposal"); // 2 of 5 shingles
        assertThat(missing.precision()).isEqualTo(1.0);
        assertThat(missing.recall()).isCloseTo(2.0 / 5, within(1e-12));
    }

    @Test
    void shinglesAreAMultisetOfUnicodeWordTokens() {
        String twice = "Пекин отказал США во встрече. Пекин отказал США во встрече.";
        ShingleMatch once = ShingleMatch.of(twice, "Пекин — отказал США во «встрече»");
        // gold: 10 tokens, 7 shingles, two of them "Пекин отказал США во" and "отказал США во встрече"
        assertThat(once.precision()).isEqualTo(1.0);
        assertThat(once.recall()).isCloseTo(2.0 / 7, within(1e-12));
    }

    @Test
    void aTextShorterThanAShingleIsOneShingleAndNothingIsNothing() {
        assertThat(ShingleMatch.of("Photo: AP", "Photo: AP").precision()).isEqualTo(1.0);
        assertThat(ShingleMatch.of("Photo: AP", "Photo")).isEqualTo(new ShingleMatch(0, 0.5, 0.5));
        ShingleMatch nothing = ShingleMatch.of(GOLD, "");
        assertThat(nothing.precision()).isZero();
        assertThat(nothing.recall()).isZero();
    }

    @Test
    void precisionIsAveragedOnlyOverPagesWhereSomethingWasExtracted() {
        ExtractionScores s = ExtractionScores.of("x", List.of(ShingleMatch.of(GOLD, GOLD), ShingleMatch.of(GOLD, "")));
        assertThat(s.precision()).isEqualTo(1.0);
        assertThat(s.recall()).isEqualTo(0.5);
        assertThat(s.f1()).isCloseTo(2 * 0.5 / 1.5, within(1e-12));
        assertThat(s.pages()).isEqualTo(2);
    }
}
