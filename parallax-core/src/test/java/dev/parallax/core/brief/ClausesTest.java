package dev.parallax.core.brief;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallax.core.model.Sentence;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Clause splitting on sentences of the seed articles. */
class ClausesTest {
    private static List<String> clauses(String s) {
        return Clauses.of(s, new Sentence(0, s.length())).stream().map(c -> c.textIn(s)).toList();
    }

    @Test
    void twoFactsJoinedByHoweverAreTwoClauses() {
        assertThat(clauses("Li Shangfu was sanctioned by the US government in 2018 for purchasing Russian weapons; "
                + "however, the Pentagon asserts that this does not prevent Austin from conducting official business "
                + "with him.")).containsExactly(
                "Li Shangfu was sanctioned by the US government in 2018 for purchasing Russian weapons",
                "the Pentagon asserts that this does not prevent Austin from conducting official business with him.");
    }

    @Test
    void butAndCommaAndSplitOnlyBetweenClausesWithVerbs() {
        assertThat(clauses("The Pentagon in a statement stated that Beijing had turned down an invitation for a "
                + "meeting that was extended in early May, but added that the US would still work to improve "
                + "communication channels despite the rejection.")).hasSize(2);
        assertThat(clauses("In response, citing US restrictions imposed on Chinese officials, institutions, and "
                + "businesses, the Chinese Embassy in the US questioned the authenticity and importance of the offer."))
                .as("a list is not two clauses").hasSize(1);
        assertThat(clauses("In response, Austin and other US officials have been working to strengthen alliances and "
                + "partnerships in Asia to counter Beijing’s increasingly assertive actions.")).hasSize(1);
    }

    @Test
    void aBareAndSplitsOnlyLongClauses() {
        assertThat(clauses("Tensions between Washington and Beijing escalated this year over issues such as Taiwan "
                + "and an alleged Chinese spy balloon that was shot down by a US warplane after traversing the "
                + "country.")).containsExactly("Tensions between Washington and Beijing escalated this year over "
                + "issues such as Taiwan", "an alleged Chinese spy balloon that was shot down by a US warplane after "
                + "traversing the country.");
        assertThat(clauses("China was slapped with multiple sanctions by the US over alleged violations of human "
                + "rights in Xinjiang and limitations on political freedom in Hong Kong.")).hasSize(1);
    }

    @Test
    void aConjunctionInsideAPhraseDoesNotSplit() {
        // sentences of a Fox News article in BASIL (basil-df5fe55a-…_2) that a split had cut into fragments: "2012 if
        // Congress passes …", "that the Senate could move …", "also for higher earners …"
        assertThat(clauses("Speaking to reporters at a joint appearance with Polish President Bronislaw Komorowski, "
                + "Obama said economists predict higher job growth in 2011 and 2012 if Congress passes the agreement "
                + "and urged lawmakers to examine the details of the deal and \"get this done.\"")).containsExactly(
                "Speaking to reporters at a joint appearance with Polish President Bronislaw Komorowski, Obama said "
                + "economists predict higher job growth in 2011 and 2012 if Congress passes the agreement",
                "urged lawmakers to examine the details of the deal and \"get this done.\"");
        assertThat(clauses("Kyl said an official analysis and price tag, referred to as a \"score,\" from the Joint "
                + "Committee on Taxation (JCT) are not yet ready, but that the Senate could move to the bill anyway."))
                .hasSize(1);
        assertThat(clauses("Some Democrats are unhappy that Obama agreed to extend expiring tax cuts not just for the "
                + "middle class but also for higher earners, and that he agreed to impose a lower estate tax on wealthy "
                + "heirs.")).hasSize(1);
        // a clause may begin with "nothing" (BBC news, bulk/bbc.articles.jsonl)
        assertThat(clauses("Black Eyed Peas singer Fergie was dressed in a tight orange top and purple hotpants, but "
                + "nothing in her performance was likely to upset TV watchdogs.")).hasSize(2);
    }

    @Test
    void aClauseThatBeginsWithItsVerbIsHeadless() {
        List<String> obama = clauses("Speaking to reporters at a joint appearance with Polish President Bronislaw "
                + "Komorowski, Obama said economists predict higher job growth in 2011 and 2012 if Congress passes the "
                + "agreement and urged lawmakers to examine the details of the deal and \"get this done.\"");
        assertThat(obama.stream().map(Clauses::headless)).containsExactly(false, true);
        List<String> pentagon = clauses("The Pentagon in a statement stated that Beijing had turned down an invitation "
                + "for a meeting that was extended in early May, but added that the US would still work to improve "
                + "communication channels despite the rejection.");
        assertThat(pentagon.stream().map(Clauses::headless)).containsExactly(false, true);
        List<String> li = clauses("Li Shangfu was sanctioned by the US government in 2018 for purchasing Russian "
                + "weapons; however, the Pentagon asserts that this does not prevent Austin from conducting official "
                + "business with him.");
        assertThat(li.stream().map(Clauses::headless)).containsExactly(false, false);
    }

    @Test
    void aBoundaryInsideAQuotationDoesNotSplit() {
        assertThat(clauses("Liu Pengyu said “China always firmly opposes illegal unilateral sanctions; it has made "
                + "clear its stern position to the US side.”")).hasSize(1);
    }
}
