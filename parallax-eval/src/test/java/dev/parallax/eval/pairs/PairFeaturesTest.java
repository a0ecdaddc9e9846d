package dev.parallax.eval.pairs;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PairFeaturesTest {

    @Test
    void numbersDisagreeWhenAFigureChanges() {
        // From MRPC train (label 0): same deal, different prices and years.
        String a = "Yucaipa owned Dominick's before selling the chain to Safeway in 1998 for $2.5 billion.";
        String b = "Yucaipa bought Dominick's in 1995 for $693 million and sold it to Safeway for $1.8 billion in 1998.";
        assertThat(PairFeatures.numbers(a)).containsExactlyInAnyOrder("1998", "2.5");
        // {1998, 2.5} vs {1995, 693, 1.8, 1998}: 1 shared of 5
        assertThat(PairFeatures.of(a, b, 0.9)[5]).isCloseTo(0.2, within(1e-12));
        assertThat(PairFeatures.numbers("1,300 troops and 1300 more")).isEqualTo(Set.of("1300"));
    }

    @Test
    void overlapFeaturesMatchHandComputation() {
        double[] f = PairFeatures.of("The cat sat.", "the cat ran away", 0.5);
        assertThat(f).hasSize(PairFeatures.NAMES.size());
        assertThat(f[0]).isEqualTo(0.5);
        // words {the, cat, sat} vs {the, cat, ran, away}: 2 of 5
        assertThat(f[1]).isCloseTo(0.4, within(1e-12));
        // bigrams {the cat, cat sat} vs {the cat, cat ran, ran away}: 1 of 4
        assertThat(f[2]).isCloseTo(0.25, within(1e-12));
        // containment: 2 shared of the smaller set's 3
        assertThat(f[4]).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(f[5]).isEqualTo(1.0);
        assertThat(f[7]).isCloseTo(0.75, within(1e-12));
        assertThat(f[8]).isCloseTo(0.2, within(1e-12));
        assertThat(PairFeatures.charGrams("The cat", 4)).containsExactlyInAnyOrder("the ", "he c", "e ca", " cat");
    }

    @Test
    void capitalisedWordsStandInForNames() {
        // Sentence-initial capitals are ignored; "Safeway" vs "Kroger" is a disagreement.
        double[] same = PairFeatures.of("Shares of Safeway rose.", "Investors bought Safeway stock.", 0.5);
        double[] different = PairFeatures.of("Shares of Safeway rose.", "Investors bought Kroger stock.", 0.5);
        assertThat(same[6]).isEqualTo(1.0);
        assertThat(different[6]).isZero();
    }
}
