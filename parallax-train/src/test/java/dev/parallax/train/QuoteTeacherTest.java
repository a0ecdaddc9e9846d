package dev.parallax.train;

import ai.djl.ndarray.NDManager;
import dev.parallax.core.analysis.quote.QuoteTagger;
import dev.parallax.core.analysis.quote.QuoteTagger.TokenOffsets;
import dev.parallax.eval.quote.Polnear;
import dev.parallax.eval.quote.QuoteTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The teacher's windows cover every token of a real PolNeAR article once, in order, within {@value
 * QuoteTeacher#WINDOW} pieces, and a written teacher reads back to the same label scores.
 */
class QuoteTeacherTest {

    private static Polnear.Document article() {
        Path polnear = Path.of(System.getProperty("parallax.shared"), "data/polnear");
        // the longest of the first ten held-out articles: several windows, paragraphs cut at sentence ends
        return QuoteTrainer.trainPart(polnear, true).subList(0, 10).stream()
                .max((a, b) -> Integer.compare(a.text().length(), b.text().length())).orElseThrow();
    }

    @Test
    void windowsCoverEveryTokenOnceAndStartAtParagraphs() {
        Polnear.Document d = article();
        TokenOffsets t = QuoteTagger.tokens(d.text());
        try (NDManager manager = NDManager.newBaseManager();
             QuoteTeacher teacher = new QuoteTeacher(new AdaptedMiniLm(manager, 2, 4, 5, 1, false), manager)) {
            List<QuoteTeacher.Window> windows = teacher.windows(d.text(), t);
            assertThat(windows.size()).isGreaterThan(2);
            int next = 0;
            for (QuoteTeacher.Window w : windows) {
                assertThat(w.from()).isEqualTo(next);
                assertThat(w.ids().length).isLessThanOrEqualTo(QuoteTeacher.WINDOW);
                assertThat(w.first()[0]).isEqualTo(1);
                for (int k = 1; k < w.first().length; k++) {
                    assertThat(w.first()[k]).isGreaterThan(w.first()[k - 1]);
                }
                next += w.first().length;
            }
            assertThat(next).isEqualTo(t.size());
            long atParagraphs = windows.stream().filter(w -> t.paraStart()[w.from()]).count();
            assertThat(atParagraphs).isGreaterThanOrEqualTo(windows.size() - 1);
        }
    }

    @Test
    void aWrittenTeacherReadsBackToTheSameScores(@TempDir Path dir) throws Exception {
        String text = article().text().substring(0, 600);
        Path file = dir.resolve("teacher.bin");
        float[] before;
        try (NDManager manager = NDManager.newBaseManager();
             QuoteTeacher teacher = new QuoteTeacher(new AdaptedMiniLm(manager, 2, 4, 4, 1, false), manager)) {
            teacher.model.perturb(new Random(3), 0.05f);
            before = teacher.scores(manager, text);
            teacher.write(file);
        }
        try (NDManager manager = NDManager.newBaseManager();
             QuoteTeacher back = QuoteTeacher.read(manager, file)) {
            float[] after = back.scores(manager, text);
            assertThat(after).hasSize(QuoteTagger.tokens(text).size() * QuoteTagger.LABELS);
            assertThat(after).containsExactly(before, org.assertj.core.data.Offset.offset(1e-5f));
            assertThat(QuoteTagger.decodeScores(text, after)).isEqualTo(QuoteTagger.decodeScores(text, before));
        }
    }
}
