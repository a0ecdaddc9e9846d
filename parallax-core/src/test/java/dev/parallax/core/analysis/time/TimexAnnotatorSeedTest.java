package dev.parallax.core.analysis.time;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallax.core.analysis.Seeds;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.Layers;
import dev.parallax.core.model.Outlet;
import dev.parallax.core.model.Published;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gold time expressions of the two real seed articles (dated, and undated with an inferred anchor). */
class TimexAnnotatorSeedTest {
    private static final LocalDate DATE = LocalDate.of(2023, 5, 30);
    private final TimexAnnotator annotator = new TimexAnnotator();

    static Article article(String id, String text, Published published) {
        return new Article(id, "seed", Outlet.UNKNOWN, published, null, null, text, text, List.of(), Layers.empty());
    }

    /** The timex whose extent is {@code extent} (the n-th occurrence, 0-based). */
    private static Timex at(Article a, String extent, int occurrence) {
        int from = -1;
        for (int i = 0; i <= occurrence; i++) {
            from = a.text().indexOf(extent, from + 1);
            assertThat(from).as("'%s' occurs in the text", extent).isGreaterThanOrEqualTo(0);
        }
        int start = from;
        return a.layer(Timex.LAYER).stream()
                .filter(t -> t.start() == start && t.end() == start + extent.length())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no timex '" + extent + "' at " + start + "; got "
                        + a.layer(Timex.LAYER).stream().map(t -> a.textOf(t) + "=" + t.value()).toList()));
    }

    @Test
    void seed000AnchoredOnPublicationDate() throws IOException {
        Article a = annotator.annotate(article("000", Seeds.seed000Body(), Published.ofDate(DATE)));
        assertThat(at(a, "early May", 0).value()).isEqualTo("2023-05");
        assertThat(at(a, "this week", 0).value()).isEqualTo("2023-W22");
        assertThat(at(a, "2018", 0).value()).isEqualTo("2018"); // "in 2018": TempEval leaves "in" out
        assertThat(at(a, "June last year", 0).value()).isEqualTo("2022-06");
        assertThat(at(a, "earlier this month", 0).value()).isEqualTo("2023-05");
        assertThat(at(a, "2021", 0).value()).isEqualTo("2021"); // "Since 2021"
        assertThat(at(a, "this year", 0).value()).isEqualTo("2023");
        Timex recently = at(a, "recently", 0);
        assertThat(recently.value()).isEqualTo("PAST_REF");
        assertThat(recently.type()).isEqualTo(Timex.Type.DATE);
        assertThat(a.layer(Timex.LAYER)).noneMatch(Timex::anchoredOnInferredDate);
    }

    @Test
    void seed002AnchoredOnInferredDate() throws IOException {
        String text = Seeds.text("002");
        Article a = annotator.annotate(article("002", text, null), DATE, true);
        assertThat(at(a, "August of last year", 0).value()).isEqualTo("2022-08");
        assertThat(at(a, "February", 0).value()).isEqualTo("2023-02");
        assertThat(at(a, "early May", 0).value()).isEqualTo("2023-05");
        Timex week = at(a, "this week", 0);
        assertThat(week.value()).isEqualTo("2023-W22");
        assertThat(week.anchoredOnInferredDate()).isTrue();
        assertThat(at(a, "2018", 0).anchoredOnInferredDate()).isFalse(); // absolute: needs no anchor
    }

    @Test
    void withoutAnAnchorOnlyAbsoluteExpressionsRemain() throws IOException {
        Article a = annotator.annotate(article("002", Seeds.text("002"), null));
        assertThat(a.layer(Timex.LAYER)).extracting(t -> a.textOf(t)).containsExactly("2018");
    }
}
