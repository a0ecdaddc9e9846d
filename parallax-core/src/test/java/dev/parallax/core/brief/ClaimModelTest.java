package dev.parallax.core.brief;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallax.core.text.Terms;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClaimModelTest {
    @Test
    void termsIterateInTextOrderSoThatCandidateWeightsAreSummedAlikeInEveryRun() {
        String text = "China declined a US invitation for Austin to meet Li in Singapore, the Pentagon said of China.";
        assertThat(ClaimModel.Text.of(text).terms()).containsExactlyElementsOf(new LinkedHashSet<>(Terms.of(text)))
                .hasSizeLessThan(Terms.of(text).size());
    }

    @Test
    void commonTermsAreCountedByIdAsBySet() {
        ClaimModel.Text a = ClaimModel.Text.of("China declined the US invitation to meet in Singapore, officials said.");
        ClaimModel.Text b = ClaimModel.Text.of("Officials in Beijing declined a US request for a meeting in Singapore.");
        ClaimModel.Text c = ClaimModel.Text.of("The balloon was shot down over the Atlantic in February.");
        Set<String> shared = new HashSet<>(a.terms());
        shared.retainAll(b.terms());
        assertThat(shared).hasSizeGreaterThan(2);
        assertThat(ClaimModel.commonTerms(a, b)).isEqualTo(shared.size()).isEqualTo(ClaimModel.commonTerms(b, a));
        assertThat(ClaimModel.commonTerms(a, c)).isZero();
        assertThat(ClaimModel.commonTerms(c, c)).isEqualTo(c.terms().size());
    }

    @Test
    void theBriefsPairScoreReadsTheCosineOfTheVectorsOnlyWhenEmbedded() {
        ClaimModel.Text a = ClaimModel.Text.of("China declined the invitation to meet in Singapore.");
        ClaimModel.Text b = ClaimModel.Text.of("Beijing refused a request for a meeting at the Singapore forum.");
        float[] x = {0.6f, 0.8f}, y = {0.8f, 0.6f};
        ClaimModel embedded = ClaimModel.shipped(true), lexical = ClaimModel.shipped(false);
        double cosine = 0.6f * 0.8f + 0.8f * 0.6f;
        assertThat(embedded.logOdds(a, b, x, y))
                .isEqualTo((float) embedded.score(ClaimModel.features(a, b, cosine, true)))
                .isLessThan(embedded.logOdds(a, b, x, x));
        assertThat(lexical.logOdds(a, b, null, null))
                .isEqualTo((float) lexical.score(ClaimModel.features(a, b, 0, false)));
    }
}
