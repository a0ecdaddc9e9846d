package dev.parallax.eval.brief;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallax.core.brief.Brief;
import org.junit.jupiter.api.Test;

/**
 * The summary speaks in the brief's voice, so a sentence of it must not be a piece of someone's quotation. In the
 * demo's largest story ({@link SampleStory}) three outlets carry Mark Heller's "She's in rehab right now. Nothing bad
 * is going to happen."; the splitter cuts it in two, and the summary opened with the second half, its closing
 * quotation mark dangling: `Nothing bad is going to happen."`, a lawyer's assurance stated as fact.
 */
class BriefSummaryTest {
    @Test
    void noSummarySentenceIsACutQuotation() {
        Brief brief = SampleStory.brief();
        assertThat(brief.claimWith("ecbplus-1_21ecbplus", "Nothing bad is going to happen")).isPresent();
        assertThat(brief.summary()).hasSize(5).allSatisfy(s -> assertThat(balanced(s.text()))
                .as("quotation marks of \"%s\"", s.text()).isTrue());
    }

    private static boolean balanced(String t) {
        long straight = t.chars().filter(c -> c == '"').count();
        return straight % 2 == 0 && t.chars().filter(c -> c == '“').count() == t.chars().filter(c -> c == '”').count();
    }
}
