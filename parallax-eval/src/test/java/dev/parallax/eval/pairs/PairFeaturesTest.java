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
        assertThat(PairFeatures.of(a, b, 0.9)[2]).isCloseTo(0.2, within(1e-12));
        assertThat(PairFeatures.numbers("1,300 troops and 1300 more")).isEqualTo(Set.of("1300"));
    }

    @Test
    void wordOverlapAndLengthRatio() {
        double[] f = PairFeatures.of("The cat sat.", "the cat ran away", 0.5);
        assertThat(f[0]).isEqualTo(0.5);
        // {the, cat, sat} vs {the, cat, ran, away}: 2 of 5
        assertThat(f[1]).isCloseTo(0.4, within(1e-12));
        assertThat(f[2]).isEqualTo(1.0);
        assertThat(f[3]).isCloseTo(0.75, within(1e-12));
        assertThat(PairFeatures.NAMES).hasSize(f.length);
    }
}
