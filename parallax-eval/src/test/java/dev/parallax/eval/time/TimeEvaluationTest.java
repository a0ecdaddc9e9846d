package dev.parallax.eval.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.parallax.core.analysis.time.Timex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimeEvaluationTest {
    private static Path tbaq(String... parts) {
        String shared = System.getProperty("parallax.shared");
        if (shared == null) {
            fail("system property parallax.shared is not set (surefire sets it to ../shared)");
        }
        Path p = Path.of(shared, "data", "tempeval3", "train").resolve(String.join("/", parts));
        if (!Files.exists(p)) {
            fail("TempEval-3 TBAQ data missing: " + p + " (see shared/data/README.md, Format D)");
        }
        return p;
    }

    @Test
    void readsBodyTextGoldOffsetsAndTheDct() throws IOException {
        TimeMlDocument doc = TimeMlDocument.read(tbaq("TimeBank", "ABC19980108.1830.0711.tml"));
        assertThat(doc.dct()).isEqualTo(LocalDate.of(1998, 1, 8));
        assertThat(doc.text()).doesNotContain("<").contains("another very bad financial week for Asia");
        TimeMlDocument.Gold first = doc.gold().get(0);
        assertThat(doc.text().substring(first.start(), first.end())).isEqualTo("week");
        assertThat(first.type()).isEqualTo("DURATION");
        assertThat(first.value()).isEqualTo("P1W");
        TimeMlDocument.Gold second = doc.gold().get(1);
        assertThat(doc.text().substring(second.start(), second.end())).isEqualTo("the last twenty four hours");
        // the DCT TIMEX3 lives in the header: never a gold target
        assertThat(doc.gold()).noneMatch(g -> g.value().equals("1998-01-08") && g.start() == 0);
    }

    @Test
    void scoresStrictRelaxedAndAttributesTempEvalStyle() throws IOException {
        TimeMlDocument doc = TimeMlDocument.read(tbaq("TimeBank", "ABC19980108.1830.0711.tml"));
        TimeMlDocument.Gold week = doc.gold().get(0);
        TimeMlDocument.Gold hours = doc.gold().get(1);
        List<Timex> predicted = List.of(
                new Timex(week.start(), week.end(), Timex.Type.DURATION, "P1W", false), // exact
                new Timex(hours.start() + 4, hours.end(), Timex.Type.DURATION, "PT24H", false), // overlap, bad value
                new Timex(0, 2, Timex.Type.DATE, "PRESENT_REF", false)); // spurious ("On")
        List<String> errors = new ArrayList<>();
        TimeEvaluation.Counts c = TimeEvaluation.score(doc, predicted, errors);
        assertThat(c.predicted()).isEqualTo(3);
        assertThat(c.strict()).isEqualTo(1);
        assertThat(c.relaxed()).isEqualTo(2);
        assertThat(c.value()).isEqualTo(1);
        assertThat(c.type()).isEqualTo(2);
        // attribute F1 = attribute accuracy x relaxed F1
        double accuracy = (double) c.value() / c.relaxed();
        assertThat(c.valuePrf().f1()).isCloseTo(accuracy * c.relaxedPrf().f1(), Offset.offset(1e-12));
        assertThat(errors).anyMatch(e -> e.contains("SPURIOUS")).anyMatch(e -> e.contains("VALUE"));
    }

    @Test
    void developmentAndCheckSplitTheDocumentsDisjointly() throws IOException {
        Path train = tbaq();
        TimeEvaluation.Counts all = TimeEvaluation.run(train).total();
        TimeEvaluation.Counts dev = TimeEvaluation.run(train, TimeEvaluation.Split.DEVELOPMENT).total();
        TimeEvaluation.Counts check = TimeEvaluation.run(train, TimeEvaluation.Split.CHECK).total();
        assertThat(dev.documents() + check.documents()).isEqualTo(all.documents());
        assertThat(dev.gold() + check.gold()).isEqualTo(all.gold());
        assertThat((double) check.documents() / all.documents()).isBetween(0.15, 0.25);
    }

    @Test
    void malformedTimeMlGetsAOneLineMessage(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.tml");
        Files.writeString(bad, "<TimeML><TEXT>oops</TimeML>");
        assertThatThrownBy(() -> TimeMlDocument.read(bad)).isInstanceOf(IOException.class)
                .hasMessageContaining("bad.tml").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> TimeEvaluation.run(dir.resolve("missing")))
                .hasMessageContaining("TimeML folder not found");
    }
}
