package dev.parallax.core.embed;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PairFeaturesTest {

    /** Surface features only: no token pieces, so the alignment features are all 0. */
    private static double feature(String name, String a, String b) {
        double[] f = PairFeatures.of(a, b, 0.5, 0.6, List.of(), List.of(), new float[0][0]);
        assertThat(f).hasSize(PairFeatures.NAMES.size());
        return f[PairFeatures.NAMES.indexOf(name)];
    }

    @Test
    void numbersDisagreeWhenAFigureChanges() {
        // From MRPC train (label 0): same deal, different prices and years.
        String a = "Yucaipa owned Dominick's before selling the chain to Safeway in 1998 for $2.5 billion.";
        String b = "Yucaipa bought Dominick's in 1995 for $693 million and sold it to Safeway for $1.8 billion in 1998.";
        assertThat(PairFeatures.numbers(a)).containsExactlyInAnyOrder("1998", "2.5");
        // {1998, 2.5} vs {1995, 693, 1.8, 1998}: 1 shared of 5
        assertThat(feature("numberJaccard", a, b)).isCloseTo(0.2, within(1e-12));
        assertThat(feature("numberMismatch", a, b)).isEqualTo(1);
        assertThat(feature("numberMismatch", a, "Yucaipa sold Dominick's.")).isZero();
        assertThat(PairFeatures.numbers("1,300 troops and 1300 more")).isEqualTo(Set.of("1300"));
    }

    @Test
    void overlapFeaturesMatchHandComputation() {
        String a = "The cat sat.", b = "the cats ran away";
        // stemmed content terms {cat, sat} vs {cat, ran, awai}: 1 of 4; containment 1 of the smaller set's 2
        assertThat(feature("termJaccard", a, b)).isCloseTo(0.25, within(1e-12));
        assertThat(feature("termContainment", a, b)).isCloseTo(0.5, within(1e-12));
        // bigrams {the cat, cat sat} vs {the cats, cats ran, ran away}: none shared
        assertThat(feature("bigramJaccard", a, b)).isZero();
        assertThat(feature("lengthRatio", a, b)).isCloseTo(0.75, within(1e-12));
        // LCS of [the cat sat] and [the cats ran away] is [the]: 1 over the longer 4
        assertThat(feature("lcsRatio", a, b)).isCloseTo(0.25, within(1e-12));
        assertThat(PairFeatures.charGrams(List.of("the", "cat"), 4)).containsExactlyInAnyOrder("the ", "he c", "e ca", " cat");
    }

    @Test
    void capitalisedWordsStandInForNames() {
        // Sentence-initial capitals are ignored; "Safeway" vs "Kroger" is a disagreement.
        assertThat(feature("capitalisedJaccard", "Shares of Safeway rose.", "Investors bought Safeway stock.")).isEqualTo(1.0);
        assertThat(feature("capitalisedJaccard", "Shares of Safeway rose.", "Investors bought Kroger stock.")).isZero();
        assertThat(feature("capitalisedUnmatched", "Shares of Safeway rose.", "Investors bought Kroger stock.")).isEqualTo(2);
    }

    @Test
    void negationMismatchNeedsOneSideNegated() {
        assertThat(feature("negationMismatch", "The bill passed the Senate.", "The bill did not pass the Senate.")).isEqualTo(1);
        assertThat(feature("negationMismatch", "The bill never passed.", "The bill didn't pass.")).isZero();
        assertThat(feature("negationMismatch", "The bill passed.", "The Senate approved the bill.")).isZero();
    }

    @Test
    void alignmentTakesEachPiecesBestMatchAndSkipsPunctuation() {
        List<String> a = List.of("shares", "fell", "."), b = List.of("stocks", "dropped", "sharply");
        float[][] sim = {
                {0.9f, 0.2f, 0.1f},
                {0.3f, 0.8f, 0.4f},
                {0.99f, 0.99f, 0.99f}, // "." would match everything; it must not count
        };
        double[] align = PairFeatures.align(a, b, sim);
        double precision = (0.9 + 0.8) / 2, recall = (0.9 + 0.8 + 0.4) / 3;
        assertThat(align[0]).isCloseTo(precision, within(1e-6));
        assertThat(align[1]).isCloseTo(recall, within(1e-6));
        assertThat(align[2]).isCloseTo(2 * precision * recall / (precision + recall), within(1e-6));
        // "sharply" has no good partner: the worst-matched piece.
        assertThat(align[3]).isCloseTo(0.4, within(1e-6));
        assertThat(PairFeatures.align(List.of("."), b, new float[][] {{1, 1, 1}})).containsExactly(0, 0, 0, 0);
    }
}
