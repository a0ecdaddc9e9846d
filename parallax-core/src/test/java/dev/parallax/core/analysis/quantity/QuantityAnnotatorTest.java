package dev.parallax.core.analysis.quantity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.parallax.core.analysis.Seeds;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuantityAnnotatorTest {
    private final QuantityAnnotator annotator = new QuantityAnnotator();

    private Quantity only(String text, String extent) {
        List<Quantity> found = annotator.find(text);
        return found.stream().filter(q -> text.substring(q.start(), q.end()).equals(extent)).findFirst()
                .orElseThrow(() -> new AssertionError("no quantity '" + extent + "' in " + found.stream()
                        .map(q -> text.substring(q.start(), q.end())).toList()));
    }

    @Test
    void seed000HedgedCounts() throws IOException {
        String text = Seeds.seed000Body();
        Quantity dozen = only(text, "over a dozen requests");
        assertThat(dozen.comparator()).isEqualTo(Quantity.Comparator.GREATER);
        assertThat(dozen.value()).isEqualTo(12);
        assertThat(dozen.kind()).isEqualTo(Quantity.Kind.COUNT);
        assertThat(dozen.unit()).isEqualTo("requests");
        Quantity ten = only(text, "nearly ten working-level engagements");
        assertThat(ten.comparator()).isEqualTo(Quantity.Comparator.APPROX);
        assertThat(ten.value()).isEqualTo(10);
        assertThat(ten.unit()).isEqualTo("working-level engagements");
        // "in 2018", "Since 2021": years belong to the time layer
        assertThat(annotator.find(text)).extracting(q -> text.substring(q.start(), q.end()))
                .noneMatch(s -> s.contains("2018") || s.contains("2021"));
    }

    @Test
    void reutersMoneyAbbreviations() {
        // wording of Reuters-21578 (1987) wire copy
        String text = "The dividend is five cts a share, against one mln dlr last year.";
        assertThat(annotator.find(text))
                .extracting(q -> text.substring(q.start(), q.end()), Quantity::kind, Quantity::value, Quantity::unit)
                .containsExactly(tuple("five cts", Quantity.Kind.MONEY, 0.05, "USD"),
                        tuple("one mln dlr", Quantity.Kind.MONEY, 1e6, "USD"));
    }

    @Test
    void moneyPercentAndWords() {
        String text = "The fund lost $1.5 billion, or 3.2%, and about 200 people left; more than 1,000 signed, "
                + "while 12 pct voted and two hundred workers and 5 mln dlrs were pledged on May 30.";
        assertThat(annotator.find(text))
                .extracting(q -> text.substring(q.start(), q.end()), Quantity::kind, Quantity::comparator,
                        Quantity::value, Quantity::unit)
                .containsExactly(
                        tuple("$1.5 billion", Quantity.Kind.MONEY, Quantity.Comparator.EXACT, 1.5e9, "USD"),
                        tuple("3.2%", Quantity.Kind.PERCENT, Quantity.Comparator.EXACT, 3.2, "%"),
                        tuple("about 200 people", Quantity.Kind.COUNT, Quantity.Comparator.APPROX, 200.0, "people"),
                        tuple("more than 1,000", Quantity.Kind.COUNT, Quantity.Comparator.GREATER, 1000.0, ""),
                        tuple("12 pct", Quantity.Kind.PERCENT, Quantity.Comparator.EXACT, 12.0, "%"),
                        tuple("two hundred workers", Quantity.Kind.COUNT, Quantity.Comparator.EXACT, 200.0,
                                "workers"),
                        tuple("5 mln dlrs", Quantity.Kind.MONEY, Quantity.Comparator.EXACT, 5e6, "USD"));
    }
}
