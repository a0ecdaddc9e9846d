package dev.parallax.eval.brief;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallax.core.analysis.time.Timex;
import dev.parallax.core.brief.Brief;
import dev.parallax.core.brief.Brief.Discrepancy;
import dev.parallax.core.model.Article;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A date discrepancy says what two outlets state. The demo's largest story ({@link SampleStory}) holds three
 * undated articles; the time annotator anchors their "Thursday" on the story's latest date (2013-06-14) and marks
 * the value inferred. The brief set one of them against an outlet's own date: "nydailynews.com says 2013-05-02 (late
 * Thursday), ktla.com says 2013-06-13 (Thursday)", though ktla.com stated no such date; the timeline marks such
 * points.
 */
class BriefDateDiscrepancyTest {
    @Test
    void aDateInferredFromTheStoryIsNoOutletsStatement() {
        List<Article> articles = SampleStory.articles();
        Map<String, Article> byId = articles.stream().collect(Collectors.toMap(Article::id, Function.identity()));
        assertThat(byId.get("ecbplus-1_9ecbplus").layer(Timex.LAYER)).as("ktla.com's inferred times")
                .anyMatch(Timex::anchoredOnInferredDate);
        Brief brief = SampleStory.brief();
        // the case: ktla.com's inferred "Thursday" and nydailynews.com's own "late Thursday" in one claim
        assertThat(brief.claimWith("ecbplus-1_9ecbplus", "Newport Beach on Thursday"))
                .isEqualTo(brief.claimWith("ecbplus-1_11ecbplus", "Betty Ford Center late Thursday")).isPresent();
        List<Discrepancy> dates = brief.discrepancies().stream().filter(d -> d.kind().equals("date")).toList();
        assertThat(dates).as("the story's date discrepancies").allSatisfy(d -> {
            for (Brief.Span s : List.of(d.a(), d.b())) {
                assertThat(byId.get(s.article()).layer(Timex.LAYER))
                        .filteredOn(t -> t.start() == s.start() && t.end() == s.end())
                        .as("%s: the timex %s", d, s).singleElement()
                        .matches(t -> !t.anchoredOnInferredDate(), "stated, not inferred");
            }
        });
    }
}

