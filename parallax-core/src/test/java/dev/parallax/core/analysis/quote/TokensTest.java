package dev.parallax.core.analysis.quote;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokensTest {
    private static byte stateOf(Tokens t, String word) {
        for (int i = 0; i < t.size; i++) {
            if (t.text.substring(t.start[i], t.end[i]).equals(word)) {
                return t.quote[i];
            }
        }
        throw new AssertionError(word + " is not a token");
    }

    @Test
    void quoteOpenedAtParagraphStartWithoutClosingContinuesIntoNextQuotedParagraph() {
        Tokens t = Tokens.of("He said:\n\n“First part of it.\n\n“Second part of it.”\n\nAfter the quote.");
        assertThat(stateOf(t, "First")).isEqualTo(Tokens.IN);
        assertThat(stateOf(t, "Second")).isEqualTo(Tokens.IN);
        assertThat(stateOf(t, "After")).isEqualTo(Tokens.OUT);
    }

    @Test
    void unclosedQuoteEndsAtParagraphWhenNextParagraphDoesNotContinueIt() {
        Tokens t = Tokens.of("She said “never mind.\n\nNext paragraph.");
        assertThat(stateOf(t, "never")).isEqualTo(Tokens.IN);
        assertThat(stateOf(t, "Next")).isEqualTo(Tokens.OUT);
    }

    @Test
    void curlyOpeningPairsWithStraightClosing() {
        Tokens t = Tokens.of("He said “yes\" and left “soon”.");
        assertThat(stateOf(t, "yes")).isEqualTo(Tokens.IN);
        assertThat(stateOf(t, "and")).isEqualTo(Tokens.OUT);
        assertThat(stateOf(t, "soon")).isEqualTo(Tokens.IN);
    }

    @Test
    void abbreviationsDoNotEndSentencesAndKeepTheirPeriod() {
        Tokens t = Tokens.of("Brig. Gen. Ryder of the U.S. said so. Then he left.");
        assertThat(t.sentence[t.size - 1]).isEqualTo(1);
        assertThat(t.lower).contains("u.s.");
    }
}
