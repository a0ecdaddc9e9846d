package dev.parallax.core.analysis.quote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallax.core.analysis.quote.QuoteTagger.Labelled;
import dev.parallax.core.analysis.quote.QuoteTagger.Role;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seam through which an outside labeller (the encoder teacher of parallax-train) feeds the quote annotator:
 * per-token label scores decoded by the tagger's Viterbi, then grouped by the annotator's rules. On seed 000's
 * indirect quote "Ryder added that China’s reluctance …".
 */
class QuoteTaggerSeamTest {

    private static String paragraph() throws IOException {
        String text = QuoteAnnotatorTest.seed("000_6ff38f1c0ac05301.txt", true);
        int at = text.indexOf("Ryder added that");
        return text.substring(at, text.indexOf('\n', at));
    }

    private static Labelled span(String text, Role role, String phrase) {
        int at = text.indexOf(phrase);
        return new Labelled(role, at, at + phrase.length());
    }

    private static List<Labelled> gold(String text) {
        return List.of(span(text, Role.SOURCE, "Ryder"), span(text, Role.CUE, "added"),
                span(text, Role.CONTENT, text.substring(text.indexOf("that"), text.length() - 1)));
    }

    /** Log-probability 0 for {@code labels[i]}, -5 for every other label. */
    private static float[] confident(int[] labels) {
        float[] scores = new float[labels.length * QuoteTagger.LABELS];
        Arrays.fill(scores, -5f);
        for (int i = 0; i < labels.length; i++) {
            scores[i * QuoteTagger.LABELS + labels[i]] = 0;
        }
        return scores;
    }

    @Test
    void confidentScoresDecodeToTheirSpansAndGroupIntoTheAttribution() throws IOException {
        String text = paragraph();
        int[] labels = QuoteTagger.labels(text, gold(text));
        assertThat(labels).hasSize(QuoteTagger.tokens(text).size());
        List<Labelled> decoded = QuoteTagger.decodeScores(text, confident(labels));
        assertThat(decoded).containsExactlyInAnyOrderElementsOf(gold(text));

        List<Quote> quotes = new QuoteAnnotator().quotes(text, decoded);
        assertThat(quotes).hasSize(1);
        Quote q = quotes.getFirst();
        assertThat(q.source().textIn(text)).isEqualTo("Ryder");
        assertThat(q.cue().textIn(text)).isEqualTo("added");
        assertThat(q.kind()).isEqualTo(Quote.Kind.INDIRECT);
        assertThat(q.content().getFirst().textIn(text)).startsWith("that China’s reluctance")
                .endsWith("with the Chinese military");
    }

    @Test
    void viterbiKeepsTheBioConstraints() throws IOException {
        String text = paragraph();
        int[] labels = QuoteTagger.labels(text, gold(text));
        float[] scores = confident(labels);
        // "added" scored as the inside of a cue with nothing before it: only a B-cue may start a cue
        int added = 1;
        assertThat(labels[added]).isEqualTo(3);
        scores[added * QuoteTagger.LABELS + 4] = 0;
        scores[added * QuoteTagger.LABELS + 3] = -1;
        assertThat(QuoteTagger.decodeScores(text, scores)).contains(span(text, Role.CUE, "added"));
        assertThatThrownBy(() -> QuoteTagger.decodeScores(text, new float[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scores");
    }

    @Test
    void silverContentsForTheRankerAreTheTeachersOwnGroupedContentsOnly() throws IOException {
        String text = paragraph();
        Labelled content = gold(text).get(2);
        assertThat(ContentExtent.groupedContents(text, gold(text))).containsExactly(content);
        // a cue the teacher gave no content: the rules fill in the rest of the sentence, which is not the teacher's
        List<Labelled> noContent = gold(text).subList(0, 2);
        assertThat(new QuoteAnnotator(QuoteTagger.rulesOnly()).quotes(text, noContent)).hasSize(1);
        assertThat(ContentExtent.groupedContents(text, noContent)).isEmpty();
    }
}
