package dev.parallax.core.embed;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipped model on real test pairs it was not fitted on (its figures on the full sets: docs/pairs-results.md). */
class PairScorerTest {

    private static PairScorer.Encoders encoders;
    private static PairScorer scorer;

    @BeforeAll
    static void load() {
        encoders = PairScorer.Encoders.open();
        scorer = PairScorer.shipped(encoders);
    }

    @AfterAll
    static void close() {
        encoders.close();
    }

    @Test
    void similarityFollowsStsbGoldOnNewsTestPairs() {
        List<SharedPairs.Pair> pairs = SharedPairs.first("stsb", "stsb-test-main-news-", 60);
        List<PairScorer.Score> scores = scorer.scoreAll(pairs.stream().map(SharedPairs.Pair::a).toList(),
                pairs.stream().map(SharedPairs.Pair::b).toList());
        double high = 0, low = 0;
        int highCount = 0, lowCount = 0;
        for (int i = 0; i < pairs.size(); i++) {
            if (pairs.get(i).label() >= 4) {
                high += scores.get(i).similarity();
                highCount++;
            } else if (pairs.get(i).label() <= 1.5) {
                low += scores.get(i).similarity();
                lowCount++;
            }
        }
        assertThat(highCount).isGreaterThan(10);
        assertThat(lowCount).isGreaterThan(4);
        // On the 0–5 scale, near-equivalent pairs average high and more than a point above barely related ones.
        assertThat(high / highCount).isGreaterThan(3.5);
        assertThat(low / lowCount).isLessThan(high / highCount - 1);
    }

    @Test
    void paraphraseDecisionsMostlyAgreeWithMrpcTestGold() {
        List<SharedPairs.Pair> pairs = SharedPairs.first("mrpc", "mrpc-test-", 40);
        List<PairScorer.Score> scores = scorer.scoreAll(pairs.stream().map(SharedPairs.Pair::a).toList(),
                pairs.stream().map(SharedPairs.Pair::b).toList());
        int right = 0;
        for (int i = 0; i < pairs.size(); i++) {
            PairScorer.Score s = scores.get(i);
            assertThat(s.paraphrase()).isBetween(0.0, 1.0);
            right += s.equivalent() == (pairs.get(i).label() == 1) ? 1 : 0;
        }
        // The full test split reaches about 77% (docs/pairs-results.md); 40 pairs leave room for chance.
        assertThat(right).isGreaterThanOrEqualTo(26);
    }

    @Test
    void aSentenceAgreesWithItselfAndNotWithAChangedFigureAndName() {
        String a = "Yucaipa owned Dominick's before selling the chain to Safeway in 1998 for $2.5 billion.";
        PairScorer.Score same = scorer.score(a, a);
        PairScorer.Score changed = scorer.score(a,
                "Kroger owned Dominick's before selling the chain to Safeway in 2004 for $1.1 billion.");
        assertThat(same.similarity()).isGreaterThan(4.5);
        assertThat(same.equivalent()).isTrue();
        assertThat(changed.similarity()).isLessThan(same.similarity() - 0.5);
        assertThat(changed.paraphrase()).isLessThan(same.paraphrase());
    }

    @Test
    void aModelFittedOnOtherFeaturesIsRejectedWithAFix() {
        String json = "{\"features\":[\"cosine\"],\"similarity\":{\"bias\":0,\"trees\":[]},"
                + "\"paraphrase\":{\"bias\":0,\"trees\":[]},\"paraphraseThreshold\":0}";
        assertThatThrownBy(() -> PairScorer.Model.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json"))
                .isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("test.json")
                .hasMessageContaining("refit");
        assertThatThrownBy(() -> scorer.scoreAll(List.of("a"), List.of()))
                .hasMessageContaining("as many");
    }
}
